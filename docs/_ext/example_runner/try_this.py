"""Try-this boxes: a change to a lesson, a question, the changed program's output.

A lesson's text cell holds::

    # .. try-this::
    #    :change: BUYERS = 5
    #    :to: BUYERS = 3
    #
    #    Change ``BUYERS = 5`` to ``BUYERS = 3``.  How many tickets are sold?
    #
    #    .. answer::
    #
    #       Why it prints what it prints (optional).

``:change:`` is text that occurs in exactly one line of the lesson's code and
``:to:`` what it becomes (``\\n`` in it starts a new line, indented like the
changed one; empty removes the text).  Optional: ``:start-method:`` (run the
changed program under this method), ``:expect:`` (how it is expected to end,
as in ``sphinx_gallery_expect``: ``"exit 1"``, an exception's name,
``"timeout"``) and ``:timeout:`` (seconds).

The runner runs each changed program at build time like any other variant of
the lesson (``variants``) and writes its output under the lesson's last cell
as ``.. try-this-output::``; when the page is read, ``_PlaceOutputs`` puts
each output into its box's folded answer.  The question and the answer's
prose are the page's messages, translated with it; the box's own words come
from ``ext_words``.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from i18n.ext_words import _
from page.folded import folded_node

from . import display, options
from .errors import LessonError
from .settings import START_METHODS

logger = logging.getLogger(__name__)

_DIRECTIVE = re.compile(r"^\.\. try-this::[ \t]*$")
_OPTION = re.compile(r"^[ \t]+:([a-z-]+):(?:[ \t]+(.*?))?[ \t]*$")
_KNOWN = ("change", "to", "start-method", "expect", "timeout")


@dataclasses.dataclass(frozen=True)
class TryThis:
    """One box's change, as the runner needs it."""

    number: int  # 1, 2... in the order of the lesson's text
    line: int  # of the directive in the lesson's file
    change: str
    to: str
    start_method: str | None = None
    expect: str | None = None
    timeout: float | None = None

    def variant(self, default: str | None) -> options.Variant:
        """The run of the changed program: under the box's start method, else
        the build's ``default`` (example_runner_start_method; None: Python's)."""
        return options.Variant(self.start_method or default, 1, try_this=self.number)


def read(rel: str, blocks: Sequence[Any]) -> tuple[TryThis, ...]:
    """The boxes of a lesson's text ``blocks`` (sphinx-gallery blocks), checked."""
    found: list[TryThis] = []
    for block in blocks:
        if block.type != "text":
            continue
        lines = block.content.splitlines()
        for index, text in enumerate(lines):
            if not _DIRECTIVE.match(text):
                continue
            line = block.lineno + index
            found.append(_box(rel, len(found) + 1, line, _options(lines[index + 1 :])))
    return tuple(found)


def _options(after: list[str]) -> dict[str, str]:
    opts: dict[str, str] = {}
    for text in after:
        match = _OPTION.match(text)
        if match is None:
            break
        opts[match.group(1)] = match.group(2) or ""
    return opts


def _box(rel: str, number: int, line: int, opts: dict[str, str]) -> TryThis:
    where = f"{rel}:{line}"
    unknown = sorted(set(opts) - set(_KNOWN))
    if unknown:
        raise LessonError(
            f"{where}: try-this has no option {', '.join(unknown)} "
            f"(it knows {', '.join(_KNOWN)})"
        )
    if not opts.get("change") or "to" not in opts:
        raise LessonError(
            f"{where}: try-this needs a ':change:' (text of one line of the code) "
            "and a ':to:' (what it becomes)"
        )
    method = opts.get("start-method") or None
    if method is not None and method not in START_METHODS:
        raise LessonError(
            f"{where}: try-this's start method must be one of "
            f"{', '.join(START_METHODS)}, got {method!r}"
        )
    timeout = None
    if opts.get("timeout"):
        try:
            timeout = float(opts["timeout"])
        except ValueError:
            timeout = -1.0
        if not timeout > 0:
            raise LessonError(
                f"{where}: try-this's timeout must be a positive number of "
                f"seconds, got {opts['timeout']!r}"
            )
    return TryThis(
        number=number,
        line=line,
        change=opts["change"],
        to=opts["to"],
        start_method=method,
        expect=opts.get("expect") or None,
        timeout=timeout,
    )


@dataclasses.dataclass(frozen=True)
class Change:
    """A lesson with a box's change made."""

    blocks: list[Any]  # the code cells, as the runner runs them
    program: str  # the whole file, as a reader runs it
    before: str  # the changed line, without its indentation...
    after: str  # ... and what it became (maybe several lines)


def apply(rel: str, box: TryThis, source: str, code: Sequence[Any]) -> Change:
    """Make the box's change in the lesson's file ``source`` and its ``code``
    cells (sphinx-gallery blocks of that file)."""
    cell, n = _where(rel, box, code)
    lines = code[cell].content.split("\n")
    old = lines[n]
    lines[n] = _changed_line(old, box)
    blocks = list(code)
    blocks[cell] = code[cell]._replace(content="\n".join(lines))
    file_lines = source.split("\n")
    file_lines[code[cell].lineno - 1 + n] = lines[n]
    return Change(
        blocks=blocks,
        program="\n".join(file_lines),
        before=old.strip(),
        after=textwrap.dedent(lines[n]).strip(),
    )


def _where(rel: str, box: TryThis, code: Sequence[Any]) -> tuple[int, int]:
    """(code cell, line in it) of the one line the box changes."""
    hits = [
        (i, n)
        for i, block in enumerate(code)
        for n, text in enumerate(block.content.split("\n"))
        for _ in range(text.count(box.change))
    ]
    if len(hits) != 1:
        raise LessonError(
            f"{rel}:{box.line}: try-this's ':change: {box.change}' must occur exactly "
            f"once in the lesson's code; it occurs {len(hits)} times"
        )
    return hits[0]


