"""
join() inside the start loop makes it serial
============================================

Where you put ``join()`` matters. Calling it inside the loop that starts the
processes makes each process wait for the previous one. This lesson times both
ways on the same four tasks.
"""

# %%
# Way 1: join() inside the start loop
# -----------------------------------
# Each task takes half a second. The loop starts a process and immediately waits
# for it, before starting the next one.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from multiprocessing import Process


def task(number):
    print(f"task {number}: started")
    time.sleep(0.5)  # half a second of work
    print(f"task {number}: done")


if __name__ == "__main__":
    start = time.perf_counter()
    for number in range(4):
        process = Process(target=task, args=(number,), name=f"task {number}")
        process.start()
        process.join()  # waits here: the next task cannot start yet
    serial_time = time.perf_counter() - start

# %%
# Each task started only after the previous one was done: one process at a time,
# like a normal loop without any processes.
#
# Way 2: start all, then join all
# -------------------------------
# The first loop only starts processes; the second loop joins them. The order of
# these lines may differ on your machine.

if __name__ == "__main__":
    start = time.perf_counter()
    processes = []
    for number in range(4):
        process = Process(target=task, args=(number,), name=f"task {number}")
        process.start()
        processes.append(process)
    for process in processes:
        process.join()
    parallel_time = time.perf_counter() - start

# %%
# Side by side
# ------------

if __name__ == "__main__":
    print(f"join() inside the start loop: {serial_time:.1f} s")
    print(f"start all, then join all:     {parallel_time:.1f} s")

# %%
# With ``join()`` inside the loop, the four tasks took about four times half a
# second, as if there were no processes at all. Started first and joined
# afterwards, they ran at the same time and took about half a second in total.
# (Both times also include the time it takes to create the processes.) Remember:
# start everything you want to run in parallel first, and join later.

# %%
# .. try-this::
#    :change: process.join()  # waits here: the next task cannot start yet
#    :to:
#
#    Delete the ``join()`` from the loop of way 1. Before you look: what time does
#    way 1 report now, and do its tasks still run one after the other?
#
#    .. answer::
#
#       Hardly more than the time it takes to start four processes: the loop no
#       longer waits for any task. The tasks of way 1 now run at the same time, and
#       together with those of way 2, so the lines of both ways mix, in an order that
#       depends on the scheduler. The program still waits for all of them at the end.
