"""
Processes, threads or interpreters?
===================================

Three pools get the same CPU-bound work: threads, processes and, new in Python 3.14,
interpreters. We measure the work, and what starting each and passing it data cost.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []
# sphinx_gallery_parallel = False

import concurrent.futures as cf
import os
import sys
import time
from timeit import repeat

TASKS = [4_000_000] * 4  # four equal pieces of pure Python work
MEGABYTE = bytes(1_000_000)


def count_down(n, data=b""):
    cpu = time.thread_time()
    while n > 0:
        n -= 1
    return time.thread_time() - cpu  # the CPU time this task used


def measure(name, Pool):
    def quickest(run):  # of five tries, in ms: other programs slow down some tries
        return min(repeat(run, number=1, repeat=5)) * 1000

    def first_task():  # start a pool of one, run an empty task, close the pool
        with Pool(1) as pool:
            pool.submit(count_down, 0).result()

    start = quickest(first_task)
    with Pool(len(TASKS)) as pool:
        list(pool.map(count_down, [0] * len(TASKS)))  # start them all first
        data = quickest(lambda: pool.submit(count_down, 0, MEGABYTE).result())
        started = time.perf_counter()
        cpu = sum(pool.map(count_down, TASKS))
        wall = time.perf_counter() - started
    print(f"{name:12}: {wall:.2f} s, {cpu / wall:.1f} cores busy, ", end="")
    print(f"start {start:.1f} ms, 1 MB {data:.2f} ms")
    return cpu / wall, start, data


if __name__ == "__main__":
    cores = getattr(os, "process_cpu_count", os.cpu_count)()  # 3.13+: ours only
    if not hasattr(os, "process_cpu_count") and hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))  # Linux, before 3.13
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()  # Python 3.13+
    print(f"{cores} CPU cores for this process; GIL enabled: {gil}")
    busy, start, data = measure("threads", cf.ThreadPoolExecutor)
    print(f"threads kept more than one core busy: {busy > 1.25}")  # 1.25: coarse clocks
    pools = {"processes": cf.ProcessPoolExecutor}
    if hasattr(cf, "InterpreterPoolExecutor"):
        pools["interpreters"] = cf.InterpreterPoolExecutor
    for name, Pool in pools.items():
        _, its_start, its_data = measure(name, Pool)
        print(f"{name} cost more than threads to start: {its_start > start},", end="")
        print(f" to pass 1 MB: {its_data > data}")
    if len(pools) == 1:
        print("interpreters: InterpreterPoolExecutor is new in Python 3.14, skipped")

# %%
# "cores busy" is the tasks' CPU time over their wall time. Threads share one
# interpreter, whose GIL lets one thread at a time run Python code: one core busy at
# most. Processes and interpreters have a GIL each and use the cores they get, but take
# milliseconds to start, and get a copy of the data; threads get the object.
#
# A *free-threaded* build has no GIL: its threads use several cores. Experimental in
# Python 3.13 (``python3.13t``), it is officially supported from 3.14 (``python3.14t``,
# PEP 779) but not the default, and runs single-threaded code somewhat slower. On the
# default build, processes remain the way to use several cores (interpreters too, from
# 3.14). No build changes isolation: threads share all their objects, and a crash (a
# segfault, say) ends its whole process, threads and interpreters too; others go on.

# %%
# .. try-this::
#    :change: MEGABYTE = bytes(1_000_000)
#    :to: MEGABYTE = bytes(20_000_000)
#
#    Pass 20 MB instead of 1 MB (the label still says "1 MB"). Which pools' times
#    grow, and which stay the same?
#
#    .. answer::
#
#       The processes' and the interpreters' times grow with the size: each task
#       copies the data (for a process, through a pipe). The threads' time stays
#       the same: a thread receives a reference to the same ``bytes`` object,
#       nothing is copied.
