"""The corrections of issue 24: each statement a lesson makes, proved by its
real output, its try-this box, or a small program run by this Python."""

from __future__ import annotations

import inspect
import multiprocessing
import os
import re
import sys
from pathlib import Path

from helpers import (
    ROOT,
    box_lines,
    page_of,
    page_text,
    run_program,
)
from helpers import lesson_lines as lines


def words(page: Path) -> str:
    """A page's visible text, with no space left before punctuation where a tag
    ended (``<code>f()</code>,`` reads ``f(),``)."""
    text = page_text(page)
    return re.sub(r" ([,.;:)])", r"\1", re.sub(r"\( ", "(", text))


def text_of(site, lesson: str) -> str:
    return words(page_of(site, ROOT / "examples" / lesson))


# -- 1. Condition.wait_for(): its return value says whether a cook gives up ----


def test_a_cook_who_gives_up_prints_so_and_takes_no_order(site):
    lesson = "19_sync_primitives/condition_wait_for.py"
    for out in (lines(site, lesson), box_lines(site, lesson)):  # notify(), notify_all()
        took = [line for line in out if line.endswith(": took an order")]
        gave_up = [
            line for line in out if line.endswith(": took no order, gave up after 3 s")
        ]
        assert len(took) == 2 and len(gave_up) == 1, out
        # three different cooks: the one who gave up took nothing
        assert len({line.split(":")[0] for line in took + gave_up}) == 3, out
        assert out[-1] == "main: orders left: 0"
    text = text_of(site, lesson)
    assert "does not take the lock: the caller must already hold it" in text
    assert "takes the lock, checks the predicate" not in text


# -- 2. BoundedSemaphore: on macOS only a bound of 1 is checked ----------------


def test_bounded_semaphore_2_refuses_the_extra_release_except_on_macos(site):
    lesson = "19_sync_primitives/bounded_semaphore.py"
    out = lines(site, lesson)
    assert "main: Semaphore(2) now has 3 windows" in out
    # CPython's semaphore.c checks a bound above 1 only where sem_getvalue()
    # works (HAVE_BROKEN_SEM_GETVALUE on macOS)
    if sys.platform == "darwin":
        assert "main: BoundedSemaphore(2) now has 3 windows" in out
    else:
        assert "main: BoundedSemaphore(2) now has 2 windows" in out
    assert "checks the bound only for a BoundedSemaphore(1)" in text_of(site, lesson)


# -- 4. shared_memory: release views before close(); tracking an attach ----------


def test_shared_memory_close_fails_while_a_view_is_in_use(site):
    lesson = "18_shared_state/shared_memory_block.py"
    assert lines(site, lesson) == [
        "writer: filled the block with ten squares",
        f"main: the block holds {[i * i for i in range(10)]}",
        "main: the block is closed and unlinked",
    ]
    box = box_lines(site, lesson)
    assert "BufferError: cannot close exported pointers exist" in box
    assert "writer: filled the block with ten squares" in box
    # up to 3.13 the block's __del__ tries close() once more and fails again
    assert any(line.startswith("Exception ignored") for line in box) == (
        sys.version_info < (3, 14)
    )
    # the main process is not affected: it reads, closes and unlinks
    assert box[-1] == "main: the block is closed and unlinked"
    text = text_of(site, lesson)
    assert "on Windows unlink() does nothing" in text
    assert "gh-82300" in text


def test_track_false_exists_from_python_3_13():
    from multiprocessing.shared_memory import SharedMemory

    has_track = "track" in inspect.signature(SharedMemory).parameters
    assert has_track == (sys.version_info >= (3, 13))


# -- 5. A lambda inside main() fails as a local function does --------------------


def test_a_local_lambda_fails_like_a_local_function_a_global_lambda_otherwise(
    tmp_path,
):
    out = run_program(
        tmp_path,
        """\
        import multiprocessing
        import re

        top = lambda order: order  # noqa: E731


        def main():
            def pack(order):
                return order

            local = lambda order: order  # noqa: E731
            for target in (pack, local, top):
                process = multiprocessing.get_context("spawn").Process(
                    target=target, args=(7,)
                )
                try:
                    process.start()
                except Exception as error:
                    message = str(error).splitlines()[0]
                    message = re.sub(r"0x[0-9a-f]+", "0x", message)
                    print(f"{type(error).__name__}: {message}")


        if __name__ == "__main__":
            main()
        """,
    )
    pack, local, top = out
    assert local == pack.replace("pack", "<lambda>")  # exactly the same way
    assert pack.startswith(
        "PicklingError" if sys.version_info >= (3, 14) else "AttributeError"
    )
    assert top.startswith("PicklingError:")  # on every version


# -- 7. A managed dict and the list inside it ---------------------------------


def test_the_managed_dict_loses_a_nested_append_and_keeps_a_reassigned_list(site):
    lesson = "18_shared_state/manager_dict.py"
    out = lines(site, lesson)
    assert "main: after append, orders['Oslo'] = []" in out
    assert "main: after reassigning, orders['Oslo'] = ['skis']" in out
    text = text_of(site, lesson)
    assert "BaseManager" in text and "authkey" in text
    assert "also between programs on different machines" not in text