def _changed_line(text: str, box: TryThis) -> str:
    indent = text[: len(text) - len(text.lstrip())]
    return text.replace(box.change, box.to.replace("\\n", "\n" + indent))


def output_rst(box: TryThis, change: Change, item: dict[str, Any]) -> str:
    """What the runner writes for one box's run, under the lesson's last cell."""
    data = {"number": box.number, "before": change.before, "after": change.after}
    data.update(item)
    return f"\n.. try-this-output::\n\n   {json.dumps(data, ensure_ascii=False)}\n\n"


# -- The page ------------------------------------------------------------------


class try_this(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """A box: its question, the change as a diff, the folded answer."""


class try_this_answer(nodes.General, nodes.Element):  # noqa: N801
    """The prose of an answer, until it is moved into its box's folded part."""


class try_this_result(nodes.General, nodes.Element):  # noqa: N801
    """Where a box's run goes (``number``); then its ``data``."""


class try_this_output(nodes.General, nodes.Element):  # noqa: N801
    """A box's run as the runner wrote it (``data``), moved by ``_PlaceOutputs``."""


class TryThisDirective(SphinxDirective):
    has_content = True
    option_spec = {
        "change": directives.unchanged_required,
        "to": directives.unchanged,
        "start-method": directives.unchanged,
        "expect": directives.unchanged,
        "timeout": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error(f"{self.get_location()}: try-this needs a question")
        number: int = self.env.temp_data.get("try_this_count") or 0
        number += 1
        self.env.temp_data["try_this_count"] = number
        box = try_this(classes=["try-this"], number=number)
        self.set_source_info(box)
        content = self.parse_content_to_nodes()
        answers = [n for n in content if isinstance(n, try_this_answer)]
        box += [n for n in content if not isinstance(n, try_this_answer)]
        diff = nodes.literal_block("", "", language="diff", translatable=False)
        box += diff
        answer = folded_node(_("Answer"), ["try-this-answer"])
        answer += try_this_result(number=number)
        for part in answers:
            answer += part.children
        box += answer
        return [box]


class AnswerDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = try_this_answer()
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


class TryThisOutput(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        return [try_this_output(data=json.loads("\n".join(self.content)))]


class _PlaceOutputs(SphinxTransform):
    """Put each run into its box, with the change it made as the box's diff."""

    default_priority = 880  # after the i18n transforms, before the post-transforms

    def apply(self, **kwargs: Any) -> None:
        runs = {n["data"]["number"]: n for n in self.document.findall(try_this_output)}
        for box in list(self.document.findall(try_this)):
            run = runs.pop(box["number"], None)
            if run is None:
                logger.warning(
                    "try-this box %d has no run of its changed program (is it a "
                    "lesson, run by the example runner?)",
                    box["number"],
                    location=box,
                    type="example_runner",
                    subtype="try_this",
                )
                continue
            data = run["data"]
            for diff in box.findall(nodes.literal_block):
                text = f"- {data['before']}\n" + "".join(
                    f"+ {line}\n" for line in data["after"].split("\n")
                )
                diff += nodes.Text(text.rstrip("\n"))
                diff["rawsource"] = text
                break
            for result in box.findall(try_this_result):
                result["data"] = data
        for run in self.document.findall(try_this_output):
            run.parent.remove(run)


def _visit_box(self: SphinxTranslator, node: try_this) -> None:
    title = html.escape(_("Try this"))
    self.body.append(
        f'<aside class="try-this" aria-label="{title}">'
        f'<p class="try-this-title">{title}</p>'
    )


def _depart_box(self: SphinxTranslator, node: try_this) -> None:
    self.body.append("</aside>\n")


def _visit_result(self: SphinxTranslator, node: try_this_result) -> None:
    data = node.get("data")
    if data is None:
        raise nodes.SkipNode
    if data.get("note") == "needs":  # the lesson does not run on this Python
        self.body.append(display.needs_note(data["needs"]))
        raise nodes.SkipNode
    parts = [
        '<p class="try-this-printed">'
        + html.escape(_("What the changed program printed:"))
        + "</p>"
    ]
    text = data.get("text", "")
    if data.get("traceback"):
        text += data["traceback"]
    parts.append(
        display.output_block(
            text, css="try-this-output", attributes=f' data-try-this="{data["number"]}"'
        )
    )
    if data.get("returncode"):
        note = _("The program ended with exit status {status}.").format(
            status=data["returncode"]
        )
        parts.append(f'<p class="runner-note">{html.escape(note)}</p>')
    if data.get("note") == "timeout":
        parts.append(display.timeout_note(data["timeout"]))
    self.body.append("".join(parts))
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _plain(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def setup(app: Sphinx) -> None:
    """Called by the example_runner extension's setup()."""
    app.setup_extension("page.folded")
    plain = (_plain, _plain)
    skip = (_skip, None)
    for node, html_visit, other in (
        (try_this, (_visit_box, _depart_box), plain),
        (try_this_answer, plain, plain),
        (try_this_result, (_visit_result, None), skip),
        (try_this_output, skip, skip),
    ):
        app.add_node(
            node, html=html_visit, latex=other, text=other, man=other, texinfo=other
        )
    app.add_directive("try-this", TryThisDirective)
    app.add_directive("answer", AnswerDirective)
    app.add_directive("try-this-output", TryThisOutput)
    app.add_transform(_PlaceOutputs)
