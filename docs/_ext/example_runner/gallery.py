"""The one seam to sphinx-gallery: our runs in place of its ``execute_script``.

sphinx-gallery keeps doing everything else (reST, code rendering, downloads,
thumbnails, md5 caching).  Everything this extension knows of sphinx-gallery's
internals is in this module, and ``check_sphinx_gallery`` verifies it when the
extension is set up.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from textwrap import indent
from typing import Any

import sphinx_gallery
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx_gallery import gen_rst
from sphinx_gallery.gen_gallery import _expected_failing_examples
from sphinx_gallery.scrapers import figure_rst
from sphinx_gallery.utils import _collect_gallery_files, get_md5sum

from gallery import contract

from . import display, options, paths, run, try_this
from .errors import LessonError, report
from .runs import FINISHED_EVENT, NOT_RUN_EVENT, BuildRuns
from .settings import Settings

logger = logging.getLogger(__name__)

ExecuteScript = Callable[
    [list[Any], dict[str, Any], dict[str, Any], dict[str, Any]],
    tuple[list[str], float],
]
# sphinx-gallery's own execution, put back when a build is finished.
_ORIGINAL: ExecuteScript = gen_rst.execute_script


def check_sphinx_gallery() -> None:
    """Raise an ExtensionError if sphinx-gallery is not what this project expects
    (gallery/contract.py, which knows it)."""
    execute_script = gen_rst.execute_script
    if getattr(execute_script, "__module__", None) == __name__:  # ours, installed
        execute_script = _ORIGINAL
    contract.check(execute_script)


def check_called(app: Sphinx, runs: BuildRuns, stale: Sequence[str]) -> None:
    """After sphinx-gallery made the gallery: stop if it had lessons to run but
    never asked us (it no longer calls ``gen_rst.execute_script``)."""
    if stale and not runs.asked:
        raise ExtensionError(
            f"sphinx-gallery {sphinx_gallery.__version__} made the gallery without "
            f"calling gen_rst.execute_script, so the example runner ran none of "
            f"the {len(stale)} lessons it had to run (the first: {stale[0]}). Pin "
            "the sphinx-gallery version in requirements.txt that "
            "tests/test_sphinx_gallery_contract.py passes with, or adapt "
            "docs/_ext/example_runner/gallery.py to the new version."
        )


# Lessons draw in their own interpreters, so Sphinx needs no matplotlib; but
# sphinx-gallery imports it (about 0.7 s of every build's start) to pick its
# backend when it fills in its configuration (config-inited, priority 10), and
# carries on when the import fails.  The runner hides it around that moment.
def hide_matplotlib(app: Sphinx, config: Config) -> None:
    if "matplotlib" not in sys.modules:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]


def show_matplotlib(app: Sphinx, config: Config) -> None:
    if "matplotlib" in sys.modules and sys.modules["matplotlib"] is None:
        del sys.modules["matplotlib"]


def stale_examples(app: Sphinx) -> list[str]:
    """The examples whose output sphinx-gallery has not cached, found as it does."""
    conf = app.config.sphinx_gallery_conf
    srcdir = Path(app.srcdir)
    found = []
    for examples_dir, gallery_dir in zip(
        _as_list(conf["examples_dirs"]), _as_list(conf["gallery_dirs"]), strict=False
    ):
        examples = srcdir / examples_dir
        for path in _collect_gallery_files([examples], conf, check_filenames=True):
            src = os.path.normpath(path)
            if not src.endswith(".py") or not gen_rst.executable_script(src, conf):
                continue
            target = srcdir / gallery_dir / Path(src).relative_to(examples.resolve())
            if conf["run_stale_examples"] or not _cached(Path(src), target):
                found.append(src)
    return found


# The shape of the reST this adapter writes for a run.  When it changes, every
# cached output is stale: sphinx-gallery's checksums only see the examples.
OUTPUT_FORMAT = "6"
_FORMAT_FILE = ".example-runner-format"


def outputs_key(settings: Settings) -> str:
    """What decides every cached output besides its lesson: the format of the
    reST, the Python and system that ran the lessons, the default start method."""
    return (
        f"format {OUTPUT_FORMAT}; Python {platform.python_version()} "
        f"({sys.implementation.name}) on {platform.system()}; "
        f"start method {settings.start_method or 'default'}"
    )


def forget_outdated_outputs(app: Sphinx, settings: Settings) -> None:
    """Make sphinx-gallery re-run every example whose cached output came from
    another format, Python, system or start method (a venv of another Python
    building the same checkout must not show the first one's outputs)."""
    conf = app.config.sphinx_gallery_conf
    key = outputs_key(settings)
    for gallery_dir in _as_list(conf["gallery_dirs"]):
        folder = Path(app.srcdir, gallery_dir)
        marker = folder / _FORMAT_FILE
        if marker.is_file() and marker.read_text().strip() == key:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for checksum in folder.rglob("*.py.md5"):
            checksum.unlink()
        marker.write_text(key + "\n")


def _cached(src: Path, target: Path) -> bool:
    # sphinx-gallery copies the example over its target when they differ, then
    # runs it unless the target's checksum file is current (md5sum_is_current).
    return (
        target.is_file()
        and get_md5sum(target, mode="t") == get_md5sum(src, mode="t")
        and gen_rst.md5sum_is_current(target, mode="t")
    )


def install(app: Sphinx, runs: BuildRuns) -> None:
    """From now until ``uninstall``, sphinx-gallery's runs are ``runs``'."""

    def execute_script(
        script_blocks: list[Any],
        script_vars: dict[str, Any],
        gallery_conf: dict[str, Any],
        file_conf: dict[str, Any],
    ) -> tuple[list[str], float]:
        try:
            return _execute(
                app, runs, script_blocks, script_vars, gallery_conf, file_conf
            )
        except LessonError as error:
            if gallery_conf["abort_on_example_error"]:
                raise  # stop at the first failure, as sphinx-gallery's option says
            # the build goes on and fails at its end; the page shows no output
            # and nothing is cached, so the lesson runs again next time
            report(app, error)
            return [""] * len(script_blocks), 0.0

    gen_rst.execute_script = execute_script


def uninstall(app: Sphinx, exception: BaseException | None) -> None:
    gen_rst.execute_script = _ORIGINAL


def _execute(
    app: Sphinx,
    runs: BuildRuns,
    script_blocks: list[Any],
    script_vars: dict[str, Any],
    gallery_conf: dict[str, Any],
    file_conf: dict[str, Any],
) -> tuple[list[str], float]:
    """What sphinx-gallery's ``execute_script`` returns: reST per block, run time."""
    runs.asked = True
    missing = [key for key in contract.SCRIPT_VARS_READ if key not in script_vars]
    if missing:
        raise ExtensionError(
            f"sphinx-gallery {sphinx_gallery.__version__} no longer gives "
            f"execute_script the script_vars {', '.join(missing)} that "
            "docs/_ext/example_runner/gallery.py reads; pin the sphinx-gallery "
            "version in requirements.txt that tests/test_sphinx_gallery_contract.py "
            "passes with, or adapt the runner."
        )
    script_vars["memory_delta"] = 0.0
    # The example's globals live in another interpreter; backreferences then
    # come from reading the code alone.
    script_vars["example_globals"] = {}
    if not script_vars["execute_script"]:
        return [""] * len(script_blocks), 0.0
    src_file = script_vars["src_file"]
    code = [(i, b) for i, b in enumerate(script_blocks) if b.type == "code"]
    rel = os.path.relpath(src_file, os.getcwd())

    lesson = options.read(rel, file_conf, runs.settings)
    if lesson.needs is not None:
        output_blocks = _not_run(app, rel, src_file, script_blocks, script_vars, lesson)
        _passed(script_vars)
        return output_blocks, 0.0
    results = runs.take(src_file, [b for _, b in code], lesson)
    # says which lessons this build ran (sphinx-gallery reused the others' pages)
    logger.info("ran %s", os.path.relpath(src_file, app.confdir))
    paths_note = paths.shorten_runs(results)  # before anything reads them
    failures: list[tuple[int | None, str, int | None]] = []
    try:
        for variant, result in zip(lesson.variants, results, strict=True):
            failure = _judge(
                rel, variant, result, lesson, runs.settings, lesson.expected(variant)
            )
            if failure is not None:
                failures.append(failure)
        first, last = results[0], code[-1][0]
        if len(results) == 1 and first.outcome != "timeout":
            output_blocks = _render(
                first, code, len(script_blocks), script_vars, gallery_conf["src_dir"]
            )
            for cell, formatted, _line in [first.failure] if first.failure else []:
                i = code[cell][0] if cell is not None else last
                output_blocks[i] += _traceback_rst(formatted)
        else:
            output_blocks = _render_many(
                results, lesson, code, len(script_blocks), script_vars, gallery_conf
            )
        by = lesson.by if len(results) > 1 else "single"
        for variant, result in zip(lesson.variants, results, strict=True):
            # in page order, until a listener has something to show
            key = variant.start_method if by == "start-method" else variant.number
            extra = "".join(
                r
                for r in app.emit(FINISHED_EVENT, result, script_vars, by, str(key))
                if r
            )
            if extra:
                output_blocks[last] += extra
                break
        boxes, boxes_note = _try_this(
            rel, runs, src_file, script_blocks, [b for _, b in code], lesson
        )
        output_blocks[last] += boxes
        left = sum(len(r.leftovers) for r in results)
        if left:
            output_blocks[last] += _LEFT_NOTE.format(count=left)
        output_blocks[last] += paths_note or boxes_note
        output_blocks[last] += display.environment_rst(lesson, results)
    finally:
        for result in results:
            shutil.rmtree(result.rundir, ignore_errors=True)

    if failures:  # not expected by the lesson: reported as sphinx-gallery does
        cell, formatted, lineno = failures[0]
        _report_failure(src_file, rel, lineno, formatted, script_vars, gallery_conf)
    else:
        _passed(script_vars)
    return output_blocks, max(r.elapsed for r in results)


def _passed(script_vars: dict[str, Any]) -> None:
    """The page is made: sphinx-gallery makes it again only if the lesson changes."""
    with open(script_vars["target_file"] + ".md5", "w") as f:
        f.write(get_md5sum(script_vars["target_file"], mode="t"))
    script_vars["passing"] = True


def _not_run(
    app: Sphinx,
    rel: str,
    src_file: str,
    script_blocks: list[Any],
    script_vars: dict[str, Any],
    lesson: options.LessonOptions,
) -> list[str]:
    """The page of a lesson that needs a newer Python than this one: a note in
    place of the output and of each box's output; nothing runs."""
    code = [(i, b) for i, b in enumerate(script_blocks) if b.type == "code"]
    output_blocks = [""] * len(script_blocks)
    note = {"note": "needs", "needs": lesson.needs}
    output_blocks[code[0][0]] = display.outputs_rst(
        "single", [{"key": "1", "text": "", **note}]
    )
    with open(src_file, encoding="utf-8") as f:
        source = f.read()
    for box in try_this.read(rel, script_blocks):
        change = try_this.apply(rel, box, source, [b for _, b in code])
        output_blocks[code[-1][0]] += try_this.output_rst(
            box, change, {"text": "", **note}
        )
    logger.info("did not run %s: it needs Python %s", rel, lesson.needs)
    app.emit(NOT_RUN_EVENT, script_vars, lesson.needs)
    return output_blocks


def _try_this(
    rel: str,
    runs: BuildRuns,
    src_file: str,
    script_blocks: list[Any],
    code: list[Any],
    lesson: options.LessonOptions,
) -> tuple[str, str]:
    """reST for the runs of the lesson's "Try this" changes, one per box, and
    the note on short paths if one of them shows a traceback."""
    rst = note = ""
    with open(src_file, encoding="utf-8") as f:
        source = f.read()
    for box in try_this.read(rel, script_blocks):
        change = try_this.apply(rel, box, source, code)
        timeout = box.timeout or lesson.timeout
        result = runs.take_one(
            src_file,
            change.blocks,
            box.variant(runs.settings.start_method),
            timeout,
            change.program,
        )
        try:
            note = paths.shorten_runs([result]) or note
            what = f" in the try-this box of line {box.line}"
            if box.start_method:
                what += f" under {box.start_method}"
            failure = _judge(
                rel,
                box.variant(runs.settings.start_method),
                result,
                lesson,
                runs.settings,
                box.expect,
                what,
            )
            if failure is not None:
                raise LessonError(
                    f"{rel}:{box.line}: the program changed by this try-this box "
                    f"failed:\n{failure[1]}If that is what the box shows, say how "
                    "it ends with ':expect:' (an exception's name, 'exit N' or "
                    "'timeout')."
                )
            item: dict[str, Any] = {"text": "".join(result.outputs)}
            if result.error is not None:
                item["traceback"] = result.error["traceback"]
            elif result.returncode and not result.timed_out:
                item["returncode"] = result.returncode
            if result.outcome == "timeout":
                item["note"], item["timeout"] = "timeout", timeout
            rst += try_this.output_rst(box, change, item)
        finally:
            shutil.rmtree(result.rundir, ignore_errors=True)
    return rst, note


def _judge(
    rel: str,
    variant: options.Variant,
    result: run.ExampleRun,
    lesson: options.LessonOptions,
    settings: Settings,
    expected: str | None,
    under: str | None = None,
) -> tuple[int | None, str, int | None] | None:
    """Stop the build if the run went wrong in a way no page may show.

    Returns the run's failure when it was not ``expected`` (an outcome, or
    None: success), for the caller to report; else None.  Sets ``result.outcome``
    and ``result.failure`` (cell, traceback, line) for the page.  ``under``
    says which run it was, for the messages.
    """
    if under is None:
        under = f" under {variant.start_method}" if variant.start_method else ""
    if result.stopped:
        raise ExtensionError(f"{rel}: the build was stopped while it ran")
    if result.overflowed:
        raise LessonError(
            f"{rel}: the example printed more than {settings.max_output:,} bytes"
            f"{under}, so it was stopped and all of its processes were killed (a "
            "loop without an end or a pause?). If a lesson really prints that "
            "much, raise the limit with EXAMPLE_MAX_OUTPUT=<bytes> or "
            "example_runner_max_output."
        )
    if result.leftovers and not lesson.leaves_processes:
        raise LessonError(_leak_message(rel, result.leftovers))
    result.outcome = options.outcome(result.error, result.returncode, result.timed_out)
    result.failure = _failure(result)
    if expected is None:
        if result.outcome == "timeout":
            raise LessonError(
                f"{rel}: the example did not finish within {lesson.timeout:g} s"
                f"{under} (set EXAMPLE_TIMEOUT=<seconds> or example_runner_timeout "
                "to change the limit); all of its processes were killed"
            )
        return result.failure
    if result.outcome not in expected.split("|"):
        raise LessonError(
            f"{rel}: the lesson expects its run{under} to end with {expected!r}, "
            f"but it ended with {result.outcome!r}: its page would not show what "
            "its text says. Fix the lesson or its sphinx_gallery_expect line."
        )
    logger.info("%s%s ended with %s, as the lesson expects", rel, under, expected)
    return None


def _traceback_rst(formatted: str) -> str:
    item = {"key": 1, "text": "", "traceback": formatted}
    return display.outputs_rst("single", [item])


def _render_many(
    results: Sequence[run.ExampleRun],
    lesson: options.LessonOptions,
    code: Sequence[tuple[int, Any]],
    count: int,
    script_vars: dict[str, Any],
    gallery_conf: dict[str, Any],
) -> list[str]:
    """reST for every block: the first run's figures, every run's outputs."""
    output_blocks = _render(
        results[0], code, count, script_vars, gallery_conf["src_dir"], outputs=False
    )
    by = lesson.by if len(results) > 1 else "single"
    for cell, (i, _block) in enumerate(code):
        items = []
        for variant, result in zip(lesson.variants, results, strict=True):
            text = result.outputs[cell]
            item: dict[str, Any] = {
                "key": variant.start_method if by == "start-method" else variant.number,
                "text": text,
            }
            if by == "run" and variant.number > 1:
                item["moved"] = display.moved_lines(results[0].outputs[cell], text)
            failure = result.failure
            if failure is not None and (
                failure[0] == cell or (failure[0] is None and cell == len(code) - 1)
            ):
                item["traceback"] = failure[1]
            if result.outcome == "timeout" and cell == len(code) - 1:
                item["note"], item["timeout"] = "timeout", lesson.timeout
            items.append(item)
        if any(
            item["text"].strip() or "traceback" in item or "note" in item
            for item in items
        ):
            output_blocks[i] += display.outputs_rst(by, items)
    return output_blocks


# The config comment that lets a lesson leave processes running on purpose:
#   # sphinx_gallery_leaves_processes = True
LEAVES_PROCESSES = "leaves_processes"
_LEFT_NOTE = """
.. note::
   :class: leftover-processes

   When this program ended, {count} of its processes were still running.
   They were stopped after the run; on your machine they keep running until
   you stop them.

"""


def _leak_message(rel: str, leftovers: list[dict[str, Any]]) -> str:
    listed = "\n".join(f"    {p['pid']}  {p['command']}" for p in leftovers)
    return (
        f"{rel}: processes of the example were still running after it ended "
        f"(they were killed):\n{listed}\nA lesson must stop what it starts; "
        "if it leaves a process running on purpose, say so with a line "
        f"'# sphinx_gallery_{LEAVES_PROCESSES} = True' in the example."
    )


def _render(
    result: run.ExampleRun,
    code: Sequence[tuple[int, Any]],
    count: int,
    script_vars: dict[str, Any],
    src_dir: str,
    outputs: bool = True,
) -> list[str]:
    """reST for every block: each code block's figures, then its output."""
    output_blocks = [""] * count
    for cell, (i, _block) in enumerate(code):
        images = []
        for path in result.figures.get(cell, []):
            target = next(script_vars["image_path_iterator"])
            shutil.move(path, target)
            images.append(target)
        images_rst = figure_rst(images, src_dir) if images else ""
        captured = ""
        if outputs and result.outputs[cell].strip():
            item = {"key": 1, "text": result.outputs[cell]}
            captured = display.outputs_rst("single", [item])
        output_blocks[i] = f"\n{images_rst}\n\n{captured}\n\n\n"
    return output_blocks


def _failure(result: run.ExampleRun) -> tuple[int | None, str, int | None] | None:
    """(cell, formatted traceback, line) of a failed run, or None."""
    if result.error is not None:
        return result.error["cell"], result.error["traceback"], result.error["lineno"]
    if result.returncode:
        if result.returncode < 0:
            what = f"was killed by signal {-result.returncode}"
        else:
            what = f"exited with status {result.returncode}"
        return None, f"The example's main process {what}.\n", None
    return None


def _report_failure(
    src_file: str,
    rel: str,
    lineno: int | None,
    formatted: str,
    script_vars: dict[str, Any],
    gallery_conf: dict[str, Any],
) -> None:
    """An expected failure is logged and shown, as sphinx-gallery shows one; an
    unexpected one is the lesson's error (not sphinx-gallery's: its summary
    at the end of the build would report it as an extension's crash)."""
    where = f"{rel}:{lineno}" if lineno else rel
    if src_file not in _expected_failing_examples(gallery_conf):
        raise LessonError(
            f"{where}: the example failed:\n\n{indent(formatted, '    ')}"
        )
    logger.info("%s failed, as expected:\n\n%s", where, indent(formatted, "    "))
    script_vars["formatted_exception"] = formatted
    script_vars["execute_script"] = False


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
