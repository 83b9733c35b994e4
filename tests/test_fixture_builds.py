"""Sphinx builds of a tiny fixture project: how each kind of example is reported."""

from __future__ import annotations

import contextlib
import html
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import (
    FIXTURES,
    example_env,
    page_outputs,
    page_runs,
    page_text,
    processes_tagged,
    sphinx_build,
    try_this_outputs,
)

# What the pages of cells.py and late_child.py (last cell) must show.
CELLS_OUTPUTS = ["child of cell 1\nend of cell 1\n", "child of cell 2\nend of cell 2\n"]
LATE_LAST_CELL = ["second cell", "child prints after the main code ended"]


def make_project(tmp_path, *examples):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "examples").mkdir()
    (project / "examples" / "GALLERY_HEADER.rst").write_text("Fixtures\n========\n")
    for name in examples:
        shutil.copy2(FIXTURES / "examples" / name, project / "examples" / name)
    return project


def build(project, token, **env):
    with own_temp_folder() as temp:
        return sphinx_build(
            project, project, project / "_build", example_env(token, TMPDIR=temp, **env)
        )


@contextlib.contextmanager
def own_temp_folder():
    """A temp folder (TMPDIR) of the build's own, checked to be empty afterwards:
    no run's folder, no supervisor's report, even from a failed build.  Short,
    as the fork server's socket path in it must be."""
    temp = tempfile.mkdtemp(prefix="build-")
    try:
        yield temp
        # a failed build's traceback, which Sphinx keeps and names, may stay
        left = sorted(
            p.name for p in Path(temp).iterdir() if not p.name.startswith("sphinx-err-")
        )
        assert not left, f"the build left in its temp folder: {left}"
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def test_good_examples_build_with_every_line_and_figure(tmp_path, leak_token):
    project = make_project(tmp_path, "cells.py", "late_child.py", "figure.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    out = project / "_build" / "gallery"
    assert page_outputs(out / "cells.html") == CELLS_OUTPUTS
    assert page_outputs(out / "late_child.html")[-1].splitlines() == LATE_LAST_CELL
    figure_page = (out / "figure.html").read_text(encoding="utf-8")
    assert "sphx_glr_figure_001.png" in figure_page
    images = project / "_build" / "_images"
    assert (images / "sphx_glr_figure_001.png").is_file()
    # The figure became the thumbnail; an example without one has the placeholder.
    figure_thumb = (images / "sphx_glr_figure_thumb.png").read_bytes()
    assert figure_thumb != (images / "sphx_glr_cells_thumb.png").read_bytes()
    for page in ("cells.html", "late_child.html", "figure.html"):
        assert "Download Python source code" in page_text(out / page)


def test_hanging_example_fails_the_build_naming_it_and_the_timeout(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "hangs.py")
    done = build(project, leak_token, EXAMPLE_TIMEOUT="3")
    assert done.returncode != 0
    assert "hangs.py: the example did not finish within 3 s" in done.stderr


def test_a_setting_given_with_dash_d_wins(tmp_path, leak_token):
    project = make_project(tmp_path, "hangs.py")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q"]
        + ["-D", "example_runner_timeout=2", "-c", str(project)]
        + [str(project), str(project / "_build")],
        env=example_env(leak_token, EXAMPLE_TIMEOUT="50"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "hangs.py: the example did not finish within 2 s" in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="containment")
def test_a_lesson_that_leaves_a_process_fails_the_build_naming_it(tmp_path, leak_token):
    project = make_project(tmp_path, "detached_daemon.py")
    done = build(project, leak_token)
    assert done.returncode != 0
    message = re.search(
        r"detached_daemon\.py: processes of the example were still running after "
        r"it ended \(they were killed\):\n\s+(\d+)  \S*python\S* \S*_bootstrap\.py",
        done.stderr,
    )
    assert message, done.stderr
    assert "sphinx_gallery_leaves_processes = True" in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="containment")
def test_a_declared_leftover_builds_and_the_page_says_it_was_stopped(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "detached_daemon.py")
    with open(project / "examples" / "detached_daemon.py", "a") as f:
        f.write("\n# sphinx_gallery_leaves_processes = True\n")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    text = page_text(project / "_build" / "gallery" / "detached_daemon.html")
    assert "When this program ended, 1 of its processes were still running." in text


