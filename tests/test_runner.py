"""The runner on tiny fixture examples: what a terminal shows; nothing left behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from example_runner import START_METHODS, run
from helpers import EXT_DIR, FIXTURES

METHODS = list(START_METHODS)
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="containment needs Linux"
)


def run_fixture(name, tmp_path, **kwargs):
    path = FIXTURES / "examples" / name
    _, blocks = split_code_and_text_blocks(str(path))
    code = [b for b in blocks if b.type == "code"]
    return run.run_example(path, code, str(tmp_path), **kwargs)


@pytest.mark.parametrize("method", METHODS)
def test_child_and_grandchild_output_is_captured(method, tmp_path, leak_token):
    result = run_fixture("child_and_grandchild.py", tmp_path, start_method=method)
    out = result.outputs[-1]
    child = re.search(r"^child (\d+) of (\d+)$", out, re.M)
    grandchild = re.search(r"^grandchild (\d+) of (\d+)$", out, re.M)
    assert child and grandchild, out
    if method != "forkserver":  # there the fork server is every process's parent
        assert grandchild.group(2) == child.group(1)
    assert out.strip().endswith("main done")
    assert result.returncode == 0


@pytest.mark.parametrize("method", METHODS)
def test_stderr_and_os_write_of_children_are_captured(method, tmp_path, leak_token):
    out = run_fixture("stderr_and_os_write.py", tmp_path, start_method=method).outputs[
        0
    ]
    for line in (
        "child on stderr",
        "child with os.write",
        "child with os.write on fd 2",
        "main on stdout",
    ):
        assert line in out.splitlines()


@pytest.mark.parametrize("method", METHODS)
def test_daemon_printing_forever_is_stopped_with_main(method, tmp_path, leak_token):
    result = run_fixture("daemon_forever.py", tmp_path, start_method=method, timeout=60)
    assert not result.timed_out  # stopped with main, long before the timeout
    lines = result.outputs[0].splitlines()
    assert lines.count("daemon tick") >= 3
    assert "main code ends" in lines
    assert result.returncode == 0


def test_output_after_the_last_cell_belongs_to_the_last_cell(tmp_path, leak_token):
    result = run_fixture("late_child.py", tmp_path)
    assert result.outputs[0].splitlines() == ["main code ends"]
    assert result.outputs[1].splitlines() == [
        "second cell",
        "child prints after the main code ended",
    ]


@pytest.mark.parametrize("method", METHODS)
def test_output_is_attributed_to_the_cell_that_printed_it(method, tmp_path, leak_token):
    result = run_fixture("cells.py", tmp_path, start_method=method)
    assert result.outputs == [
        "child of cell 1\nend of cell 1\n",
        "child of cell 2\nend of cell 2\n",
    ]


@pytest.mark.parametrize(
    ("method", "times"), [("fork", 1), ("forkserver", 2), ("spawn", 2)]
)
def test_module_level_print_repeats_as_in_a_terminal(
    method, times, tmp_path, leak_token
):
    out = run_fixture("module_level_print.py", tmp_path, start_method=method).outputs[0]
    lines = out.splitlines()
    assert lines.count("module level, __name__ is __main__") == 1
    assert lines.count("module level, __name__ is __mp_main__") == times - 1
    assert "child sees __file__ module_level_print.py" in lines
    assert "main sees __file__ module_level_print.py" in lines


def test_hanging_example_is_killed_at_the_timeout(tmp_path, leak_token):
    result = run_fixture("hangs.py", tmp_path, timeout=2)
    assert result.timed_out
    assert "waiting forever" in result.outputs[0]


def test_exception_reports_the_example_line_and_real_traceback(tmp_path, leak_token):
    result = run_fixture("raises.py", tmp_path)
    assert result.error["lineno"] == 10  # return 1 / 0
    traceback = result.error["traceback"]
    assert traceback.startswith("Traceback (most recent call last):")
    assert str(FIXTURES / "examples" / "raises.py") in traceback
    assert "_bootstrap" not in traceback
    assert traceback.rstrip().endswith("ZeroDivisionError: division by zero")
    assert result.outputs[0] == "before the error\n"
    assert result.returncode == 1


def test_files_written_by_an_example_stay_out_of_the_source_tree(tmp_path, leak_token):
    before = sorted(p.name for p in (FIXTURES / "examples").iterdir())
    out = run_fixture("writes_file.py", tmp_path).outputs[0]
    assert out == "wrote ['logs', 'tickets.json']\n"
    assert sorted(p.name for p in (FIXTURES / "examples").iterdir()) == before
    assert not (tmp_path / "cwd").exists()  # the working folder is removed


def test_extra_environment_reaches_the_example_and_pythonpath_goes_first(
    tmp_path, leak_token, monkeypatch
):
    monkeypatch.setenv("PYTHONPATH", "/already/there")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, sys\n"
        "print('hook sees', os.environ['RUN_NOTE'], os.environ['PYTHONPATH'],"
        " flush=True)\n"
    )
    result = run_fixture(
        "cells.py",
        tmp_path / "run",
        extra_env={"RUN_NOTE": "hello", "PYTHONPATH": str(hook)},
    )
    assert result.returncode == 0
    assert f"hook sees hello {hook}{os.pathsep}/already/there" in result.outputs[0]


def test_figures_are_saved_by_the_example_interpreter(tmp_path, leak_token):
    result = run_fixture("figure.py", tmp_path)
    assert result.returncode == 0
    (png,) = result.figures[0]
    assert png.startswith(str(tmp_path / "figures"))
    with open(png, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert result.outputs[0] == "figure drawn\n"  # plt.show() printed nothing


def test_pipe_fallback_captures_every_process(tmp_path, leak_token):
    result = run_fixture("cells.py", tmp_path, use_pty=False)
    assert sorted("".join(result.outputs).splitlines()) == sorted(
        [
            "child of cell 1",
            "end of cell 1",
            "child of cell 2",
            "end of cell 2",
        ]
    )


def test_split_cells_strips_markers_and_terminal_controls():
    marker = "\x1b]777;example-cell-x;"
    raw = (
        f"{marker}0\x07a\r\n\x1b[31mred\x1b[0m\n50%\r100%\n{marker}1\x07b\tc\n"
    ).encode()
    assert run.split_cells(raw, marker, 2) == ["a\nred\n100%\n", "b       c\n"]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][:1]
    except OSError:
        return False
    return state != "Z"


def _running_with(marker: str) -> list[int]:
    """Processes whose whole command line contains ``marker``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker.encode() in (proc / "cmdline").read_bytes() and _alive(
                int(proc.name)
            ):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@linux_only
