"""Draw a timeline as inline SVG (colours follow the page's text), with a text twin.

The figure holds, in this order: a caption, a hint that shows when the chart is
wider than the page (static/process-timeline.css: on a phone), the chart, its
legend, and the same facts in words.  The chart is two SVGs side by side: the
row labels (hidden from screen readers, the words say it all) and the plot,
which has the chart's title and description; on a narrow screen the figure
scrolls sideways and the labels stay in view.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Iterable

from i18n.ext_words import _

from .model import Row, Timeline, most_inside, signal_name

# The chart's size at scale 1 (labels and plot together), a row, a bar.
WIDTH, ROW, BAR = 780, 30, 14
TOP, BOTTOM, LEFT_PAD = 34, 10, 14

# Colours that read on white and on furo's dark background alike.
LIFE, DAEMON, LOCK, SEMAPHORE, SIGNAL = (
    "#4c72b0",
    "#8c6bb1",
    "#dd8452",
    "#3a9a5b",
    "#d1495b",
)
# The waits' lines, each of its own kind: dashes (join), dash and dot (the
# implicit join), round dots (Queue.get); the end of the main code is a solid
# line across the chart, named where it stands.
DASHES = {"join": "6 3", "exit_join": "9 3 2 3", "get": "0 5"}


def chart_words() -> dict[str, str]:
    """The chart's words in the language being built (the ``_ext`` catalog)."""
    words = {
        "title": _("What the processes of this run did"),
        "how": _(
            "One row per process, children under their parent; time runs to the"
            " right. Every fact in the chart is also written out below."
        ),
        "which_method": _(
            "It draws the run under {method}; the outputs above show every start"
            " method's."
        ),
        "which_run": _("It draws run {number} of the runs above."),
        "scroll": _("The chart is wider than the page: scroll it sideways."),
        "time_s": _("time (s)"),
        "time_ms": _("time (ms)"),
        "s": _("{value} s"),
        "ms": _("{value} ms"),
        "alive": _("alive"),
        "daemon": _("daemon"),
        # a daemon's row: its name, and what it is (full-width brackets in zh)
        "daemon_row": _("{name} ({daemon})"),
        "join": _("waiting in join()"),
        "exit_join": _("waiting for its children at exit (implicit join)"),
        "get": _("waiting in Queue.get()"),
        "lock": _("holds the lock"),
        "semaphore": _("inside the semaphore"),
        "call": _("terminate() or kill() called, on the process it points at"),
        "call_ended": _("terminate() or kill() called on a process already ended"),
        "code_end": _("main code ends"),
        # where each code block of a lesson that starts processes in several
        # begins: a line across the chart, and its name above it
        "part": _("code block {number} (line {line})"),
        "row_part": _("Code block {number}, from line {line}, begins {when}."),
        "exit": _("exit code {code}"),
        "killed": _("killed by {signal} (exit code {code})"),
        "unknown": _("exit status unknown"),
        "why_exit_join": _(
            "Implicit join: before a process exits, multiprocessing waits for each"
            " of its children that is not a daemon, as if join() were called."
        ),
        "why_pool": _(
            "A pool's terminate(), which leaving a with Pool() block calls, sends"
            " SIGTERM to every worker still running: a worker that had already"
            " finished ends with exit code 0, the others are stopped."
        ),
        "why_executor": _(
            "A ProcessPoolExecutor whose worker died is broken: it calls"
            " terminate() on each of its workers, on the dead ones too, where it"
            " changes nothing. How each worker really ended is written at the end"
            " of its bar."
        ),
        "text": _("The timeline in words"),
        "from_to": _("from {t0} to {t1}"),
        "at": _("at {t}"),
        "times": _(" ({n} times)"),
        "row": _("{name}: alive {when}"),
        "row_exit": _(", exit code {code}"),
        "row_killed": _(", killed by {signal} (exit code {code})"),
        "row_unknown": _(", exit status unknown: its parent never checked it"),
        "row_call": _("; called {call} on {child} ({signal}) {when}"),
        "row_call_pool": _(
            "; the pool's terminate() called {call} on {child} ({signal}) {when}"
        ),
        "row_call_exit": _(
            "; at exit, multiprocessing called {call} on the daemon {child}"
            " ({signal}) {when}"
        ),
        "row_call_executor": _(
            "; the broken ProcessPoolExecutor called {call} on {child} ({signal})"
            " {when}"
        ),
        "row_call_ended": _(", which had already ended"),
        "row_join": _("; waited in join() for {child} {when}"),
        "row_exit_join": _("; waited for its children at exit (implicit join) {when}"),
        "row_hold": _("; held the {kind} {when}"),
        "row_get": _("; waited in Queue.get() {when}"),
        "row_gets": _("; waited in Queue.get() {n} times between {t0} and {t1}"),
        "most": _("At most {n} processes held the {kind} at once."),
        "note": _("Times are from the run that built this page; yours will differ."),
    }
    return {key: str(word) for key, word in words.items()}


