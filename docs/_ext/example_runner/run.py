"""One run of one example: a fresh interpreter, as ``python example.py``."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from . import terminal
from .settings import DEFAULT_MAX_OUTPUT, DEFAULT_TIMEOUT

BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bootstrap.py")

# sphinx-gallery's own rule: a code block holding this comment keeps its figures
# open for the next block.
_DEFER_FIGURES = re.compile(r"^[\ \t]*#\s*sphinx_gallery_defer_figures[\ \t]*\n?", re.M)
# The same escape sequences sphinx-gallery strips from captured output.
_ANSI = re.compile(r"\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A start-up hook that wraps a function a lesson's exception may pass through
# names its files here, in ``extra_env`` (os.pathsep-separated): their frames
# are left out of the tracebacks, which show what ``python example.py`` prints.
HIDDEN_FRAMES = "EXAMPLE_RUNNER_HIDDEN_FRAMES"
_FRAME = re.compile(r'^(?P<indent> *)File "(?P<file>[^"]+)", line \d+')


class CodeBlock(Protocol):
    """A code cell as sphinx-gallery parses it."""

    lineno: int
    content: str


@dataclasses.dataclass
class ExampleRun:
    """What one run printed per code cell, the figures it saved, how it ended.

    ``rundir`` is the run's own folder: the example worked in its ``cwd/``
    (emptied after the run), its figures are in ``figures/``, and start-up hooks
    may have left records there.  Whoever made the folder removes it.
    """

    src_file: str
    rundir: str
    outputs: list[str]
    figures: dict[int, list[str]]
    error: dict[str, Any] | None
    returncode: int | None
    timed_out: bool
    stopped: bool = False
    elapsed: float = 0.0  # seconds, from start to the end of the last process
    # processes still running after the program ended (then killed): pid, command
    leftovers: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    overflowed: bool = False  # printed more than max_output bytes: stopped
    start_method: str | None = None  # the default it ran with (None: Python's)
    # Set when the run is judged (gallery.py): how it ended, in the words of
    # options.outcome, and its failure (cell, traceback, line) if any.
    outcome: str = ""
    failure: tuple[int | None, str, int | None] | None = None


def run_example(
    src_file: str | os.PathLike[str],
    blocks: Sequence[CodeBlock],
    rundir: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    start_method: str | None = None,
    use_pty: bool = terminal.HAVE_PTY,
    stop: threading.Event = terminal.NEVER,
    extra_env: Mapping[str, str] | None = None,
    max_output: int = DEFAULT_MAX_OUTPUT,
) -> ExampleRun:
    """Run the code ``blocks`` of ``src_file`` (sphinx-gallery blocks) as a program.

    The example works in a fresh empty folder ``rundir/cwd``, with a temp folder
    of its own (``TMPDIR``), both removed after the run, so that what a stopped
    run could not clean up (a ``TemporaryDirectory``, multiprocessing's
    ``pymp-*``) goes too; the figures it leaves open after a block are saved
    as PNG files in ``rundir/figures``.  ``extra_env`` is added to its
    environment (``PYTHONPATH`` entries go first on the path).
    """
    src_file = os.path.abspath(src_file)
    with open(src_file, encoding="utf-8") as f:
        source = f.read()
    marker = f"\x1b]777;example-cell-{secrets.token_hex(8)};"
    workdir = os.path.join(rundir, "cwd")
    figures_dir = os.path.join(rundir, "figures")
    os.makedirs(workdir)
    os.makedirs(figures_dir, exist_ok=True)
    # Not in rundir: a short path, as the fork server's socket inside it must
    # be (104 bytes on macOS, whose temp folder is long already).
    tempdir = tempfile.mkdtemp(prefix="ex-")
    try:
        spec: dict[str, Any] = {
            "src_file": src_file,
            "docstring": _docstring(source),
            "cells": [
                {
                    "lineno": b.lineno,
                    "source": b.content,
                    "save_figures": not _DEFER_FIGURES.search(b.content),
                }
                for b in blocks
            ],
            "marker": marker,
            "report": os.path.join(rundir, "report.jsonl"),
            "figures_dir": figures_dir,
            "start_method": start_method,
            "matplotlib": "matplotlib" in source,
        }
        spec_path = os.path.join(rundir, "spec.json")
        with open(spec_path, "w", encoding="utf-8") as f:
            json.dump(spec, f)
        env = _environment(spec["matplotlib"], {**(extra_env or {}), "TMPDIR": tempdir})
        started = time.perf_counter()
        done = terminal.run(
            [sys.executable, BOOTSTRAP, spec_path],
            cwd=workdir,
            env=env,
            timeout=timeout,
            use_pty=use_pty,
            stop=stop,
            max_output=max_output,
        )
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(tempdir, ignore_errors=True)
    # the bootstrap's own frames, under the lesson's in a printed stack (a
    # faulthandler dump, traceback.print_stack()), are not the reader's
    hidden = [BOOTSTRAP, *(extra_env or {}).get(HIDDEN_FRAMES, "").split(os.pathsep)]
    outputs = [
        hide_frames(text, hidden)
        for text in split_cells(done.output, marker, len(blocks))
    ]
    records = read_json_lines(spec["report"])
    figures: dict[int, list[str]] = {}
    error = None
    for record in records:
        if "figures" in record:
            figures[record["cell"]] = record["figures"]
        if "error" in record:
            error = {"cell": record["cell"], **record["error"]}
    return ExampleRun(
        src_file=src_file,
        rundir=rundir,
        outputs=outputs,
        figures=figures,
        error=error,
        returncode=done.returncode,
        timed_out=done.timed_out,
        stopped=done.stopped,
        elapsed=elapsed,
        leftovers=done.leftovers,
        overflowed=done.overflowed,
        start_method=start_method,
    )


def split_cells(raw: bytes, marker: str, count: int) -> list[str]:
    """Cut the output at the cell markers; clean each piece as a terminal shows it."""
    outputs = [""] * count
    if not count:
        return outputs
    pattern = re.compile(re.escape(marker.encode()) + rb"(\d+)\x07")
    pieces = pattern.split(raw)
    # pieces: [before the first cell, index, text, index, text, ...]
    outputs[0] += _clean(pieces[0])
    for index, text in zip(pieces[1::2], pieces[2::2], strict=True):
        outputs[int(index)] += _clean(text)
    return outputs


def hide_frames(text: str, files: Sequence[str]) -> str:
    """``text`` without the traceback entries (the ``File`` line and the lines
    indented under it) of the frames in ``files``."""
    hidden = {os.path.realpath(f) for f in files if f}
    if not hidden or "File " not in text:
        return text
    kept: list[str] = []
    under: int | None = None  # the indent of the hidden entry being skipped
    for line in text.split("\n"):
        if under is not None:
            if line.strip() and len(line) - len(line.lstrip(" ")) > under:
                continue
            under = None
        frame = _FRAME.match(line)
        if frame and os.path.realpath(frame["file"]) in hidden:
            under = len(frame["indent"])
            continue
        kept.append(line)
    return "\n".join(kept)


def _clean(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    # A carriage return moves the cursor back: the terminal shows what came last.
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    text = _CONTROL.sub("", _ANSI.sub("", text))
    return text.expandtabs()


def _docstring(source: str) -> str | None:
    try:
        return ast.get_docstring(ast.parse(source), clean=False)
    except SyntaxError:
        return None  # the run itself reports it, with its line


def _environment(matplotlib: bool, extra: Mapping[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in extra.items():
        if name == "PYTHONPATH" and env.get(name):
            value = os.pathsep.join([value, env[name]])
        env[name] = value
    env.pop("PYTHONUNBUFFERED", None)  # a reader's terminal line-buffers stdout
    env.pop(HIDDEN_FRAMES, None)  # for the runner only
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the source tree
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env["TERM"] = "dumb"  # no colours
    if matplotlib:
        env["MPLBACKEND"] = "agg"
    return env


def read_json_lines(path: str) -> list[dict[str, Any]]:
    """The JSON lines of a file (a line cut short by a killed process is skipped)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return []
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records