def test_a_detached_daemon_is_reported_and_killed(tmp_path, leak_token):
    result = run_fixture("detached_daemon.py", tmp_path)
    assert result.returncode == 0
    assert result.outputs[0] == "daemon started, main ends\n"
    (left,) = result.leftovers
    assert "_bootstrap.py" in left["command"]  # a fork of the example's interpreter
    assert not _alive(left["pid"])


@linux_only
def test_a_new_session_with_a_scrubbed_environment_is_still_contained(
    tmp_path, leak_token, monkeypatch
):
    marker = f"sleeper-{uuid.uuid4().hex}"
    monkeypatch.setenv("FIXTURE_MARKER", marker)
    result = run_fixture("new_session_sleeper.py", tmp_path)
    assert result.outputs[0] == "sleeper started, main ends\n"
    assert [marker in p["command"] for p in result.leftovers] == [True]
    assert _running_with(marker) == []


def test_a_program_that_leaves_nothing_has_no_leftovers(tmp_path, leak_token):
    for name in ("cells.py", "daemon_forever.py", "late_child.py"):
        assert run_fixture(name, tmp_path / name).leftovers == []


@linux_only
def test_a_timeout_kills_detached_processes_that_ignore_sigterm(tmp_path, leak_token):
    result = run_fixture("ignores_sigterm.py", tmp_path, timeout=2)
    assert result.timed_out
    # the leak_token fixture checks that none of its processes is left


def test_a_stopped_run_leaves_nothing_in_the_temp_folder(tmp_path, leak_token):
    result = run_fixture("hangs_in_a_temp_folder.py", tmp_path, timeout=3)
    assert result.timed_out
    folder = Path(result.outputs[0].strip())
    # the program's TemporaryDirectory was in the run's own temp folder
    assert folder.parent.name.startswith("ex-")
    assert not folder.parent.exists()


@pytest.mark.parametrize("use_pty", [True, False], ids=["pty", "pipe"])
def test_a_flood_of_output_is_cut_at_the_cap_and_stopped(use_pty, tmp_path, leak_token):
    result = run_fixture(
        "floods.py", tmp_path, timeout=60, max_output=100_000, use_pty=use_pty
    )
    assert result.overflowed and not result.timed_out
    shown = result.outputs[0]
    assert 90_000 < len(shown.encode()) <= 100_000
    assert shown.startswith("tick 0\ntick 1\n")


# A build that runs one program through the runner, then is killed mid-run.
_KILLED_BUILD = """\
import os, sys
sys.path.insert(0, sys.argv[1])
from example_runner import terminal
# the program says it runs, and who started it (the supervisor), in "running";
# then it runs until the test creates the file "go" (5 minutes at most)
waits = (
    "import os, time; end = time.monotonic() + 300\\n"
    "open('running.tmp', 'w').write(str(os.getppid()))\\n"
    "os.rename('running.tmp', 'running')\\n"
    "while not os.path.exists('go') and time.monotonic() < end: time.sleep(0.02)"
)
terminal.run([sys.executable, "-c", waits], cwd=os.getcwd(), env=dict(os.environ),
             timeout=600)
"""


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not; Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@linux_only
def test_a_killed_build_leaves_no_report_in_the_temp_folder(tmp_path, leak_token):
    temp = tmp_path / "temp"
    temp.mkdir()
    build = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(EXT_DIR)],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    running = tmp_path / "running"
    deadline = time.monotonic() + 120  # each wait: bounds a hang only
    while not running.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    supervisor = int(running.read_text())
    build.kill()  # as SIGKILL or a closed terminal does: no finally block runs
    build.wait()
    (tmp_path / "go").touch()  # the program ends, after its runner
    # the supervisor outlives it, sees the program end, and finds its runner gone
    deadline = time.monotonic() + 120
    while _alive(supervisor) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(supervisor)
    assert list(temp.iterdir()) == []


def test_a_hooks_frames_are_left_out_of_a_traceback(tmp_path):
    hook = tmp_path / "hook.py"
    traceback = (
        "Traceback (most recent call last):\n"
        '  File "/lib/queues.py", line 1, in worker\n'
        "    call_item = call_queue.get(block=True)\n"
        f'  File "{hook}", line 9, in _get\n'
        "    return get(self, block, timeout)\n"
        "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        '  File "/lib/queues.py", line 122, in get\n'
        "    return _ForkingPickler.loads(res)\n"
        "AttributeError: Can't get attribute 'thumbnail'\n"
        "after\n"
    )
    shown = run.hide_frames(traceback, [str(hook)])
    assert shown == traceback.replace(
        f'  File "{hook}", line 9, in _get\n'
        "    return get(self, block, timeout)\n"
        "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n",
        "",
    )
    assert run.hide_frames(traceback, []) == traceback
    assert run.hide_frames(traceback, [str(tmp_path / "other.py")]) == traceback