def test_a_timeout_stops_what_the_lesson_detached(tmp_path, leak_token):
    project = make_project(tmp_path, "ignores_sigterm.py")
    done = build(project, leak_token, EXAMPLE_TIMEOUT="3")
    assert done.returncode != 0
    assert "ignores_sigterm.py: the example did not finish within 3 s" in done.stderr
    # leak_token: nothing of it is left, though it left the group and ignores SIGTERM


def _peak_memory_kb(pid: int) -> int:
    """The high-water mark of a process's resident memory, from /proc (kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_flooding_lesson_fails_the_build_with_memory_bounded(tmp_path, leak_token):
    project = make_project(tmp_path, "floods.py")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project)]
        + [str(project), str(project / "_build")],
        env=example_env(leak_token, EXAMPLE_TIMEOUT="120"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(OSError):
            peak = max(peak, _peak_memory_kb(proc.pid))
        time.sleep(0.05)
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.returncode != 0
    assert "floods.py: the example printed more than 1,000,000 bytes" in stderr
    assert "EXAMPLE_MAX_OUTPUT" in stderr
    assert "did not finish within" not in stderr  # stopped by the cap, not the clock
    assert 0 < peak < 300_000, f"the build's memory peaked at {peak} kB"


def runs_on_page(page, kind):
    """{start method or run number: its outputs' text} on a page of several runs."""
    found_kind, runs = page_runs(page)
    assert found_kind == kind
    return {key: "".join(texts) for key, texts in runs.items()}


def test_a_lesson_runs_under_each_start_method_it_asks_for(tmp_path, leak_token):
    project = make_project(tmp_path, "start_methods_differ.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    page = project / "_build" / "gallery" / "start_methods_differ.html"
    shown = runs_on_page(page, "start-method")
    assert list(shown) == ["forkserver", "spawn", "fork"]  # likeliest default first
    for method, counter in (("forkserver", 0), ("spawn", 0), ("fork", 1)):
        assert shown[method].splitlines() == [
            f"child under {method} sees COUNTER = {counter}",
            f"main under {method} ends",
        ]
    text = page_text(page)
    # each block says which Python ran it, and where its method is the default
    ran = f"run with Python {platform.python_version()}"
    assert text.count(f"· {ran}") == 3
    assert f"forkserver · {ran} default on POSIX systems but macOS from " in text
    assert f"spawn · {ran} macOS and Windows default" in text
    assert f"fork · {ran} default on Linux and other POSIX systems up to " in text


def test_an_expected_failure_shows_its_traceback_under_that_method_only(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "fails_under_spawn.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    shown = runs_on_page(
        project / "_build" / "gallery" / "fails_under_spawn.html", "start-method"
    )
    assert shown["fork"].splitlines() == ["child runs the lambda", "main ends"]
    assert "Traceback" not in shown["fork"]
    # 3.14 first prints the AttributeError the pickler met, then "During
    # handling of the above exception..." and the traceback, as a terminal does
    assert "Traceback (most recent call last):" in shown["spawn"]
    assert "PicklingError: Can't pickle <function <lambda>" in shown["spawn"]
    assert "main ends" not in shown["spawn"]


def test_a_mistake_that_stops_failing_fails_the_build_naming_it(tmp_path, leak_token):
    project = make_project(tmp_path, "fails_under_spawn.py")
    lesson = project / "examples" / "fails_under_spawn.py"
    lesson.write_text(
        lesson.read_text().replace(
            '{"spawn": "PicklingError"}',
            '{"spawn": "PicklingError", "fork": "PicklingError"}',
        )
    )
    done = build(project, leak_token)
    assert done.returncode != 0
    assert (
        "fails_under_spawn.py: the lesson expects its run under fork to end with "
        "'PicklingError', but it ended with 'success'"
    ) in done.stderr


def test_repeated_runs_are_each_a_real_run_side_by_side(tmp_path, leak_token):
    project = make_project(tmp_path, "three_runs.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    shown = runs_on_page(project / "_build" / "gallery" / "three_runs.html", "run")
    assert list(shown) == ["1", "2", "3"]
    pids = {re.match(r"run by process (\d+)\n", text)[1] for text in shown.values()}
    assert len(pids) == 3  # three programs, not one output shown three times
    for text in shown.values():
        assert text.splitlines()[1:] == ["one", "two"]


def test_every_lesson_page_says_which_python_ran_it(tmp_path, leak_token):
    import platform

    project = make_project(tmp_path, "cells.py", "start_methods_differ.py")
    assert build(project, leak_token).returncode == 0
    gallery = project / "_build" / "gallery"
    default = multiprocessing.get_all_start_methods()[0]  # the platform's
    for name, methods in (
        ("cells", default),
        ("start_methods_differ", "forkserver, spawn, fork"),
    ):
        stamp = re.search(
            r'<p class="lesson-environment">(.*?)</p>',
            (gallery / f"{name}.html").read_text(encoding="utf-8"),
        )
        assert stamp, name
        assert f"Python {platform.python_version()} on {platform.system()}" in stamp[1]
        assert f"start method: {methods};" in stamp[1]


def test_raising_example_fails_the_build_naming_file_and_line(tmp_path, leak_token):
    project = make_project(tmp_path, "raises.py")
    done = build(project, leak_token)
    assert done.returncode != 0
    assert "raises.py:10: the example failed" in done.stderr
    assert "ZeroDivisionError: division by zero" in done.stderr


def test_a_failing_lesson_is_the_builds_error_not_an_extension_crash(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "raises.py", "cells.py")
    done = build(project, leak_token)
    assert done.returncode != 0
    assert "raises.py:10: the example failed" in done.stderr
    # no "Extension error!", traceback file, nor request to report it to Sphinx
    for sphinx_crash in ("Extension error", "sphinx-doc/sphinx/issues", "sphinx-err-"):
        assert sphinx_crash not in done.stderr, done.stderr
    # the other lessons are built; the failed one runs again next time
    assert page_outputs(project / "_build" / "gallery" / "cells.html") == CELLS_OUTPUTS
    done = build(project, leak_token)
    assert done.returncode != 0
    assert executed(done) == ["examples/raises.py"]


def test_expected_failure_shows_its_real_traceback_on_the_page(tmp_path, leak_token):
    project = make_project(tmp_path, "raises.py")
    done = build(project, leak_token, FIXTURE_EXPECTED_FAILING="raises.py")
    assert done.returncode == 0, done.stderr
    outputs = page_outputs(project / "_build" / "gallery" / "raises.html")
    assert outputs[0] == "before the error\n"
    assert outputs[1].startswith("Traceback (most recent call last):")
    assert "line 10, in broken" in outputs[1]
    assert outputs[1].rstrip().endswith("ZeroDivisionError: division by zero")


def test_example_writing_files_leaves_the_project_clean(tmp_path, leak_token):
    project = make_project(tmp_path, "writes_file.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (project / "examples").iterdir()) == [
        "GALLERY_HEADER.rst",
        "writes_file.py",
    ]
    assert not list(project.rglob("tickets.json"))


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "EXAMPLE_TIMEOUT",
            "soon",
            "example_runner_timeout (EXAMPLE_TIMEOUT) must be a positive number",
        ),
        (
            "MP_START_METHOD",
            "threads",
            "example_runner_start_method (MP_START_METHOD) must be one of",
        ),
        (
            "EXAMPLE_JOBS",
            "0",
            "example_runner_jobs (EXAMPLE_JOBS) must be a whole number",
        ),
        (
            "EXAMPLE_MAX_OUTPUT",
            "lots",
            "example_runner_max_output (EXAMPLE_MAX_OUTPUT) must be a whole number "
            "of bytes",
        ),
    ],
)
def test_bad_settings_are_named_before_anything_runs(
    variable, value, message, tmp_path, leak_token
):
    project = make_project(tmp_path, "cells.py")
    done = build(project, leak_token, **{variable: value})
    assert done.returncode != 0
    assert message in done.stderr
    assert not (project / "gallery").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("jobs", "hanging"),
    [("1", "hangs.py"), ("4", "hangs.py"), ("4", "ignores_sigterm.py")],
)
def test_interrupted_build_leaves_no_process(jobs, hanging, tmp_path, leak_token):
    project = make_project(tmp_path, hanging, "cells.py")
    with own_temp_folder() as temp:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-c",
                str(project),
                str(project),
                str(project / "_build"),
            ],
            env=example_env(leak_token, EXAMPLE_JOBS=jobs, TMPDIR=temp),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120  # bounds a hang only

        def lesson_processes():  # the example's and its children's
            return [
                p
                for p in processes_tagged(leak_token)
                if "_supervisor.py" not in p and " -m sphinx " not in p
            ]

        # the example and a process it started
        while not (
            any("_bootstrap.py" in p for p in lesson_processes())
            and len(lesson_processes()) >= 2
        ):
            assert time.monotonic() < deadline, "the example never started a child"
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        _, stderr = proc.communicate(timeout=30)
        assert proc.returncode != 0
        assert os.path.exists(project / "examples" / hanging)
    # leak_token's teardown checks that nothing of the example is left


