"""What the lessons on threads, processes and interpreters, and on asyncio with
processes, show on the built site, whatever the timings were."""

from __future__ import annotations

import re
import signal
import sys

import pytest

from helpers import ROOT, box_lines
from helpers import lesson_lines as lines

POOLS = "21_gil_measured/threads_processes_interpreters.py"
PROCESS_POOL = "24_asyncio/asyncio_process_pool.py"
SUBPROCESSES = "24_asyncio/asyncio_subprocesses.py"


def body_lines(lesson: str) -> int:
    """A lesson's lines before its try-this box (the box is the reader's task)."""
    source = (ROOT / "examples" / lesson).read_text(encoding="utf-8").splitlines()
    return source.index("# .. try-this::") - 1


@pytest.mark.parametrize("lesson", [POOLS, PROCESS_POOL, SUBPROCESSES])
def test_the_lessons_keep_within_the_house_limit(lesson):
    assert body_lines(lesson) <= 80


# -- Processes, threads or interpreters? -------------------------------------

MEASURED = re.compile(
    r"^(threads|processes|interpreters) *: ([\d.]+) s, ([\d.]+) cores busy, "
    r"start ([\d.]+) ms, 1 MB ([\d.]+) ms$"
)
SKIPPED = "interpreters: InterpreterPoolExecutor is new in Python 3.14, skipped"


def measured(out: list[str]) -> dict[str, tuple[float, float, float, float]]:
    """{pool: (wall s, cores busy, start ms, 1 MB ms)}, in the order printed."""
    return {
        m[1]: tuple(float(m[i]) for i in range(2, 6))
        for line in out
        if (m := MEASURED.match(line))
    }


def test_each_pool_is_measured_and_interpreters_only_from_3_14(site):
    out = lines(site, POOLS)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    assert re.fullmatch(rf"\d+ CPU cores for this process; GIL enabled: {gil}", out[0])
    found = measured(out)
    if sys.version_info >= (3, 14):
        assert list(found) == ["threads", "processes", "interpreters"]
        assert SKIPPED not in out
    else:
        assert list(found) == ["threads", "processes"]
        assert out[-1] == SKIPPED


def test_threads_use_one_core_at_most_under_the_gil(site):
    if not getattr(sys, "_is_gil_enabled", lambda: True)():
        pytest.skip("a free-threaded build: its threads may use several cores")
    out = lines(site, POOLS)
    busy = measured(out)["threads"][1]
    assert busy <= 1.25
    assert "threads kept more than one core busy: False" in out


def test_processes_and_interpreters_cost_more_than_threads_to_start_and_feed(site):
    out = lines(site, POOLS)
    found = measured(out)
    _, _, start, data = found.pop("threads")
    for pool, (_, _, its_start, its_data) in found.items():
        assert its_start > start and its_data > data, pool
        said = f"{pool} cost more than threads to start: True, to pass 1 MB: True"
        assert said in out


def test_twenty_megabytes_cost_the_copying_pools_more_but_not_the_threads(site):
    before = measured(lines(site, POOLS))
    after = measured(box_lines(site, POOLS))
    assert list(after) == list(before)
    # 20 times the data: a process's copy (pickled, through a pipe) grows with it
    assert after["processes"][3] > 3 * before["processes"][3]
    if "interpreters" in after:
        assert after["interpreters"][3] > 2 * before["interpreters"][3]
    # a thread gets a reference: still cheaper than either copy
    assert all(
        after["threads"][3] < after[pool][3] for pool in after if pool != "threads"
    )


# -- asyncio and a process pool ----------------------------------------------

FRAMES = re.compile(r"main: scene 1 has \d+ frames")


def test_the_heartbeat_ticks_while_a_process_renders_and_outlives_a_timeout(site):
    out = lines(site, PROCESS_POOL)
    assert FRAMES.fullmatch(out[5]), out
    assert out[:5] + out[6:] == [
        "main: scene 1 goes to the pool",
        # the event loop served the heartbeat while the process computed
        "heartbeat: tick 1",
        "heartbeat: tick 2",
        "heartbeat: tick 3",
        "worker: scene 1 rendered",
        # wait_for gave up; the program went on...
        "main: scene 2 takes more than 0.3 s, I stop waiting for it",
        "heartbeat: tick 1",
        "heartbeat: tick 2",
        "main: my coroutines are done",
        # ... and the process still finished the task, before shutdown returned
        "worker: scene 2 rendered",
        "main: the pool is shut down",
    ]


def test_rendering_in_the_coroutine_stops_the_heartbeat_and_the_timeout(site):
    out = box_lines(site, PROCESS_POOL)
    # render() in the event loop's thread: no tick until it is done
    assert out.index("worker: scene 1 rendered") < out.index("heartbeat: tick 1")
    # and wait_for() cannot interrupt code that never awaits
    assert not any("stop waiting" in line for line in out)
    assert out.index("worker: scene 2 rendered") < out.index(
        "main: my coroutines are done"
    )


# -- asyncio and subprocesses ------------------------------------------------


def said_by(out: list[str], name: str) -> list[str]:
    return [line for line in out if line.startswith(f"main: {name} ")]


def test_two_programs_are_read_line_by_line_at_once(site):
    out = lines(site, SUBPROCESSES)
    assert said_by(out, "downloader") == [
        "main: downloader says 'step 1 of 3'",
        "main: downloader says 'step 2 of 3'",
        "main: downloader says 'step 3 of 3'",
        "main: downloader ended, returncode 0",
    ]
    assert said_by(out, "resizer") == [
        "main: resizer says 'step 1 of 2'",
        "main: resizer says 'step 2 of 2'",
        "main: resizer ended, returncode 0",
    ]
    # at once: each program started before the other one ended
    for first, other in [("downloader", "resizer"), ("resizer", "downloader")]:
        assert out.index(said_by(out, first)[0]) < out.index(said_by(out, other)[-1])


def test_the_slow_program_is_killed_after_the_timeout_and_reaped(site):
    out = lines(site, SUBPROCESSES)
    killed = -signal.SIGKILL if sys.platform != "win32" else 1
    assert said_by(out, "converter") == [
        "main: converter says 'step 1 of 3'",
        "main: converter is still running after 1 s",
        f"main: converter ended, returncode {killed}",
    ]


def test_without_kill_the_converter_ends_on_its_own_unread(site):
    out = box_lines(site, SUBPROCESSES)
    assert said_by(out, "converter") == [
        "main: converter says 'step 1 of 3'",
        "main: converter is still running after 1 s",
        "main: converter ended, returncode 0",
    ]
