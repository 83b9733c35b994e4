"""How the runner's outputs appear on a page, in the language being built.

The reST that the runner writes for a lesson is generated once and read by
every language's build, so whatever has words in it is a directive, drawn when
the page is read, with the words of ``ext_words``:

``.. runner-outputs::`` (content: JSON)
    one code cell's outputs: of the lesson's one run, or of several runs (one
    per start method, or repeated runs), one under the other, each as wide as
    the page; every block carries ``data-start-method`` or ``data-run``. The
    line that says a traceback's exception wraps instead of running off the
    block's side, and a block with a traceback is never cut short (the CSS),
    so the exception and its message are always in view.
``.. lesson-environment::`` (content: JSON)
    where the outputs came from: Python version, system, start method(s), CPUs.
"""

from __future__ import annotations

import html
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from gallery.contract import OUTPUT_CLASS
from i18n.ext_words import _
from shared import serve_static

from . import run
from .options import LessonOptions


def _method_labels() -> dict[str, str]:
    """Where each start method is the default (a fact of Python, not of the run)."""
    return {
        "forkserver": _("default on POSIX systems but macOS from Python 3.14"),
        "spawn": _("macOS and Windows default"),
        "fork": _("default on Linux and other POSIX systems up to Python 3.13"),
    }


class runner_outputs(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """Outputs of one cell from several runs; drawn by ``_visit_outputs``."""


class lesson_environment(nodes.General, nodes.Element):  # noqa: N801
    """Where a lesson's outputs came from; drawn by ``_visit_environment``."""


class RunnerOutputs(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        data = json.loads("\n".join(self.content))
        # the class says "an output block" to the page's other extensions;
        # the text (skipped when drawn) is what the search index reads
        node = runner_outputs(data=data, classes=[OUTPUT_CLASS])
        node += nodes.Text(
            "\n".join(
                item.get("text", "") + item.get("traceback", "")
                for item in data["items"]
            )
        )
        return [node]


class LessonEnvironment(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        return [lesson_environment(data=json.loads("\n".join(self.content)))]


def outputs_rst(by: str, items: Sequence[dict[str, Any]]) -> str:
    """The directive for one cell's outputs, ``by`` "start-method", "run" or
    "single"; ``items`` have "key", "text", and optionally "traceback", "note"
    ("timeout", with "timeout" in seconds; "needs", with "needs" the Python
    version) and "moved" (line indexes)."""
    # this interpreter is the one that ran them (run.py runs sys.executable)
    data = json.dumps(
        {"by": by, "items": list(items), "python": platform.python_version()},
        ensure_ascii=False,
    )
    return f"\n.. runner-outputs::\n\n   {data}\n\n"


def environment_rst(lesson: LessonOptions, results: Sequence[run.ExampleRun]) -> str:
    """The stamp of a lesson's runs: this interpreter is the one that ran them."""
    import multiprocessing

    default = multiprocessing.get_all_start_methods()[0]  # the platform's
    methods = []
    for result in results:
        method = result.start_method or default
        if method not in methods:
            methods.append(method)
    count = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    data = {
        "python": platform.python_version(),
        "system": platform.system(),
        "start_methods": methods,
        "cpus": count,
    }
    return f"\n.. lesson-environment::\n\n   {json.dumps(data)}\n\n"


def moved_lines(first: str, other: str) -> list[int]:
    """Lines of ``other`` (by index) that ``first`` has too, but elsewhere."""
    before = first.splitlines()
    where: dict[str, list[int]] = {}
    for index, line in enumerate(before):
        where.setdefault(line, []).append(index)
    return [
        index
        for index, line in enumerate(other.splitlines())
        if line in where and index not in where[line]
    ]


_TRACEBACK = "Traceback (most recent call last):"


def exception_lines(lines: Sequence[str]) -> set[int]:
    """Which ``lines`` say a traceback's exception: the first line after its
    frames that starts at the margin, and the indented lines of its message
    right after it (multiprocessing's RuntimeError has some). Tracebacks may
    stand among other lines, several processes' output, even interleaved."""
    found: set[int] = set()
    in_frames = in_message = False
    for index, line in enumerate(lines):
        indented = line[:1].isspace()
        if line.startswith(_TRACEBACK) or line.startswith("  File "):
            # a frame after a message: another process's traceback, interleaved
            in_frames, in_message = True, False
        elif in_frames and line and not indented:
            found.add(index)
            in_frames, in_message = False, True
        elif in_message and indented and line.strip():
            found.add(index)
        else:
            in_message = False
    return found


def output_block(
    text: str,
    moved: Sequence[int] = (),
    lang: str = "none",
    css: str = OUTPUT_CLASS,
    attributes: str = "",
) -> str:
    """A run's output as a code block (HTML); ``moved``: lines to mark,
    ``css``: the block's class, ``attributes``: more of them (`` data-x="1"``)."""
    lines = []
    plain = text.splitlines()
    exceptions = exception_lines(plain)
    for index, line in enumerate(plain):
        escaped = html.escape(line)
        if index in moved:
            escaped = f'<mark class="runner-moved">{escaped}</mark>'
        if index in exceptions:
            escaped = f'<span class="runner-exception">{escaped}</span>'
        lines.append(escaped)
    body = "\n".join(lines) + ("\n" if text.endswith("\n") else "")
    if exceptions:
        css += " runner-has-exception"
    return (
        f'<div class="{css} highlight-{lang} notranslate"{attributes}>'
        f'<div class="highlight"><pre><span></span>{body}</pre></div></div>'
    )


def timeout_note(seconds: float) -> str:
    """The note under the output of a run stopped at its time limit (HTML)."""
    note = _(
        "The program was still running after {seconds:g} s, so it was stopped "
        "there, with all of its processes."
    ).format(seconds=seconds)
    return f'<p class="runner-note">{html.escape(note)}</p>'


def needs_note(needs: str, python: str | None = None) -> str:
    """The note in place of the output of a lesson that needs a newer Python
    than ``python`` (this one: the one that built the page) (HTML)."""
    note = _(
        "This lesson needs Python {needs}; this site was built with Python "
        "{python}. Run it with Python {needs} or newer to see what it prints."
    ).format(needs=needs, python=python or platform.python_version())
    return f'<p class="runner-note runner-needs">{html.escape(note)}</p>'


def _visit_outputs(self: SphinxTranslator, node: runner_outputs) -> None:
    data = node["data"]
    labels = _method_labels()
    parts = []
    if data["by"] == "run" and any(item.get("moved") for item in data["items"]):
        parts.append(
            '<p class="runner-legend">'
            + html.escape(_("Marked lines are in another place than in run 1."))
            + "</p>"
        )
    parts.append(f'<div class="runner-outputs" data-by="{data["by"]}">')
    for item in data["items"]:
        key = html.escape(str(item["key"]))
        if data["by"] == "start-method":
            attribute = f'data-start-method="{key}"'
            ran = _("run with Python {version}").format(version=data["python"])
            label = (
                f"<code>{key}</code> · {html.escape(ran)}"
                f'<span class="runner-output-default">'
                f"{html.escape(labels.get(key, ''))}</span>"
            )
        elif data["by"] == "run":
            attribute = f'data-run="{key}"'
            label = html.escape(_("Run {number}").format(number=key))
        else:  # the one run of a lesson, shown this way for its note
            attribute, label = 'data-run="1"', ""
        parts.append(f'<div class="runner-output" {attribute}>')
        if label:
            parts.append(f'<p class="runner-output-label">{label}</p>')
        if item["text"].strip():
            parts.append(output_block(item["text"], item.get("moved", ())))
        if item.get("traceback"):
            parts.append(output_block(item["traceback"], lang="pytb"))
        if item.get("note") == "timeout":
            parts.append(timeout_note(item["timeout"]))
        if item.get("note") == "needs":
            parts.append(needs_note(item["needs"], data["python"]))
        parts.append("</div>")
    parts.append("</div>")
    self.body.append("".join(parts))
    raise nodes.SkipNode


def _visit_environment(self: SphinxTranslator, node: lesson_environment) -> None:
    data = node["data"]
    text = _(
        "These outputs come from a run with Python {python} on {system} "
        "(start method: {methods}; {cpus} CPU cores)."
    ).format(
        python=data["python"],
        system=data["system"],
        methods=", ".join(data["start_methods"]),
        cpus=data["cpus"],
    )
    self.body.append(f'<p class="lesson-environment">{html.escape(text)}</p>')
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Called by the example_runner extension's setup()."""
    app.setup_extension("i18n.ext_words")
    skip = (_skip, None)
    for node, visit in (
        (runner_outputs, _visit_outputs),
        (lesson_environment, _visit_environment),
    ):
        app.add_node(
            node, html=(visit, None), latex=skip, text=skip, man=skip, texinfo=skip
        )
    app.add_directive("runner-outputs", RunnerOutputs)
    app.add_directive("lesson-environment", LessonEnvironment)
    app.add_css_file("runner-output.css")
    serve_static(app, Path(__file__).parent / "static")