def executed(done):
    """The lessons a build ran, as its log says ("ran examples/cells.py")."""
    return sorted(re.findall(r"^ran (\S+\.py)$", done.stdout, re.M))


def test_editing_one_example_reruns_only_that_example(tmp_path, leak_token):
    project = make_project(tmp_path, "cells.py", "late_child.py", "writes_file.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    assert executed(done) == [
        "examples/cells.py",
        "examples/late_child.py",
        "examples/writes_file.py",
    ]
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    assert executed(done) == []
    with open(project / "examples" / "late_child.py", "a", encoding="utf-8") as f:
        f.write("\n# %%\n# One more sentence of prose.\n")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    assert executed(done) == ["examples/late_child.py"]
    assert "One more sentence of prose." in page_text(
        project / "_build" / "gallery" / "late_child.html"
    )


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_pages_are_the_same_run_one_by_one_or_concurrently(jobs, tmp_path, leak_token):
    project = make_project(tmp_path, "cells.py", "late_child.py", "daemon_forever.py")
    done = build(project, leak_token, EXAMPLE_JOBS=jobs)
    assert done.returncode == 0, done.stderr
    gallery = project / "_build" / "gallery"
    assert page_outputs(gallery / "cells.html") == CELLS_OUTPUTS
    assert page_outputs(gallery / "late_child.html")[-1].splitlines() == LATE_LAST_CELL
    assert "main code ends" in page_outputs(gallery / "daemon_forever.html")[0]