def lock_kinds() -> dict[str, str]:
    """What each kind of lock is called in the timeline in words."""
    lock, semaphore = _("lock"), _("semaphore")
    return {
        "Lock": lock,
        "RLock": lock,
        "Semaphore": semaphore,
        "BoundedSemaphore": semaphore,
    }


@dataclasses.dataclass(frozen=True)
class Axis:
    """The time scale: ``ticks`` labelled ticks ``step`` seconds apart from 0."""

    step: float
    ticks: int
    unit: str  # "ms" or "s"

    @property
    def end(self) -> float:
        """The time of the last tick, in seconds: the plot's right end."""
        return self.step * (self.ticks - 1)

    @property
    def scale(self) -> float:
        return 1000.0 if self.unit == "ms" else 1.0

    def label(self, i: int) -> str:
        """The number at tick ``i``, in the axis's unit."""
        return f"{round(i * self.step * self.scale, 6):g}"

    def decimals(self) -> int:
        """How many decimals the words give a time: a tenth of a step."""
        return max(0, 1 - math.floor(math.log10(self.step * self.scale) + 1e-9))


def axis(span: float) -> Axis:
    """A scale for a run of ``span`` seconds: 3 to 6 ticks, 1, 2 or 5 apart.

    Runs shorter than a second are measured in milliseconds.
    """
    span = max(span, 1e-3)
    rough = span / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough * (1 - 1e-9))
    ticks = math.ceil(span / step - 1e-9) + 1
    unit = "ms" if step * (ticks - 1) < 1 else "s"
    return Axis(step, ticks, unit)


def text_width(text: str, size: float = 12) -> float:
    """About how wide ``text`` is in a sans-serif font of ``size`` px."""
    return sum(size * (1.0 if ord(c) > 0x2E80 else 0.62) for c in text)


