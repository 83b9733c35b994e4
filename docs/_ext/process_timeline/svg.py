"""Draw a timeline as inline SVG (colours follow the page's text), with a text twin."""

from __future__ import annotations

import html
import math

from ext_words import _

from .model import Timeline, most_inside, signal_name

WIDTH, LABELS_WIDTH, ROW, BAR = 780, 190, 30, 14
TOP, RIGHT = 34, 140

# Colours that read on white and on furo's dark background alike.
LIFE, DAEMON, LOCK, SEMAPHORE, SIGNAL = (
    "#4c72b0",
    "#8c6bb1",
    "#dd8452",
    "#3a9a5b",
    "#d1495b",
)


def chart_words() -> dict[str, str]:
    """The chart's words in the language being built (the ``_ext`` catalog)."""
    return {
        "title": _("What the processes of this run did"),
        "how": _(
            "One row per process, children under their parent; time runs to the"
            " right. Every fact in the chart is also written out below."
        ),
        "time": _("time (s)"),
        "alive": _("alive"),
        "daemon": _("daemon"),
        "join": _("waiting in join()"),
        "get": _("waiting in Queue.get()"),
        "lock": _("holds the lock"),
        "semaphore": _("inside the semaphore"),
        "signal": _("stopped by a signal"),
        "code_end": _("main code ends"),
        "exit": _("exit code {code}"),
        "killed": _("stopped by {signal}"),
        "text": _("The timeline in words"),
        "row": _("{name}: alive from {start:.2f} s to {end:.2f} s"),
        "row_exit": _(", exit code {code}"),
        "row_signal": _(", stopped by {signal} at {t:.2f} s"),
        "row_join": _("; waited in join() for {child} from {t0:.2f} s to {t1:.2f} s"),
        "row_hold": _("; held the {kind} from {t0:.2f} s to {t1:.2f} s"),
        "row_get": _("; waited in Queue.get() from {t0:.2f} s to {t1:.2f} s"),
        "most": _("At most {n} processes held the {kind} at once."),
        "note": _("Times are from the run that built this page; yours will differ."),
    }


def lock_kinds() -> dict[str, str]:
    """What each kind of lock is called in the timeline in words."""
    lock, semaphore = _("lock"), _("semaphore")
    return {
        "Lock": lock,
        "RLock": lock,
        "Semaphore": semaphore,
        "BoundedSemaphore": semaphore,
    }


def render(timeline: Timeline, language: str, ident: str) -> str:
    """The figure: an SVG chart and, under it, the same facts in words.

    The words are those of the language being built (``language``, Sphinx's
    ``language`` setting), from the ``_ext`` catalog (docs/_ext/ext_words.py).
    """
    words = chart_words()
    span = max(timeline.t1 - timeline.t0, 1e-3)
    plot = WIDTH - LABELS_WIDTH - RIGHT

    def x(t: float) -> float:
        return LABELS_WIDTH + (t - timeline.t0) / span * plot

    height = TOP + ROW * len(timeline.rows) + 46
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" '
        'class="process-timeline-svg" '
        'font-family="sans-serif" font-size="12" fill="currentColor">',
        f'<title id="{ident}-t">{html.escape(words["title"])}</title>',
        f'<desc id="{ident}-d">{html.escape(_words(timeline, language))}</desc>',
    ]
    step = _tick_step(span)
    for i in range(int(span / step) + 1):
        tx = x(timeline.t0 + i * step)
        out.append(
            f'<line x1="{tx:.1f}" y1="{TOP - 6}" x2="{tx:.1f}" '
            f'y2="{height - 40}" stroke="currentColor" stroke-opacity="0.15"/>'
        )
        out.append(
            f'<text x="{tx:.1f}" y="{TOP - 10}" text-anchor="middle">'
            f"{i * step:g}</text>"
        )
    out.append(
        f'<text x="{LABELS_WIDTH - 8}" y="{TOP - 10}" text-anchor="end">'
        f"{html.escape(words['time'])}</text>"
    )
    used = {"alive"}
    for n, row in enumerate(timeline.rows):
        y = TOP + n * ROW + ROW / 2
        label = row.name + (f" ({words['daemon']})" if row.daemon else "")
        out.append(
            f'<text x="{8 + 14 * row.depth}" y="{y + 4:.1f}">'
            f"{html.escape(label)}</text>"
        )
        colour = DAEMON if row.daemon else LIFE
        used.add("daemon" if row.daemon else "alive")
        out.append(_rect(x(row.start), x(row.finish), y, BAR, colour, 0.35, colour))
        for t0, t1, lock in row.holds:
            kind = timeline.locks[lock]["kind"]
            sem = "Semaphore" in kind
            used.add("semaphore" if sem else "lock")
            out.append(_rect(x(t0), x(t1), y, BAR, SEMAPHORE if sem else LOCK, 0.9))
        for t0, t1, _child in row.joins:
            used.add("join")
            out.append(_dash(x(t0), x(t1), y, "4 3"))
        for t0, t1 in row.gets:
            used.add("get")
            out.append(_dash(x(t0), x(t1), y, "1 3"))
        for t, _sig in row.signals:
            used.add("signal")
            out.append(_cross(x(t), y))
        if row.signals and (row.exitcode is None or row.exitcode < 0):
            end = words["killed"].format(signal=signal_name(row.signals[-1][1]))
        elif row.exitcode is not None:
            end = words["exit"].format(code=row.exitcode)
        else:
            end = ""
        out.append(
            f'<text x="{x(row.finish) + 6:.1f}" y="{y + 4:.1f}" font-size="11">'
            f"{html.escape(end)}</text>"
        )
    if timeline.code_end is not None:
        cx = x(timeline.code_end)
        used.add("code_end")
        out.append(
            f'<line x1="{cx:.1f}" y1="{TOP}" x2="{cx:.1f}" y2="{height - 40}" '
            'stroke="currentColor" stroke-dasharray="2 2"/>'
        )
    out.append(_legend(used, words, height - 22))
    out.append("</svg>")
    items = "".join(
        f"<li>{html.escape(line)}</li>" for line in _lines(timeline, language)
    )
    caption = (
        f"<figcaption><strong>{html.escape(words['title'])}</strong> "
        f"{html.escape(words['how'])}</figcaption>"
    )
    return (
        f'<figure class="process-timeline" id="{ident}">'
        + caption
        + "".join(out)
        + f"<details><summary>{html.escape(words['text'])}</summary><ul>{items}</ul>"
        + f"<p>{html.escape(words['note'])}</p></details></figure>"
    )


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
    return (
        f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
        f'stroke="currentColor" stroke-width="2" stroke-dasharray="{pattern}"/>'
    )