def test_try_this_boxes_fold_the_real_output_of_the_changed_program(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "try_this_boxes.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    path = project / "_build" / "gallery" / "try_this_boxes.html"
    page = path.read_text(encoding="utf-8")
    boxes = re.findall(r'<aside class="try-this".*?</aside>', page, re.S)
    assert len(boxes) == 3
    first, second, third = boxes
    assert "Start three workers." in first
    assert "- WORKERS = 2\n+ WORKERS = 3" in html.unescape(re.sub("<[^>]+>", "", first))
    answer = re.search(
        r'<details class="folded try-this-answer">(.*)</details>', first, re.S
    )
    assert answer, first
    shown = try_this_outputs(path)
    assert sorted(shown[1].splitlines()) == [
        "3 workers finished",
        "worker 0 done",
        "worker 1 done",
        "worker 2 done",
    ]
    assert "One line per worker." in answer.group(1)
    assert sorted(shown[2].splitlines()) == ["worker 0 done", "worker 1 done"]
    assert "The program ended with exit status 3." in second
    # spawn's children run the changed program too, not the lesson's file
    assert sorted(shown[3].splitlines()) == [
        "2 workers finished",
        "worker 0 changed",
        "worker 1 changed",
    ]
    # the lesson's own output is unchanged, and not mixed with the boxes'
    assert sorted(
        "".join(
            page_outputs(project / "_build" / "gallery" / "try_this_boxes.html")
        ).splitlines()
    ) == ["2 workers finished", "worker 0 done", "worker 1 done"]


def test_a_try_this_change_that_fails_unexpectedly_fails_the_build_naming_the_box(
    tmp_path, leak_token
):
    project = make_project(tmp_path, "try_this_boxes.py")
    lesson = project / "examples" / "try_this_boxes.py"
    lesson.write_text(lesson.read_text().replace("#    :expect: exit 3\n", ""))
    done = build(project, leak_token)
    assert done.returncode != 0
    assert "try_this_boxes.py:34: the program changed by this try-this box failed" in (
        done.stderr
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "#    :change: WORKERS = 2\n",
            "try_this_boxes.py:24: try-this needs a ':change:'",
        ),
        ("#    :change: WORKERS = 2\n#    :to: WORKERS = 3\n", None),
    ],
)
def test_a_try_this_box_with_a_bad_change_is_named_with_its_line(
    tmp_path, leak_token, change, message
):
    project = make_project(tmp_path, "try_this_boxes.py")
    lesson = project / "examples" / "try_this_boxes.py"
    text = lesson.read_text()
    if message is None:  # a change that matches no line of the code
        text = text.replace(":change: WORKERS = 2", ":change: WORKERS = 7")
        message = (
            "try_this_boxes.py:24: try-this's ':change: WORKERS = 7' must occur "
            "exactly once"
        )
    else:
        text = text.replace(change, "")
    lesson.write_text(text)
    done = build(project, leak_token)
    assert done.returncode != 0
    assert message in done.stderr, done.stderr