def render(
    timeline: Timeline, language: str, ident: str, run: tuple[str, str] = ("", "")
) -> str:
    """The figure: an SVG chart and, under it, the same facts in words;
    ``run`` says which run of a page of several it draws: ("start-method",
    "spawn") or ("run", "2"); ("", "") on a page of one run.

    The words are those of the language being built (``language``, Sphinx's
    ``language`` setting), from the ``_ext`` catalog (docs/_ext/i18n/ext_words.py).
    """
    words = chart_words()
    scale = axis(timeline.t1 - timeline.t0)
    # room under the rows for the words at the foot of the main code's end
    bottom = BOTTOM + (14 if timeline.code_end is not None else 0)
    height = TOP + ROW * len(timeline.rows) + bottom
    time_label = words["time_" + scale.unit]
    labels = [_label(row, words) for row in timeline.rows]
    labels_width = min(
        260,
        max(
            [100, text_width(time_label) + 16]
            + [
                8 + 14 * row.depth + text_width(label) + 10
                for row, label in zip(timeline.rows, labels, strict=True)
            ]
        ),
    )
    ends = [_end_label(row, words) for row in timeline.rows]
    right = max([24] + [text_width(end, 11) + 14 for end in ends])
    plot_width = WIDTH - labels_width
    inner = plot_width - LEFT_PAD - right

    def x(t: float) -> float:
        return LEFT_PAD + (t - timeline.t0) / scale.end * inner

    used = {"alive"}
    index = {row.pid: n for n, row in enumerate(timeline.rows)}
    side = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {labels_width:.0f} '
        f'{height}" width="{labels_width:.0f}" height="{height}" aria-hidden="true" '
        'class="process-timeline-labels" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f'<text x="{labels_width - 8:.0f}" y="{TOP - 10}" text-anchor="end">'
        f"{html.escape(time_label)}</text>",
    ]
    plot = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {plot_width:.0f} '
        f'{height}" width="{plot_width:.0f}" height="{height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" class="process-timeline-svg" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        # nohighlight: Sphinx's search highlighter (sphinx_highlight.js) would
        # call getBBox() on a <title> or <desc>, which have none, and stop there
        f'<title id="{ident}-t" class="nohighlight">'
        f"{html.escape(words['title'])}</title>",
        f'<desc id="{ident}-d" class="nohighlight">'
        f"{html.escape(_words(timeline, language))}</desc>",
    ]
    for i in range(scale.ticks):
        tx = x(timeline.t0 + i * scale.step)
        plot.append(
            f'<line x1="{tx:.1f}" y1="{TOP - 6}" x2="{tx:.1f}" '
            f'y2="{height - bottom}" stroke="currentColor" stroke-opacity="0.15"/>'
        )
        plot.append(
            f'<text x="{tx:.1f}" y="{TOP - 10}" text-anchor="middle">'
            f"{scale.label(i)}</text>"
        )
    for n, (row, label, end) in enumerate(
        zip(timeline.rows, labels, ends, strict=True)
    ):
        y = TOP + n * ROW + ROW / 2
        side.append(
            f'<text x="{8 + 14 * row.depth}" y="{y + 4:.1f}">'
            f"{html.escape(label)}</text>"
        )
        colour = DAEMON if row.daemon else LIFE
        used.add("daemon" if row.daemon else "alive")
        plot.append(_rect(x(row.start), x(row.finish), y, BAR, colour, 0.35, colour))
        for t0, t1, lock in row.holds:
            sem = "Semaphore" in timeline.locks[lock]["kind"]
            used.add("semaphore" if sem else "lock")
            plot.append(_rect(x(t0), x(t1), y, BAR, SEMAPHORE if sem else LOCK, 0.9))
        for t0, t1, _child in row.joins:
            used.add("join")
            plot.append(_dash(x(t0), x(t1), y, DASHES["join"]))
        waited = row.exit_wait()
        if waited is not None:
            used.add("exit_join")
            plot.append(_dash(x(waited[0]), x(waited[1]), y, DASHES["exit_join"]))
        for t0, t1 in row.gets:
            if x(t1) - x(t0) < 2:
                continue  # it returned at once: no wait to draw (nor to tell)
            used.add("get")
            plot.append(_dash(x(t0), x(t1), y, DASHES["get"]))
        for t, child, _sig, by, ended in row.calls:
            used.add("call_ended" if ended else "call")
            if by in ("pool", "executor"):
                used.add(by)  # its "why"
            target = index.get(child)
            if target is not None:
                plot.append(_arrow(x(t), y, TOP + target * ROW + ROW / 2, ended))
        plot.append(
            f'<text x="{x(row.finish) + 6:.1f}" y="{y + 4:.1f}" font-size="11">'
            f"{html.escape(end)}</text>"
        )
    for t, number, line in timeline.parts:  # where each code block begins
        px = x(t)
        plot.append(
            f'<line x1="{px:.1f}" y1="2" x2="{px:.1f}" y2="{height - bottom}" '
            'stroke="currentColor" stroke-opacity="0.45" stroke-width="1"/>'
        )
        label = words["part"].format(number=number, line=line)
        plot.append(
            f'<text x="{px + 3:.1f}" y="11" font-size="10">{html.escape(label)}</text>'
        )
    if timeline.code_end is not None:
        cx = x(timeline.code_end)
        used.add("code_end")
        plot.append(_code_end(cx, TOP, height - bottom))
        anchor = "end" if cx > plot_width / 2 else "start"
        nudge = -4 if anchor == "end" else 4
        plot.append(
            f'<text x="{cx + nudge:.1f}" y="{height - 4}" font-size="10" '
            f'text-anchor="{anchor}">{html.escape(words["code_end"])}</text>'
        )
    side.append("</svg>")
    plot.append("</svg>")
    items = "".join(
        f"<li>{html.escape(line)}</li>" for line in _lines(timeline, language)
    )
    which = ""
    if run[0] == "start-method":
        which = " " + words["which_method"].format(method=run[1])
    elif run[0] == "run":
        which = " " + words["which_run"].format(number=run[1])
    caption = (
        f"<figcaption><strong>{html.escape(words['title'])}</strong> "
        f"{html.escape(words['how'] + which)}</figcaption>"
    )
    hint = f'<p class="process-timeline-hint">{html.escape(words["scroll"])}</p>'
    chart = '<div class="process-timeline-chart">' + "".join(side + plot) + "</div>"
    return (
        f'<figure class="process-timeline" id="{ident}">'
        + caption
        + hint
        + chart
        + _legend(used, words)
        + f"<details><summary>{html.escape(words['text'])}</summary><ul>{items}</ul>"
        + f"<p>{html.escape(words['note'])}</p></details></figure>"
    )


