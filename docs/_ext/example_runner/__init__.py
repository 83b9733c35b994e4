"""Run each sphinx-gallery example as a real program and show every process's output.

sphinx-gallery keeps doing everything else (reST, code rendering, downloads,
thumbnails, md5 caching); this extension replaces only its per-example
execution (``sphinx_gallery.gen_rst.execute_script``) with a run of the example
in a fresh interpreter, as ``python example.py`` would run it, inside a
pseudo-terminal.  See ``run.py`` for the run itself.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from textwrap import indent

from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging
from sphinx_gallery import gen_rst
from sphinx_gallery.gen_gallery import _expected_failing_examples
from sphinx_gallery.scrapers import save_figures

from . import prefetch, run

__version__ = "1.0"

logger = logging.getLogger(__name__)

START_METHODS = ("fork", "forkserver", "spawn")
# Examples mostly sleep and wait, so several run at once per core.
DEFAULT_JOBS = 4 * (os.cpu_count() or 1)

# Set by the process_timeline extension: called with the events a run recorded
# and the script_vars; returns reST to put under the last output. None: the
# runs record nothing.
timeline_consumer = None

# This build's background runs (see prefetch.py) and the examples it executed.
_prefetch: prefetch.Prefetch | None = None
_executed: list[str] = []


def execute_script(script_blocks, script_vars, gallery_conf, file_conf):
    """Stand-in for ``sphinx_gallery.gen_rst.execute_script`` with the same contract.

    Returns one reST output string per block (text blocks get ``""``) and the
    run time, and sets ``script_vars`` as sphinx-gallery expects.
    """
    script_vars["memory_delta"] = 0.0
    # The example's globals live in another interpreter; backreferences then
    # come from reading the code alone.
    script_vars["example_globals"] = {}
    if not script_vars["execute_script"]:
        return [""] * len(script_blocks), 0.0
    src_file = script_vars["src_file"]
    code = [(i, b) for i, b in enumerate(script_blocks) if b.type == "code"]
    settings = _settings(gallery_conf)
    rel = os.path.relpath(src_file, os.getcwd())

    task = _prefetch.take(src_file, script_blocks) if _prefetch else None
    if task is not None:
        result, figures_dir, elapsed = task.result, task.figures_dir, task.elapsed
    else:
        figures_dir = tempfile.mkdtemp(prefix="example-figures-")
        _executed.append(src_file)
        started = time.perf_counter()
        result = run.run_example(
            src_file,
            [b for _, b in code],
            figures_dir,
            timeout=settings["timeout"],
            start_method=settings["start_method"],
            record_timeline=timeline_consumer is not None,
        )
        elapsed = time.perf_counter() - started
    try:
        if result.timed_out:
            raise ExtensionError(
                f"{rel}: the example did not finish within {settings['timeout']:g} s "
                "(set EXAMPLE_TIMEOUT=<seconds> to change the limit); all of its "
                "processes were killed"
            )
        if result.stopped:
            raise ExtensionError(f"{rel}: the build was stopped while it ran")
        output_blocks = _render(
            result, code, len(script_blocks), script_vars, gallery_conf
        )
        if timeline_consumer is not None and result.timeline:
            output_blocks[code[-1][0]] += timeline_consumer(
                result.timeline, script_vars
            )
    finally:
        shutil.rmtree(figures_dir, ignore_errors=True)

    failure = _failure(result)
    if failure is not None:
        cell, formatted, lineno = failure
        i = code[cell][0] if cell is not None else code[-1][0]
        output_blocks[i] += (
            ".. rst-class:: sphx-glr-script-out\n\n"
            + gen_rst.codestr2rst(formatted, lang="pytb")
            + "\n\n"
        )
        _report_failure(src_file, rel, lineno, formatted, script_vars, gallery_conf)
    else:
        with open(script_vars["target_file"] + ".md5", "w") as f:
            f.write(gen_rst.get_md5sum(script_vars["target_file"], mode="t"))
        script_vars["passing"] = True
    return output_blocks, elapsed


def _render(result, code, count, script_vars, gallery_conf) -> list[str]:
    """reST for every block: each code block's images, then its output."""
    output_blocks = [""] * count
    for cell, (i, block) in enumerate(code):
        script_vars["runner_figures"] = result.figures.get(cell, [])
        images_rst = save_figures(block, script_vars, gallery_conf)
        output_blocks[i] = _output_rst(images_rst, result.outputs[cell])
    return output_blocks