def test_a_try_this_box_runs_under_the_builds_start_method(tmp_path, leak_token):
    # spawn is no platform's default on Linux: the box must follow the setting
    project = make_project(tmp_path, "box_start_method.py")
    done = build(project, leak_token, MP_START_METHOD="spawn")
    assert done.returncode == 0, done.stderr
    page = project / "_build" / "gallery" / "box_start_method.html"
    assert page_outputs(page)[0] == "the lesson runs under spawn\n"
    assert try_this_outputs(page) == {1: "the box runs under spawn\n"}


def test_a_build_records_what_each_run_took_for_the_next_build(tmp_path, leak_token):
    project = make_project(tmp_path, "cells.py", "three_runs.py", "try_this_boxes.py")
    record = tmp_path / "cache" / "run-times.json"
    record.parent.mkdir()
    record.write_text("{broken")  # a hint only: replaced, never an error
    done = build(project, leak_token, EXAMPLE_HISTORY=str(record))
    assert done.returncode == 0, done.stderr
    seconds = json.loads(record.read_text())
    # one entry per run: cells.py once, three_runs.py three times,
    # try_this_boxes.py once and once per box (three)
    assert len(seconds) == 1 + 3 + 1 + 3
    assert all(elapsed > 0 for elapsed, _ in seconds.values())


def test_a_lesson_for_a_newer_python_says_so_instead_of_running(tmp_path, leak_token):
    project = make_project(tmp_path, "needs_newer_python.py", "cells.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"did not run \S*needs_newer_python.py: it needs Python 99.0", done.stdout
    ), done.stdout
    page = project / "_build" / "gallery" / "needs_newer_python.html"
    text = page_text(page)
    note = (
        "This lesson needs Python 99.0; this site was built with Python "
        f"{platform.python_version()}. Run it with Python 99.0 or newer"
    )
    assert text.count(note) == 2  # the lesson's output and its box's
    assert "ran" not in "".join(page_outputs(page))  # nothing ran: no output
    assert try_this_outputs(page) == {}
    assert '- print("the lesson ran")' in html.unescape(
        re.sub("<[^>]+>", "", page.read_text(encoding="utf-8"))
    )
    # the other lessons of the build run as ever
    cells = project / "_build" / "gallery" / "cells.html"
    assert page_outputs(cells) == CELLS_OUTPUTS


def test_a_lesson_for_this_python_or_older_runs(tmp_path, leak_token):
    project = make_project(tmp_path, "needs_newer_python.py")
    lesson = project / "examples" / "needs_newer_python.py"
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace('"99.0"', f'"{version}"'),
        encoding="utf-8",
    )
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    page = project / "_build" / "gallery" / "needs_newer_python.html"
    assert "".join(page_outputs(page)).splitlines() == [
        "the child ran",
        "the lesson ran",
    ]
    assert "needs Python" not in page_text(page)


def test_a_bad_python_version_is_named_with_the_lesson(tmp_path, leak_token):
    project = make_project(tmp_path, "needs_newer_python.py")
    lesson = project / "examples" / "needs_newer_python.py"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace('"99.0"', '"soon"'),
        encoding="utf-8",
    )
    done = build(project, leak_token)
    assert done.returncode != 0
    assert "needs_newer_python.py: sphinx_gallery_requires_python must be a Python" in (
        done.stderr
    )


def test_a_printed_stack_shows_the_lessons_frames_not_the_runners(tmp_path, leak_token):
    project = make_project(tmp_path, "prints_its_stack.py")
    done = build(project, leak_token)
    assert done.returncode == 0, done.stderr
    shown = "".join(
        page_outputs(project / "_build" / "gallery" / "prints_its_stack.html")
    )
    # as `python prints_its_stack.py` prints it: the lesson's two frames only
    assert [line.split(", line")[0].strip() for line in shown.splitlines()[::2]] == [
        'File "prints_its_stack.py"',
        'File "prints_its_stack.py"',
    ], shown
    assert "_bootstrap" not in shown