def _label(row: Row, words: dict[str, str]) -> str:
    if not row.daemon:
        return row.name
    return words["daemon_row"].format(name=row.name, daemon=words["daemon"])


def _end_label(row: Row, words: dict[str, str]) -> str:
    """What the chart writes after the end of a row's bar: how it really ended
    (the main process's end is the lesson's output)."""
    return _ending(row, words, "")


def _ending(row: Row, words: dict[str, str], prefix: str) -> str:
    """How a child ended, in the chart (``prefix`` "") or in words ("row_")."""
    if row.parent is None:
        return ""
    if row.killed_by is not None:
        signal = signal_name(row.killed_by)
        return words[prefix + "killed"].format(signal=signal, code=row.exitcode)
    if row.exitcode is not None:
        return words[prefix + "exit"].format(code=row.exitcode)
    return words[prefix + "unknown"]


# The method of Process that sends each signal (multiprocessing.popen_fork).
CALLS = {2: "interrupt()", 9: "kill()", 15: "terminate()"}


def _rect(
    x0: float,
    x1: float,
    y: float,
    h: float,
    fill: str,
    opacity: float,
    stroke: str | None = None,
) -> str:
    extra = f' stroke="{stroke}"' if stroke else ""
    return (
        f'<rect x="{x0:.1f}" y="{y - h / 2:.1f}" width="{max(x1 - x0, 1.5):.1f}" '
        f'height="{h}" fill="{fill}" fill-opacity="{opacity}"{extra}/>'
    )


def _dash(x0: float, x1: float, y: float, pattern: str) -> str:
    # a zero-length dash with round ends is a dot
    caps = ' stroke-linecap="round"' if pattern.startswith("0 ") else ""
    width = 3 if caps else 2
    return (
        f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
        f'stroke="currentColor" stroke-width="{width}" stroke-dasharray="{pattern}"'
        f"{caps}/>"
    )


def _code_end(cx: float, y0: float, y1: float) -> str:
    return (
        f'<line x1="{cx:.1f}" y1="{y0}" x2="{cx:.1f}" y2="{y1}" '
        'stroke="currentColor" stroke-width="1.5" stroke-opacity="0.7"/>'
    )


def _arrow(cx: float, y0: float, y1: float, ended: bool | None) -> str:
    """A call: a dot on the caller's row, an arrow to the row it was called on;
    dashed when that process had already ended."""
    down = 1 if y1 >= y0 else -1
    tip = y1 - down * BAR / 2
    dash = ' stroke-dasharray="3 2"' if ended else ""
    return (
        f'<circle cx="{cx:.1f}" cy="{y0:.1f}" r="3.5" fill="{SIGNAL}"/>'
        f'<path d="M{cx:.1f} {y0:.1f}L{cx:.1f} {tip - down * 4:.1f}" '
        f'stroke="{SIGNAL}" stroke-width="2"{dash}/>'
        f'<path d="M{cx - 4:.1f} {tip - down * 6:.1f}L{cx + 4:.1f} '
        f'{tip - down * 6:.1f}L{cx:.1f} {tip:.1f}Z" fill="{SIGNAL}"/>'
    )


LEGEND = (
    "alive",
    "daemon",
    "lock",
    "semaphore",
    "join",
    "exit_join",
    "get",
    "call",
    "call_ended",
    "code_end",
)  # who called terminate(), a pool or an executor: its "why" says it
SWATCH = {"alive": LIFE, "daemon": DAEMON, "lock": LOCK, "semaphore": SEMAPHORE}