# -- 9. A Lock does not enforce ownership, an RLock does ------------------------


def test_a_child_may_release_a_lock_but_not_an_rlock_it_did_not_acquire(tmp_path):
    out = run_program(
        tmp_path,
        """\
        from multiprocessing import Lock, Process, RLock


        def release(lock):
            lock.release()


        if __name__ == "__main__":
            for kind in (Lock, RLock):
                lock = kind()
                lock.acquire()  # the main process holds it
                child = Process(target=release, args=(lock,))
                child.start()
                child.join()
                name, code = kind.__name__, child.exitcode
                print(f"{name}: the child's release() ended with {code}")
            lock = Lock()
            lock.acquire()
            child = Process(target=release, args=(lock,))
            child.start()
            child.join()
            free = lock.acquire(timeout=0)
            print(f"Lock: free again after the child's release: {free}")
        """,
    )
    assert out == [
        "Lock: the child's release() ended with 0",
        "RLock: the child's release() ended with 1",  # AssertionError in the child
        "Lock: free again after the child's release: True",
    ]


def test_deadlock_lesson_no_longer_says_a_lock_knows_its_owner(site):
    text = text_of(site, "08_locks/deadlock_timeout.py")
    assert "A Lock knows who holds it" not in text
    assert "any process, a child for example, may release a lock" in text


# -- 13. maxtasksperchild counts chunks; `with Pool()` terminates ---------------


def test_maxtasksperchild_counts_a_chunk_as_one_task(site):
    text = "\n".join(lines(site, "20_queues_and_pools/pool_chunks_and_errors.py"))
    one_at_a_time = re.search(r"8 tasks ran in (\d+) different workers", text)
    assert int(one_at_a_time[1]) >= 4
    # two chunks are two tasks: had every item counted, 8 items would need 4
    assert "the same 8 in two chunks, in two workers at most: True" in text


def test_leaving_with_pool_terminates_and_outstanding_async_work_is_lost(tmp_path):
    out = run_program(
        tmp_path,
        """\
        import time
        from multiprocessing import Pool

        if __name__ == "__main__":
            with Pool(1) as pool:
                never = pool.apply_async(time.sleep, (3600,))
            print(f"after the with block: ready {never.ready()}")
            with Pool(1) as pool:
                later = pool.apply_async(pow, (2, 10))
                pool.close()
                pool.join()
            print(f"after close() and join(): ready {later.ready()}, {later.get()}")
        """,
    )
    # the hour-long task was stopped, not waited for: the program ended at once
    assert out == [
        "after the with block: ready False",
        "after close() and join(): ready True, 1024",
    ]


def test_pool_map_lesson_says_the_with_block_calls_terminate(site):
    text = text_of(site, "13_pools/pool_map.py")
    assert "it calls pool.terminate(), not close() and join()" in text


# -- 14. fork exists on POSIX systems -------------------------------------------


def test_fork_is_there_on_every_posix_system_and_the_page_says_so(site):
    lesson = "11_start_methods/start_methods.py"
    assert ("fork" in multiprocessing.get_all_start_methods()) == (os.name == "posix")
    out = lines(site, lesson)
    if os.name == "posix":
        assert "--- start method fork" in out
    text = text_of(site, lesson)
    assert "only on Linux and macOS" not in text
    assert "It exists on POSIX systems (Linux, macOS, the BSDs…), not on Windows" in (
        text
    )


# -- 15. Free threading; os.process_cpu_count() -------------------------------


def test_gil_lesson_tells_which_build_ran_it_and_dates_free_threading(site):
    lesson = "21_gil_measured/threads_vs_processes.py"
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    assert any(line.endswith(f"GIL enabled: {gil}") for line in lines(site, lesson))
    text = text_of(site, lesson)
    assert "In 3.13 (python3.13t) it is experimental" in text
    assert "PEP 779" in text


def test_process_cpu_count_counts_the_cores_this_process_may_use(site, tmp_path):
    concept = site / "_build" / "html" / "en" / "concepts"
    text = words(concept / "concurrency_and_parallelism.html")
    assert "os.process_cpu_count() (Python 3.13 and newer)" in text
    assert 'getattr(os, "process_cpu_count", os.cpu_count)()' in text
    assert "PEP 779" in text
    assert hasattr(os, "process_cpu_count") == (sys.version_info >= (3, 13))
    if sys.platform == "linux" and sys.version_info >= (3, 13):
        out = run_program(
            tmp_path,
            """\
            import os

            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
            print(os.process_cpu_count(), os.cpu_count())
            """,
        )
        assert out == [f"1 {os.cpu_count()}"]


# -- 17. Close the end you do not use -------------------------------------------


def test_pipe_reader_gets_eof_only_when_every_copy_of_the_other_end_is_closed(site):
    lesson = "12_communication/pipe.py"
    out = lines(site, lesson)
    bye = out.index("child: received 'bye', stopping")
    assert out[bye + 1 :] == ["parent: EOFError, the child has closed its end"]
    # the parent kept its copy of child_end: no EOF, the run was stopped
    box = box_lines(site, lesson)
    assert "child: received 'bye', stopping" in box
    assert not any("EOFError" in line for line in box)
