"""Short paths in what a lesson's page shows, as PyMOTW prints them.

A traceback names every file by its full path on the machine that built the
site (``/tmp/.../examples/05_join/join_one.py``,
``/usr/lib/python3.11/multiprocessing/process.py``): noise to a reader, and not
what their own machine prints.  The page shows them short instead:

- a file of the lesson's own folder (the lesson itself) by its name,
  ``join_one.py``;
- a file of Python's library or of an installed package by ``.../`` and its
  path inside it, ``.../multiprocessing/process.py``.

- the fork server's module search path, which Python 3.14 quotes in a
  traceback of the fork server's own start (``main(..., **{'sys_path': [...],
  ...})``), as ``[...]``: it lists the build's own folders, not the reader's;
  the underline beneath that line is drawn again to fit it.

Every other path is left as it is.  ``shorten_runs`` does it for a lesson's
runs once, before anything reads them (gallery.py), and returns the
``.. runner-paths-note::`` directive that says so, in the page's language, on a
page that shows a traceback.  The tests shorten a terminal run's output with
``shorten`` to compare it with the page.
"""

from __future__ import annotations

import html
import os
import re
import sysconfig
from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from i18n.ext_words import _

from .run import ExampleRun

LIBRARY = "..." + os.sep
_TRACEBACK = re.compile(r"^\s*Traceback \(most recent call last\):$", re.M)


def _library_folders() -> list[str]:
    """Where this interpreter's library and installed packages are (the runs
    use this interpreter), as they appear in tracebacks and resolved."""
    folders = set()
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        folder = sysconfig.get_paths().get(name)
        if folder:
            folders.update({folder, os.path.realpath(folder)})
    return [f.rstrip(os.sep) + os.sep for f in folders]


def prefixes(lesson: str) -> list[tuple[str, str]]:
    """(folder, what it becomes) for ``lesson``'s runs, the longest folder first
    (installed packages are inside the library's folder)."""
    folder = os.path.dirname(os.path.abspath(lesson))
    found = {folder + os.sep: "", os.path.realpath(folder) + os.sep: ""}
    for library in _library_folders():
        found.setdefault(library, LIBRARY)
    return sorted(found.items(), key=lambda item: len(item[0]), reverse=True)


def shorten(text: str, lesson: str) -> str:
    """``text`` with the paths of ``lesson``'s folder and of the library short.

    Only a path that starts at a quote, a space or a line's start is shortened,
    so that a path inside another one is never cut.
    """
    for folder, short in prefixes(lesson):
        start = re.compile(r'(^|[\s"\'(])' + re.escape(folder), re.M)
        text = start.sub(r"\g<1>" + short.replace("\\", "\\\\"), text)
    return _shorten_fork_server_command(text)


# The fork server's command line as a traceback quotes it, and the line under it.
_FORK_SERVER_CALL = re.compile(
    r"^(?P<head>.*from multiprocessing\.forkserver import main; )(?P<call>main\(.*)$"
)
_SEARCH_PATH = re.compile(r"'sys_path': \[[^\]]*\]")
_UNDERLINE = re.compile(r"^ *[~^]+$")


def _shorten_fork_server_command(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = _FORK_SERVER_CALL.match(line)
        if found is None or not _SEARCH_PATH.search(line):
            continue
        call = _SEARCH_PATH.sub("'sys_path': [...]", found["call"])
        lines[index] = found["head"] + call
        after = index + 1
        if after < len(lines) and _UNDERLINE.match(lines[after]):
            # "main" underlined with ~, its arguments with ^, as Python draws it
            lines[after] = " " * len(found["head"]) + "~~~~" + "^" * (len(call) - 4)
    return "\n".join(lines)


def shows_traceback(texts: Iterable[str]) -> bool:
    return any(_TRACEBACK.search(text) for text in texts)


def shorten_runs(runs: Sequence[ExampleRun]) -> str:
    """Shorten the outputs and tracebacks of a lesson's runs in place; the note
    for the page if it shows a traceback, else ""."""
    texts = []
    for run in runs:
        run.outputs[:] = [shorten(text, run.src_file) for text in run.outputs]
        texts.extend(run.outputs)
        if run.error is not None:
            run.error["traceback"] = shorten(run.error["traceback"], run.src_file)
            texts.append(run.error["traceback"])
    return "\n.. runner-paths-note::\n\n" if shows_traceback(texts) else ""


class runner_paths_note(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """The note that a page's paths are short; drawn by ``_visit_note``."""


class RunnerPathsNote(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [runner_paths_note()]


def _visit_note(self: SphinxTranslator, node: runner_paths_note) -> None:
    text = _(
        "Paths in the tracebacks are shortened: the lesson's own file is shown "
        "by its name, and a file of Python's library as .../ and its path inside "
        "the library."
    )
    self.body.append(f'<p class="runner-paths-note">{html.escape(text)}</p>')
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Called by the example_runner extension's setup()."""
    app.setup_extension("i18n.ext_words")
    skip = (_skip, None)
    app.add_node(
        runner_paths_note,
        html=(_visit_note, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_directive("runner-paths-note", RunnerPathsNote)
