"""
Threads against processes on CPU-bound work
===========================================

This lesson does the same CPU-bound work three times: in one thread, in four
threads, and in four processes, and measures each. The numbers come from the
machine that built this page; run the script to get your own.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

# sphinx_gallery_parallel = False

TASKS = [2_000_000] * 4


def count_down(n):
    cpu = time.process_time()
    while n > 0:  # pure Python: holds the GIL all the time
        n -= 1
    return time.process_time() - cpu  # in a process: the CPU time of this task


def seconds(run):
    started = time.perf_counter()
    results = run()
    return time.perf_counter() - started, results


# %%
# ``os.process_cpu_count()`` (Python 3.13 and newer) counts the cores this
# process may use; older versions only have ``os.cpu_count()``, all the cores of
# the machine. ``sys._is_gil_enabled()`` (3.13 and newer) tells whether the GIL is
# on. The three versions take turns, three times, and each one's best time is
# shown: other programs on the machine can slow down any single run. Each task
# returns the CPU time it used, so we also see how many cores the processes
# really got: their CPU time divided by the time they took.

if __name__ == "__main__":
    cores = getattr(os, "process_cpu_count", os.cpu_count)()
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"this machine has {cores} CPU cores for this process; GIL enabled: {gil}")
    with ThreadPoolExecutor(4) as threads, ProcessPoolExecutor(4) as processes:
        processes.submit(count_down, 0).result()  # start the workers first
        versions = {
            "one thread    ": lambda: [count_down(n) for n in TASKS],
            "four threads  ": lambda: list(threads.map(count_down, TASKS)),
            "four processes": lambda: list(processes.map(count_down, TASKS)),
        }
        best = dict.fromkeys(versions, float("inf"))
        for _ in range(3):  # take turns, keep the best time of each
            for label, run in versions.items():
                elapsed, results = seconds(run)
                if elapsed < best[label]:
                    best[label] = elapsed
                    if label == "four processes":
                        busy = sum(results) / elapsed  # CPU time / wall time
    for label, time_taken in best.items():
        print(f"{label}: {time_taken:.2f} s")
    thread_time, process_time = best["four threads  "], best["four processes"]
    print(f"the four processes kept {busy:.1f} cores busy on average")
    print(f"threads time / processes time = {thread_time / process_time:.1f}")

# %%
# The four threads never run Python code at the same time: the GIL lets only one
# of them run at a time, so they take turns and cannot use a second core; on a
# quiet machine their time stays close to the time of one thread. Four processes
# each have their own interpreter and their own GIL, and run on as many cores as
# the machine gives them: with two or more cores free, they finish sooner, up to
# about as many times sooner as there are cores (at most four here, as there are
# four tasks). The timings change from run to run and from machine to machine.
# When other programs keep the cores busy, the processes get fewer of them (the
# "cores busy" line says how many), and the gap shrinks or even turns around.
#
# Threads are still useful for work that waits (network, disk, ``sleep()``):
# a thread that waits releases the GIL. And since Python 3.13 there is a
# *free-threaded* build of CPython, without a GIL: there, threads run Python code
# on several cores at once, and the four threads above would be about as fast as
# the four processes, without the cost of starting processes and pickling data.
# In 3.13 (``python3.13t``) it is experimental; from 3.14 (``python3.14t``) it is
# officially supported (PEP 779), but still a separate build that you install on
# purpose, not the default. It runs single-threaded code somewhat slower than the
# usual build, and extension modules must support it. The usual CPython keeps
# the GIL: the first line of the output says whether the Python that ran this
# page had it.

# %%
# .. try-this::
#    :change: ProcessPoolExecutor(4)
#    :to: ProcessPoolExecutor(1)
#
#    Give the process pool one worker instead of four (the label still says "four
#    processes"). How many cores can the processes keep busy now?
#
#    .. answer::
#
#       One at most: the only worker runs the four tasks one after the other, so the
#       "cores busy" line says 1.0 or less. The processes lose their lead: like the
#       threads, they work on one core at a time, and their time comes close to one
#       thread's, plus the cost of sending the tasks. The timings still change from
#       run to run, more so on a busy machine.