def _cross(cx: float, cy: float, r: float = 6) -> str:
    return (
        f'<path d="M{cx - r:.1f} {cy - r:.1f}L{cx + r:.1f} {cy + r:.1f}'
        f'M{cx - r:.1f} {cy + r:.1f}L{cx + r:.1f} {cy - r:.1f}" '
        f'stroke="{SIGNAL}" stroke-width="3"/>'
    )


def _legend(used: set[str], words: dict[str, str], y: float) -> str:
    keys = [
        k
        for k in (
            "alive",
            "daemon",
            "lock",
            "semaphore",
            "join",
            "get",
            "signal",
            "code_end",
        )
        if k in used
    ]
    parts, lx = [], 10
    for key in keys:
        if key in ("alive", "daemon", "lock", "semaphore"):
            colour = {
                "alive": LIFE,
                "daemon": DAEMON,
                "lock": LOCK,
                "semaphore": SEMAPHORE,
            }[key]
            parts.append(_rect(lx, lx + 18, y, 10, colour, 0.6))
        elif key == "signal":
            parts.append(_cross(lx + 9, y, 5))
        else:
            pattern = {"join": "4 3", "get": "1 3", "code_end": "2 2"}[key]
            parts.append(_dash(lx, lx + 18, y, pattern))
        text = words[key]
        parts.append(
            f'<text x="{lx + 24}" y="{y + 4}" font-size="11">{html.escape(text)}</text>'
        )
        lx += 34 + 7 * len(text) * (2 if any(ord(c) > 0x2E80 for c in text) else 1)
    return "".join(parts)


def _tick_step(span: float) -> float:
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 30, 60):
        if span / step <= 8:
            return step
    return 10 ** math.ceil(math.log10(span))


def _lines(timeline: Timeline, language: str) -> list[str]:
    words, kinds = chart_words(), lock_kinds()
    t = lambda v: v - timeline.t0  # noqa: E731
    lines = []
    for row in timeline.rows:
        line = words["row"].format(name=row.name, start=t(row.start), end=t(row.finish))
        if row.signals and (row.exitcode is None or row.exitcode < 0):
            at, sig = row.signals[-1]
            line += words["row_signal"].format(signal=signal_name(sig), t=t(at))
        elif row.exitcode is not None:
            line += words["row_exit"].format(code=row.exitcode)
        for t0, t1, child in row.joins:
            line += words["row_join"].format(
                child=timeline.name_of(child), t0=t(t0), t1=t(t1)
            )
        for t0, t1, lock in row.holds:
            kind = kinds.get(timeline.locks[lock]["kind"], timeline.locks[lock]["kind"])
            line += words["row_hold"].format(kind=kind, t0=t(t0), t1=t(t1))
        for t0, t1 in row.gets:
            line += words["row_get"].format(t0=t(t0), t1=t(t1))
        lines.append(line)
    for lock, info in timeline.locks.items():
        if "Semaphore" in info["kind"] and most_inside(timeline, lock):
            kind = kinds.get(info["kind"], info["kind"])
            lines.append(words["most"].format(n=most_inside(timeline, lock), kind=kind))
    return lines


def _words(timeline: Timeline, language: str) -> str:
    return " ".join(_lines(timeline, language))