def _legend(used: set[str], words: dict[str, str]) -> str:
    """The key of the chart, in HTML (it wraps on a narrow screen), with a line
    explaining each thing that multiprocessing did on its own."""
    items = []
    for key in (k for k in LEGEND if k in used):
        if key in SWATCH:
            mark = _rect(0, 18, 6, 10, SWATCH[key], 0.6)
        elif key in ("call", "call_ended"):
            mark = _legend_arrow(key == "call_ended")
        elif key == "code_end":
            mark = _code_end(9, 0, 12)
        else:
            mark = _dash(0, 18, 6, DASHES[key])
        items.append(
            '<li><svg xmlns="http://www.w3.org/2000/svg" width="18" height="12" '
            f'viewBox="0 0 18 12" aria-hidden="true">{mark}</svg>'
            f"{html.escape(words[key])}</li>"
        )
    why = "".join(
        f"<p>{html.escape(words['why_' + key])}</p>"
        for key in ("exit_join", "pool", "executor")
        if key in used
    )
    return f'<div class="process-timeline-legend"><ul>{"".join(items)}</ul>{why}</div>'


def _legend_arrow(ended: bool) -> str:
    dash = ' stroke-dasharray="3 2"' if ended else ""
    return (
        f'<circle cx="3.5" cy="6" r="3" fill="{SIGNAL}"/>'
        f'<path d="M3.5 6L12 6" stroke="{SIGNAL}" stroke-width="2"{dash}/>'
        f'<path d="M11 2L18 6L11 10Z" fill="{SIGNAL}"/>'
    )


def _fold(parts: Iterable[str], words: dict[str, str]) -> list[str]:
    """The parts in order, each once, with how often it came when more than once."""
    counts: dict[str, int] = {}
    for part in parts:
        counts[part] = counts.get(part, 0) + 1
    return [
        part + (words["times"].format(n=n) if n > 1 else "")
        for part, n in counts.items()
    ]


def _lines(timeline: Timeline, language: str) -> list[str]:
    words, kinds = chart_words(), lock_kinds()
    scale = axis(timeline.t1 - timeline.t0)
    decimals = scale.decimals()

    def at(t: float) -> str:
        value = f"{(t - timeline.t0) * scale.scale:.{decimals}f}"
        return words[scale.unit].format(value=value)

    def when(t0: float, t1: float) -> str:
        start, end = at(t0), at(t1)
        if start == end:  # no time to speak of
            return words["at"].format(t=start)
        return words["from_to"].format(t0=start, t1=end)

    lines = [
        words["row_part"].format(
            number=number, line=line, when=words["at"].format(t=at(t))
        )
        for t, number, line in timeline.parts
    ]
    for row in timeline.rows:
        line = words["row"].format(name=row.name, when=when(row.start, row.finish))
        line += _ending(row, words, "row_")
        parts = [
            words["row_join"].format(child=timeline.name_of(child), when=when(t0, t1))
            for t0, t1, child in row.joins
        ]
        for t, child, sig, by, ended in row.calls:
            part = words["row_call" + (f"_{by}" if by else "")].format(
                call=CALLS.get(sig, signal_name(sig)),
                child=timeline.name_of(child),
                signal=signal_name(sig),
                when=when(t, t),
            )
            parts.append(part + (words["row_call_ended"] if ended else ""))
        waited = row.exit_wait()
        if waited is not None:
            parts.append(words["row_exit_join"].format(when=when(*waited)))
        for t0, t1, lock in row.holds:
            kind = kinds.get(timeline.locks[lock]["kind"], timeline.locks[lock]["kind"])
            parts.append(words["row_hold"].format(kind=kind, when=when(t0, t1)))
        # a get() that returned at once was no wait; many are told as one
        gets = [(t0, t1) for t0, t1 in row.gets if at(t0) != at(t1)]
        if len(gets) > 3:
            parts.append(
                words["row_gets"].format(
                    n=len(gets), t0=at(gets[0][0]), t1=at(gets[-1][1])
                )
            )
        else:
            parts += [words["row_get"].format(when=when(t0, t1)) for t0, t1 in gets]
        lines.append(line + "".join(_fold(parts, words)))
    for lock, info in timeline.locks.items():
        if "Semaphore" in info["kind"] and most_inside(timeline, lock):
            kind = kinds.get(info["kind"], info["kind"])
            lines.append(words["most"].format(n=most_inside(timeline, lock), kind=kind))
    lines = _fold(lines, words)
    if any(row.exit_joins for row in timeline.rows):
        lines.append(words["why_exit_join"])
    callers = {call[3] for row in timeline.rows for call in row.calls}
    lines += [words["why_" + by] for by in ("pool", "executor") if by in callers]
    return lines


def _words(timeline: Timeline, language: str) -> str:
    return " ".join(_lines(timeline, language))
