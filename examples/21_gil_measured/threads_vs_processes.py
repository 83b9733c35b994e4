"""
Threads against processes on CPU-bound work
===========================================

This lesson does the same CPU-bound work three times: in one thread, in four
threads, and in four processes, and measures each. The numbers come from the
machine that built this page; run the script to get your own.
"""

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

# sphinx_gallery_parallel = False

TASKS = [2_000_000] * 4


def count_down(n):
    while n > 0:  # pure Python: holds the GIL all the time
        n -= 1
    return n


def timed(label, run):
    best = float("inf")
    for _ in range(3):  # the best of three runs, as timeit does
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    print(f"{label}: {best:.2f} s")
    return best


# %%
# ``os.process_cpu_count()`` (Python 3.13 and newer) counts the cores this
# process may use; older versions only have ``os.cpu_count()``, all the cores of
# the machine. ``sys._is_gil_enabled()`` (3.13 and newer) tells whether the GIL is
# on. Each version runs three times and the best time is shown: other programs
# on the machine can slow down any single run.

if __name__ == "__main__":
    cores = getattr(os, "process_cpu_count", os.cpu_count)()
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"this machine has {cores} CPU cores for this process; GIL enabled: {gil}")
    timed("one thread    ", lambda: [count_down(n) for n in TASKS])
    with ThreadPoolExecutor(4) as threads:
        thread_time = timed(
            "four threads  ", lambda: list(threads.map(count_down, TASKS))
        )
    with ProcessPoolExecutor(4) as processes:
        processes.submit(count_down, 0).result()  # start the workers first
        process_time = timed(
            "four processes", lambda: list(processes.map(count_down, TASKS))
        )
    print(f"threads time / processes time = {thread_time / process_time:.1f}")

# %%
# The four threads never run Python code at the same time: the GIL lets only one
# of them run at a time, so they take turns and cannot use a second core; on a
# quiet machine their time stays close to the time of one thread. Four processes
# each have their own interpreter and their own GIL, and run on as many cores as
# the machine gives them: with two or more cores free, they finish sooner, up to
# about as many times sooner as there are cores (at most four here, as there are
# four tasks). The timings change from run to run and from machine to machine,
# and if other programs kept the cores busy, all three move and the gap is
# smaller.
#
# Threads are still useful for work that waits (network, disk, ``sleep()``):
# a thread that waits releases the GIL. And since Python 3.13 there is a
# *free-threaded* build of CPython (``python3.13t``), without a GIL: there,
# threads run Python code on several cores at once, and the four threads above
# would be about as fast as the four processes, without the cost of starting
# processes and pickling data. Extension modules must support it, and it is
# still optional; the usual CPython keeps the GIL.
