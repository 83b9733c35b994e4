"""What the concurrent.futures lessons (examples/13_pools/futures_*.py) must show,
whatever order the scheduler gives the lines of different processes."""

from __future__ import annotations

import re
import sys
from collections import Counter

from helpers import ROOT, page_of, page_outputs, page_text, try_this_outputs

POOLS = ROOT / "examples" / "13_pools"
WAIT_AND_CANCEL = POOLS / "futures_wait_and_cancel.py"
WORKER_SETUP = POOLS / "futures_worker_setup.py"
STOP_WORKERS = POOLS / "futures_stop_workers.py"


def runs_here(site) -> bool:
    """Whether this Python runs futures_stop_workers (3.14 and newer); on an
    older one, its page must say so and show no output."""
    if sys.version_info >= (3, 14):
        return True
    page = page_of(site, STOP_WORKERS)
    assert "needs Python 3.14" in page_text(page)
    assert page_outputs(page) == []
    return False


def cells(site, lesson) -> list[list[str]]:
    """The output of each code cell of the lesson's page, as lines."""
    blocks = page_outputs(page_of(site, lesson))
    return [[line.rstrip() for line in block.splitlines()] for block in blocks]


def box(site, lesson, number: int = 1) -> list[str]:
    """What the changed program of the lesson's try-this box printed, as lines."""
    text = try_this_outputs(page_of(site, lesson))[number]
    return [line.rstrip() for line in text.splitlines()]


# -- futures_wait_and_cancel.py ------------------------------------------------


def finished(out: list[str]) -> list[str]:
    return [line for line in out if line.startswith("finished: ")]


def test_as_completed_gives_the_files_in_the_order_they_finish(site):
    out = cells(site, WAIT_AND_CANCEL)[0]
    # submitted video (1.2 s), photo (0.2 s), song (0.5 s), each with a worker
    assert finished(out) == ["finished: photo", "finished: song", "finished: video"]


def test_wait_returns_at_the_first_done_then_at_the_first_exception(site):
    out = cells(site, WAIT_AND_CANCEL)[0]
    # FIRST_COMPLETED: the near mirror alone; FIRST_EXCEPTION: not at the near
    # mirror's success but at the broken one's error, before the far mirror
    assert "FIRST_COMPLETED: done ['near mirror']" in out
    assert "FIRST_EXCEPTION: done ['broken mirror', 'near mirror']" in out
    assert not any("far mirror" in line for line in out)


def test_cancel_stops_only_a_waiting_task_and_shutdown_cancels_the_rest(site):
    out = cells(site, WAIT_AND_CANCEL)[1]
    # file 2 runs: too late; file 8 waits: cancelled
    assert "cancel() file 2: False file 8: True" in out
    downloaded = next(line for line in out if line.startswith("downloaded: "))
    cancelled = next(line for line in out if line.startswith("cancelled: "))
    # files 3 and 4 sat in the queue to the worker: they ran; 5 to 7 waited
    assert downloaded == ("downloaded: ['file 1', 'big file 2', 'file 3', 'file 4']")
    assert cancelled == "cancelled: [5, 6, 7, 8]"


def test_with_one_worker_the_files_finish_in_the_order_submitted(site):
    out = box(site, WAIT_AND_CANCEL)
    assert finished(out) == ["finished: video", "finished: photo", "finished: song"]
    # the mirrors' lines stay the same, as the answer says
    assert "FIRST_COMPLETED: done ['near mirror']" in out
    assert "FIRST_EXCEPTION: done ['broken mirror', 'near mirror']" in out


# -- futures_worker_setup.py ---------------------------------------------------

LOADING = re.compile(r"^process (\d+): loading the prices from prices\.csv$")
ALREADY = re.compile(r"^process (\d+): the prices are here already$")
PRICE = re.compile(r"^(\w+) costs (\d), said process (\d+)$")


def pids(pattern: re.Pattern, out: list[str], group: int = 1) -> list[str]:
    return [m[group] for line in out if (m := pattern.match(line))]


def test_the_initializer_runs_once_in_each_worker_and_the_main_loads_its_own(site):
    out = cells(site, WORKER_SETUP)[0]
    loaded = pids(LOADING, out)
    # the main process first, then each of the two spawned workers, once
    assert len(loaded) == len(set(loaded)) == 3
    main, workers = loaded[0], set(loaded[1:])
    served = pids(PRICE, out, 3)
    assert len(served) == 4 and set(served) <= workers and main not in served
    prices = Counter(m[1] + " " + m[2] for line in out if (m := PRICE.match(line)))
    assert prices == Counter({"apple 3": 2, "pear 4": 1, "plum 2": 1})


def test_workers_retire_after_two_tasks_and_each_new_one_sets_itself_up(site):
    out = cells(site, WORKER_SETUP)[1]
    served = pids(PRICE, out, 3)
    fruits = [m[1] for line in out if (m := PRICE.match(line))]
    assert fruits == ["apple", "pear", "plum", "apple", "pear"]
    # two tasks per worker, one worker at a time: A A B B C
    assert served[0] == served[1] != served[2] == served[3] != served[4]
    assert len(set(served)) == 3
    # each of the three workers ran the initializer once, and no other did
    assert sorted(pids(LOADING, out)) == sorted(set(served))
    assert out[-1] == "5 tasks ran in 3 worker processes"


def test_forked_workers_find_the_table_the_main_process_loaded(site):
    out = box(site, WORKER_SETUP)
    first_pool = out[: out.index(next(line for line in out if PRICE.match(line)))]
    already = pids(ALREADY, out)
    assert len(already) == len(set(already)) == 2
    # only the main process loads in the first part; the second pool still
    # spawns its three workers, which load the table
    assert len(pids(LOADING, out)) == 1 + 3
    assert len(pids(LOADING, first_pool)) == 1
    assert out[-1] == "5 tasks ran in 3 worker processes"


# -- futures_stop_workers.py (Python 3.14) -------------------------------------

CLOSING = re.compile(r"^process (\d+): SIGTERM, closing my connection$")
UP = re.compile(r"^main: worker process (\d+) is up$")
BROKEN = "main: the download ended in BrokenProcessPool"
BUFFERED = [
    "main: order 1 checked; orders taken: 3",
    "main: order 2 checked; orders taken: 4",
    "main: order 3 checked; orders taken: 5",
]


def test_terminate_workers_stops_a_hung_task_whose_worker_cleans_up(site):
    if not runs_here(site):
        return
    out = cells(site, STOP_WORKERS)[0]
    assert "main: after 1 s, the download is done: False" in out
    # the worker that was up is the one that got SIGTERM and closed its connection
    (worker,) = pids(UP, out)
    assert pids(CLOSING, out) == [worker]
    assert out[-1] == BROKEN


def test_map_takes_every_input_at_once_but_only_a_few_with_buffersize(site):
    if not runs_here(site):
        return
    out = cells(site, STOP_WORKERS)[1]
    assert out == ["main: order 1 checked; orders taken: 10000", *BUFFERED]


def test_a_killed_worker_cannot_clean_up(site):
    if not runs_here(site):
        return
    out = box(site, STOP_WORKERS)
    assert len(pids(UP, out)) == 1
    assert not any(CLOSING.match(line) for line in out)
    assert BROKEN in out
    assert out[-3:] == BUFFERED
