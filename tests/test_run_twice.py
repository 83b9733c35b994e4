"""Every lesson, run twice as ``python lesson.py`` in the same empty folder, prints
the same lines both times and leaves the folder as it found it.

A learner runs a lesson, changes a number, and runs it again in the same folder:
the second run must not see what the first one left behind (the ticket lessons
once counted the ticket files of the run before). What legitimately changes
between two runs (pids, timings, addresses, ports, figures that depend on the
machine or on the scheduler, the order of lines) is normalised by ``normalise``
and ``SCHEDULER_DEPENDENT``, each rule as narrow as the lines it is meant for.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import (
    COLOUR,
    EXAMPLE_IDS,
    FIXTURES,
    ROOT,
    RUN_HERE,
    describe,
    long_path,
    run_in_terminal,
    terminal_env,
    wait_until_no_process,
)
from terminal_runs import expected_outcome, runs_alone

# run_in_terminal gives each run a pseudo-terminal, as a reader's terminal does.
pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="runs lessons in a pseudo-terminal (POSIX)"
)

# Lessons that run at once (they mostly sleep); a lesson that measures speed
# (`# sphinx_gallery_parallel = False`) runs alone, after all the others.
JOBS = 3 * (os.cpu_count() or 1)


def posix_only(lesson: Path) -> bool:
    """A lesson that stops at once on Windows (it says so, and needs os.fork)."""
    return 'if os.name != "posix":' in lesson.read_text(encoding="utf-8")


# -- What may change from one run to the next --------------------------------

# Each rule: what it matches, what it becomes. Only these parts of a line are
# free to change; every other character, every other number included, must
# come out the same in both runs.
_RULES = [
    # memory addresses: <Event at 0x7f...>
    (re.compile(r"\b0x[0-9a-f]+\b"), "0x<address>"),
    # pids: "pid 4242", "pid=4242", "pids [12, 13]", "parent's pid is 4242",
    # "process 4242", "server process 4242:", "my parent is 4242"
    (
        re.compile(
            r"\b(pids?|PID|process|parent is)(\b[ =:]*(is |was |were )?)"
            r"\[?\d+(, \d+)*\]?"
        ),
        r"\1\2<pid>",
    ),
    # durations: "0.5 s", "1.02 s", "12 ms", "in 0.8s"
    (re.compile(r"\b\d+(\.\d+)? ?(s|ms|µs|seconds)\b"), "<duration>"),
    # ports and addresses: "127.0.0.1:43121", "port 43121"
    (re.compile(r"\b(127\.0\.0\.1|localhost|port)([: ])\d+"), r"\1\2<port>"),
    # where a traceback passes through Python's library: which line of it
    # depends on timing (a future already done, or waited for); the lesson's
    # own lines stay exact
    (
        re.compile(r'^(\s*File "[^"]*/lib/python3[^"]*", line )\d+'),
        r"\1<n>",
    ),
]


def normalise(line: str, lesson_rules: list[tuple[re.Pattern, str]] = ()) -> str:
    """``line`` with what may change between two runs replaced by a placeholder."""
    line = COLOUR.sub("", line).rstrip()
    for pattern, replacement in (*_RULES, *lesson_rules):
        line = pattern.sub(replacement, line)
    return line


def lines_of(output: str, lesson_rules: list[tuple[re.Pattern, str]] = ()) -> Counter:
    """The normalised non-blank lines of an output, as a multiset (order free)."""
    return Counter(
        normalise(line, lesson_rules) for line in output.splitlines() if line.strip()
    )


# Figures that depend on the scheduler or on the machine, lesson by lesson (a
# rule here applies to that lesson's lines only, after the rules above).
SCHEDULER_DEPENDENT: dict[str, list[tuple[str, str]]] = {
    # which buyer, customer, cook or worker comes first is the scheduler's choice
    "08_locks/tickets_with_lock.py": [(r"^buyer \d+\b", "buyer <n>")],
    # ... and so is how many customers are at the windows when one comes or goes
    # (the lesson's last lines, the most at once and the count, stay exact)
    "09_semaphores/ticket_windows.py": [
        (r"^customer \d+ (steps up|leaves), \d+ at", r"customer <n> \1, <k> at")
    ],
    "19_sync_primitives/condition_wait_for.py": [(r"^cook \d+: took", "cook <n>")],
    "20_queues_and_pools/joinable_queue.py": [(r"^worker \d+ squared", "<worker>")],
    # pool workers are named by their pids; how many a pool needed varies
    "13_pools/pool_map.py": [(r"^worker \d+:", "worker <pid>:")],
    "20_queues_and_pools/pool_chunks_and_errors.py": [
        (r"ran in \d+ different workers$", "ran in <n> different workers")
    ],
    # the orphan's old parent, by pid
    "15_unix_daemons/orphan_new_parent.py": [(r", not \d+:", ", not <pid>:")],
    # the checker's own run of the server, on a free port each time
    "10_tcp_server/tcp_server_homework.py": [
        (r"python homework_server\.py \d+$", "python homework_server.py <port>")
    ],
    # updates lost by a race: as many as the scheduler makes
    "18_shared_state/value_lost_updates.py": [
        (r"^without the lock: counter = \d+(.*) lost \d+$", r"<racy>\1 <lost>")
    ],
    # ratios of timings (speed-ups, busy cores): they depend on the machine's load
    "13_pools/process_pool_executor.py": [(r"= \d+\.\d+$", "= <ratio>")],
    "18_shared_state/manager_dict.py": [(r"took \d+ times as long", "<ratio>")],
    "21_gil_measured/threads_vs_processes.py": [
        (r"kept \d+\.\d+ cores busy", "kept <n> cores busy"),
        (r"= \d+\.\d+$", "= <ratio>"),
    ],
    "21_gil_measured/threads_processes_interpreters.py": [
        (r"\d+\.\d+ cores busy", "<n> cores busy")
    ],
    "18_shared_state/pickling_cost.py": [
        (r"\d+ times (as long|pickle)", r"<ratio> times \1")
    ],
    # how much work a second holds
    "24_asyncio/asyncio_process_pool.py": [(r"has \d+ frames", "has <n> frames")],
    # the leaked block is named after the pid of the program that made it
    "18_shared_state/shared_memory_manager.py": [(r"draft_\d+", "draft_<pid>")],
}


def rules_for(lesson: Path) -> list[tuple[re.Pattern, str]]:
    rel = (
        lesson.relative_to(ROOT / "examples").as_posix()
        if lesson.is_relative_to(ROOT / "examples")
        else lesson.name
    )
    return [(re.compile(p), r) for p, r in SCHEDULER_DEPENDENT.get(rel, [])]


# -- Running a lesson twice ----------------------------------------------------


@dataclass(frozen=True)
class Run:
    output: str
    status: int
    left: list[str]  # what the folder holds after the run


def run_twice(lesson: Path, base: Path) -> tuple[Run, Run, list[str]]:
    """Two runs of ``lesson`` in one folder, and the processes they left."""
    folder = long_path(base)
    token = uuid.uuid4().hex
    # MPLBACKEND: plt.show() returns at once, with no window
    env = terminal_env(token, MPLBACKEND="agg")
    runs = []
    for _ in range(2):
        output, status = run_in_terminal(lesson, folder, env)
        left = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
        runs.append(Run(output, status, left))
    return runs[0], runs[1], wait_until_no_process(token)


def problems(lesson: Path, first: Run, second: Run, expected: str | None) -> str:
    """What is wrong with two runs of ``lesson`` ("" if nothing)."""
    found = []
    for number, run in enumerate((first, second), 1):
        if run.status != 0 and expected is None:
            found.append(f"run {number} exited with {run.status}:\n{run.output}")
        if run.status == 0 and expected is not None:
            found.append(f"run {number} succeeded, but {expected} was expected")
        if run.left:
            found.append(f"run {number} left in its folder: {run.left}")
    rules = rules_for(lesson)
    once, again = lines_of(first.output, rules), lines_of(second.output, rules)
    if once != again:
        found.append(
            f"only in run 1: {dict(once - again)}\nonly in run 2: {dict(again - once)}"
        )
    return "\n".join(found)


@pytest.fixture(scope="module")
def twice(request, tmp_path_factory) -> dict[Path, Future]:
    """The two runs of every lesson this session tests, started together."""
    chosen = [
        item.callspec.params["lesson"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_lesson_runs_the_same_twice"
    ]
    together, alone = ThreadPoolExecutor(JOBS), ThreadPoolExecutor(1)

    def run(lesson: Path) -> tuple[Run, Run, list[str]]:
        return run_twice(lesson, tmp_path_factory.mktemp(lesson.stem))

    futures = {
        lesson: together.submit(run, lesson)
        for lesson in chosen
        if not runs_alone(lesson)
    }
    first = list(futures.values())

    def after_the_others(lesson: Path) -> tuple[Run, Run, list[str]]:
        for other in first:  # (wait() would miss a cancelled one: use result())
            other.exception()  # raises CancelledError if the session stops early
        return run(lesson)

    futures |= {
        lesson: alone.submit(after_the_others, lesson)
        for lesson in chosen
        if runs_alone(lesson)
    }
    yield futures
    for pool in (together, alone):
        pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize(
    "lesson",
    [
        pytest.param(
            p,
            marks=pytest.mark.skipif(
                posix_only(p) and os.name != "posix", reason="POSIX only"
            ),
        )
        for p in RUN_HERE  # (a lesson for a newer Python: not here)
    ],
    ids=[str(p.relative_to(ROOT / "examples")) for p in RUN_HERE],
)
def test_lesson_runs_the_same_twice(lesson, twice):
    first, second, left = twice[lesson].result()
    assert not left, "processes left behind:\n" + describe(left)
    found = problems(lesson, first, second, expected_outcome(lesson, None))
    assert not found, found


# -- The test can fail ---------------------------------------------------------


def test_the_normaliser_frees_what_changes_between_runs():
    pairs = [
        (
            "child: my pid is 4242, my parent's pid is 4241",
            "child: my pid is 17, my parent's pid is 16",
        ),
        ("main: the pids were [101, 102]", "main: the pids were [7, 8]"),
        ("server process 4242: got 'A'", "server process 9: got 'A'"),
        ("child: my pid is 5, my parent is 4", "child: my pid is 8, my parent is 7"),
        ("total time: 0.6 s", "total time: 1.25 s"),
        ("<Event at 0x7f3a2c1e9d50>", "<Event at 0x7f00aa>"),
        ("listening on 127.0.0.1:43121", "listening on 127.0.0.1:5000"),
        ("\x1b[31mValueError\x1b[0m: no", "ValueError: no"),
    ]
    for once, again in pairs:
        assert normalise(once) == normalise(again), (once, again)


def test_the_normaliser_keeps_counts_names_and_other_numbers():
    pairs = [
        (
            "stock: 1, tickets sold: 5 (we had 2)",
            "stock: 1, tickets sold: 3 (we had 2)",
        ),
        ("worker 1: got lock A", "worker 2: got lock A"),
        ("buyer 3 got a ticket", "buyer 4 got a ticket"),
        ("main: exit codes [0, 1]", "main: exit codes [0, 0]"),
        ("job 4 finished in queue 4", "job 4 finished in queue 3"),
        ("child: my parent is now 1", "child: my parent is now 2"),
    ]
    for once, again in pairs:
        assert normalise(once) != normalise(again), (once, again)
    # a lesson's own rules free only that lesson's lines, and only what they name
    rules = rules_for(ROOT / "examples" / "08_locks" / "tickets_with_lock.py")
    got = [normalise(f"buyer {n} got a ticket", rules) for n in (3, 4)]
    assert got[0] == got[1]
    sold = [normalise(f"stock: 0, tickets sold: {n} (we had 2)", rules) for n in (2, 5)]
    assert sold[0] != sold[1]


def test_a_lesson_that_counts_what_its_last_run_left_fails(tmp_path):
    lesson = FIXTURES / "run_twice" / "counts_old_tickets.py"
    first, second, left = run_twice(lesson, tmp_path)
    assert not left
    assert first.status == 0 and second.status == 0
    found = problems(lesson, first, second, None)
    assert "run 1 left in its folder: ['ticket_" in found
    assert "only in run 1: {'main (pid <pid>): tickets sold: 1 (we had 1)': 1}" in found
    assert "only in run 2: {'main (pid <pid>): tickets sold: 2 (we had 1)': 1}" in found


def test_every_lesson_rule_names_a_lesson():
    assert sorted(set(SCHEDULER_DEPENDENT) - set(EXAMPLE_IDS)) == []