def _settings(gallery_conf) -> dict:
    return gallery_conf.setdefault("example_runner", _read_environment())


def _read_environment() -> dict:
    """The build's settings from EXAMPLE_TIMEOUT, EXAMPLE_JOBS and MP_START_METHOD."""
    raw = os.environ.get("EXAMPLE_TIMEOUT", "").strip()
    try:
        timeout = float(raw) if raw else run.DEFAULT_TIMEOUT
        if timeout <= 0:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"EXAMPLE_TIMEOUT must be a positive number of seconds, got {raw!r}"
        ) from None
    method = os.environ.get("MP_START_METHOD", "").strip() or None
    if method is not None:
        import multiprocessing

        available = multiprocessing.get_all_start_methods()
        if method not in START_METHODS or method not in available:
            raise ConfigError(
                f"MP_START_METHOD must be one of {', '.join(available)} on this "
                f"platform, got {method!r}"
            )
    raw_jobs = os.environ.get("EXAMPLE_JOBS", "").strip()
    try:
        jobs = int(raw_jobs) if raw_jobs else DEFAULT_JOBS
        if jobs < 1:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"EXAMPLE_JOBS must be a whole number of examples run at once (1 or "
            f"more), got {raw_jobs!r}"
        ) from None
    return {"timeout": timeout, "start_method": method, "jobs": jobs}


def _output_rst(images_rst: str, text: str) -> str:
    captured = ""
    if text.strip():
        captured = gen_rst.CODE_OUTPUT.format(indent(text, " " * 4))
    return f"\n{images_rst}\n\n{captured}\n\n\n"


def _failure(result):
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


def _report_failure(src_file, rel, lineno, formatted, script_vars, gallery_conf):
    where = f"{rel}:{lineno}" if lineno else rel
    if src_file in _expected_failing_examples(gallery_conf):
        logger.info("%s failed, as expected:\n\n%s", where, indent(formatted, "    "))
    else:
        logger.warning(
            "%s: the example failed:\n\n%s",
            where,
            indent(formatted, "    "),
            type="sphinx_gallery",
            subtype="example_error",
        )
        if gallery_conf["abort_on_example_error"]:
            raise ExtensionError(f"{where}: the example failed:\n{formatted}")
    script_vars["formatted_exception"] = formatted
    script_vars["execute_script"] = False


def _check_environment(app, config) -> None:
    _read_environment()  # fail early, before any example runs


def _start_runs(app) -> None:
    """Start the stale examples in the background before sphinx-gallery asks."""
    global _prefetch
    _executed.clear()
    settings = _read_environment()
    if settings["jobs"] < 2:
        return
    stale = prefetch.stale_examples(app.config.sphinx_gallery_conf, app.srcdir)
    if stale:
        _prefetch = prefetch.Prefetch(
            settings["jobs"],
            settings["timeout"],
            settings["start_method"],
            record_timeline=timeline_consumer is not None,
        )
        _prefetch.start(stale)


def _finish_runs(app, exception) -> None:
    """Stop whatever still runs; record which examples this build executed."""
    global _prefetch
    executed = list(_executed)
    if _prefetch is not None:
        executed = _prefetch.executed + executed
        _prefetch.shutdown()
        _prefetch = None
    record = {
        "executed": sorted(os.path.relpath(p, app.srcdir) for p in executed),
    }
    path = os.path.join(app.doctreedir, "example_runner.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1)


def _allow_matplotlib(app, config) -> None:
    if sys.modules.get("matplotlib", True) is None:
        del sys.modules["matplotlib"]


def setup(app):
    # Examples draw in their own interpreters, so Sphinx needs no matplotlib;
    # sphinx-gallery would import it (0.7 s a build) only to pick its backend
    # when it fills in its configuration.  Hide it until that is done.
    if "matplotlib" not in sys.modules:
        sys.modules["matplotlib"] = None
    app.setup_extension("sphinx_gallery.gen_gallery")
    gen_rst.execute_script = execute_script
    app.connect("config-inited", _check_environment)
    app.connect("config-inited", _allow_matplotlib, priority=999)
    # before sphinx-gallery's own builder-inited handler (priority 500)
    app.connect("builder-inited", _start_runs, priority=400)
    app.connect("build-finished", _finish_runs)
    return {
        "version": __version__,
        # Examples run while sphinx-gallery generates sources (builder-inited),
        # in threads of the main process, before Sphinx reads or writes
        # anything in parallel; nothing is kept in the environment.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
