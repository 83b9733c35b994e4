"""
Joining many processes
======================

To wait for many children, start them all first and keep them in a list, then
join them one by one in a second loop. They all work in parallel, so the whole job
takes about as long as one task.
"""

# %%
# Start all, then join all
# ------------------------
# Each task takes one second. The first loop starts five processes and appends each
# one to the list ``processes``. The second loop joins them. The main program
# measures the total time with ``time.perf_counter()``.
#
# The order of the "started" and "done" lines may differ on your machine: here
# are three real runs of this program, one under the other.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["start methods"]
# sphinx_gallery_runs = 3
import time
from multiprocessing import Process


def task(number):
    print(f"task {number}: started")
    time.sleep(1)  # one second of work
    print(f"task {number}: done")


if __name__ == "__main__":
    start = time.perf_counter()
    processes = []
    for number in range(5):
        process = Process(target=task, args=(number,), name=f"task {number}")
        process.start()
        processes.append(process)
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    print(f"main: all 5 tasks done in {elapsed:.1f} s")

# %%
# Normally, all five "started" lines come before the first "done" line: the five
# tasks ran at the same time. The main program's line always comes last, because
# the second loop waits for each process in turn.
#
# Five tasks of one second took about one second in total, not five. Add to that
# the time it takes to create the processes: more with the ``spawn``
# :ref:`start method <sphx_glr_examples_11_start_methods_start_methods.py>`
# (the way a child is created), which starts a fresh Python interpreter for each
# child, and more on a busy
# machine. Joining the processes in order costs nothing extra: while the main
# program waits for task 0, the other tasks keep working, and ``join()`` on a
# process that has already finished returns at once.

# %%
# .. try-this::
#    :change: time.sleep(1)  # one second of work
#    :to: time.sleep(number / 2)
#
#    Let task ``number`` work ``number / 2`` seconds: no time at all for task 0, two
#    seconds for task 4. Before you look: how long do all five tasks take now?
#
#    .. answer::
#
#       About two seconds, the time of the longest task. The tasks still run at the
#       same time, so the whole job lasts as long as its slowest task. The "done"
#       lines now come in the order of the task numbers, half a second apart.
