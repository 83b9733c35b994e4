"""What the subprocess lessons of section 17 prove (issue 24, item 5): on the
built site, by their real output and their try-this boxes, and, for the pipe
and buffer sizes their prose states, by small programs run by this Python."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

import pytest

from helpers import (
    ROOT,
    box_lines,
    lesson_cells,
    page_of,
    page_text,
)

SECTION = ROOT / "examples" / "17_below_multiprocessing"
DEADLOCK = SECTION / "subprocess_pipe_deadlock.py"
GROUP = SECTION / "subprocess_timeout_group.py"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes and signals")


# -- subprocess_pipe_deadlock --------------------------------------------------


def test_wait_on_a_full_pipe_times_out_then_the_exporter_is_killed_and_reaped(site):
    trap, fix, follow = lesson_cells(site, DEADLOCK)
    assert trap == [
        "wait() timed out: the exporter is stuck on a full pipe",
        f"killed and reaped: exit code {-signal.SIGKILL}",
    ]
    assert fix == ["communicate() read 200,000 bytes; exit code 0"]
    assert follow  # the third cell's block, checked below


def test_unbuffered_lines_come_as_printed_and_buffered_ones_all_at_the_end(site):
    follow = lesson_cells(site, DEADLOCK)[2]
    got = [f"  got 'photo {n} resized'" for n in (1, 2, 3)]
    assert follow == [
        "python -u:",
        *got,
        "  from the first line to the last: over 0.5 s: True",
        "python:",
        *got,
        "  from the first line to the last: over 0.5 s: False",
    ]


def test_a_report_that_fits_in_the_pipe_hides_the_deadlock(site):
    out = box_lines(site, DEADLOCK)
    assert out[0] == "wait() returned 0"
    assert not any("timed out" in line for line in out)
    assert "communicate() read 20,000 bytes; exit code 0" in out


def test_the_deadlock_page_states_the_buffer_sizes_and_the_fix(site):
    text = page_text(page_of(site, DEADLOCK))
    assert "8 KiB up to Python 3.13, 128 KiB from 3.14" in text
    assert "subprocess.run(..., capture_output=True) calls it for you" in text
    zh = page_of(site, DEADLOCK, "zh_CN").read_text(encoding="utf-8")
    assert "管道死锁" in zh and "3.14 起是 128 KiB" in zh


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_GETPIPE_SZ")
def test_a_linux_pipe_holds_64_kib():
    import fcntl

    read_end, write_end = os.pipe()
    try:
        assert fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ) == 64 * 1024
    finally:
        os.close(read_end)
        os.close(write_end)


def buffered_into_a_pipe(size: int) -> bool:
    """Whether a Python child that prints ``size`` bytes into a pipe, without
    flushing, keeps them all in its buffer until it ends."""
    child = (
        "import sys\n"
        f"sys.stdout.write('x' * {size})\n"
        "sys.stderr.write('written\\n'); sys.stderr.flush()\n"
        "sys.stdin.read()"  # until the parent closes stdin
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with subprocess.Popen(
        [sys.executable, "-c", child],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        try:  # a child whose write filled the pipe never says "written"
            said, _, _ = select.select([proc.stderr], [], [], 30)
            assert said and proc.stderr.readline() == b"written\n"
            ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        finally:
            proc.stdin.close()
        out = proc.stdout.read()
    assert len(out) == size
    return not ready


@posix_only
def test_the_stdout_buffer_into_a_pipe_is_8_kib_before_3_14_and_128_kib_from_it():
    if sys.version_info >= (3, 14):
        assert buffered_into_a_pipe(130_000)  # below 128 KiB, above the old 8 KiB
    else:
        assert buffered_into_a_pipe(8_000)
        assert not buffered_into_a_pipe(9_000)


# -- subprocess_timeout_group --------------------------------------------------


def test_killing_the_converter_leaves_its_helper_holding_the_pipe(site):
    trap, fix, env = lesson_cells(site, GROUP)
    assert trap == [
        "converter: helper started",
        f"killed the converter: exit code {-signal.SIGKILL}",
        "communicate() still waits: the helper holds the pipe open",
    ]
    # killpg() ended the helper before it could print: the pipe ended at once
    assert fix == ["communicate() read b''"]
    assert env == ["child: GREETING=hi, PATH: True, works in '..': True"]


def test_without_the_group_kill_communicate_waits_for_the_helper(site):
    out = box_lines(site, GROUP)
    assert out[:3] == lesson_cells(site, GROUP)[0]
    assert out[3] == r"communicate() read b'helper: done\n'"


def test_the_group_page_says_what_works_on_windows_and_links_process_groups(site):
    text = page_text(page_of(site, GROUP))
    assert "taskkill /F /T /PID <pid>" in text
    assert "CREATE_NEW_PROCESS_GROUP" in text
    assert "Windows ignores it" in text
    for language in ("en", "zh_CN"):
        page = page_of(site, GROUP, language).read_text(encoding="utf-8")
        assert "ctrl_c_process_group.html" in page, language
