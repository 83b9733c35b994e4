"""
A pool of workers with Pool.map
===============================

``multiprocessing.Pool`` starts a fixed number of worker processes and reuses them
for many tasks. This lesson hands eight CPU-heavy tasks to a pool with ``map()``,
which works like the built-in ``map()`` but runs the calls in the workers.

.. index:: ! process pool
"""

# sphinx_gallery_teaches = ["Pool"]
# sphinx_gallery_forward = []

import os
from multiprocessing import Pool


def sum_of_squares(n):
    print(f"worker {os.getpid()}: summing the squares below {n}")
    return sum(i * i for i in range(n))


# %%
# ``Pool()`` starts one worker for each CPU core this process may use:
# ``os.process_cpu_count()`` since Python 3.13, ``os.cpu_count()`` before.
# Here we ask for four workers with ``Pool(4)``, so that the lesson behaves the
# same on every machine. ``pool.map(function, items)`` splits the items among the
# workers, waits until every call has returned, and gives back the results as a
# list. When the ``with`` block ends, it calls ``pool.terminate()``, not
# ``close()`` and ``join()``: the workers are stopped at once, whatever they are
# doing. That is safe here, as ``map()`` has already waited for every result. Work
# started with ``apply_async()`` or ``map_async()`` whose results you have not
# collected yet is lost, though: call its ``get()`` inside the block, or
# ``pool.close()`` (no more tasks) and ``pool.join()`` (wait until the workers
# have finished every task) before the block ends.

if __name__ == "__main__":
    print(f"this machine has {os.cpu_count()} CPU cores")
    numbers = [100_000 * k for k in range(1, 9)]
    with Pool(4) as pool:
        results = pool.map(sum_of_squares, numbers)
    for n, result in zip(numbers, results, strict=True):
        print(f"main: the squares below {n} add up to {result}")

# %%
# The workers' lines may come in a different order on your machine. There are
# eight tasks but only four workers, so some worker pids appear more than once: a
# worker that has finished a task takes the next one. The results, however, are in
# the same order as ``numbers``, whichever worker finished first: ``map()`` puts
# every result in its place.
#
# Tasks and results travel between processes with ``pickle``, so the function must
# be defined at module level, and its arguments and results must be picklable. A
# pool pays off when each task does a lot of computing: for tiny tasks, sending the
# data back and forth costs more time than the workers save.
#
# Common mistakes: a ``lambda`` or a local function as the task, see
# :ref:`sphx_glr_examples_23_common_mistakes_local_function_target.py`;
# Ctrl-C with a pool, see :ref:`sphx_glr_examples_23_common_mistakes_pool_ctrl_c.py`.

# %%
# .. try-this::
#    :change: Pool(4)
#    :to: Pool(1)
#
#    Give the pool a single worker with ``Pool(1)``. Before you look: how many
#    different worker pids appear now, and are the results still in order?
#
#    .. answer::
#
#       One pid, eight times: the only worker does all eight tasks, one after the
#       other, so its lines now come in the order of ``numbers``. The results are in
#       order, as always: ``map()`` puts every result in its place.
