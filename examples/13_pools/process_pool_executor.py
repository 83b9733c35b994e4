"""
Measuring a speed-up with ProcessPoolExecutor
=============================================

``concurrent.futures.ProcessPoolExecutor`` is the modern interface to a pool of
worker processes. This lesson runs the same CPU-heavy tasks twice, first one after
the other in the main process, then spread over a pool, and measures both times.
"""

# sphinx_gallery_teaches = ["ProcessPoolExecutor"]
# sphinx_gallery_forward = []

import os
import time
from concurrent.futures import ProcessPoolExecutor

# sphinx_gallery_parallel = False


def count_primes(start, stop):
    """Count the prime numbers in range(start, stop), the slow way."""
    count = 0
    for n in range(max(start, 2), stop):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


# %%
# The tasks count the primes in eight blocks of numbers of the same size. The
# serial run calls ``count_primes()`` for each block in turn. The pool run gives
# each block to ``executor.submit()``, which returns at once with a ``Future``: a
# placeholder for a result that a worker computes. ``future.result()`` waits for
# that result. The pool's time includes starting and stopping the workers.

if __name__ == "__main__":
    blocks = [(k * 40_000, (k + 1) * 40_000) for k in range(8)]
    print(f"this machine has {os.cpu_count()} CPU cores")

    started = time.perf_counter()
    serial = [count_primes(start, stop) for start, stop in blocks]
    serial_time = time.perf_counter() - started
    print(f"serial: {sum(serial)} primes in {serial_time:.2f} s")

    started = time.perf_counter()
    with ProcessPoolExecutor() as executor:
        futures = [executor.submit(count_primes, *block) for block in blocks]
        pooled = [future.result() for future in futures]
    pool_time = time.perf_counter() - started
    print(f"pool:   {sum(pooled)} primes in {pool_time:.2f} s")
    print(f"speed-up: serial time / pool time = {serial_time / pool_time:.1f}")

# %%
# Both runs found the same number of primes; only the time differs. The speed-up
# depends on the machine that built this page, whose number of cores is printed
# above: with N cores, the pool can be at most about N times faster (and never
# more than 8 times, as there are only eight tasks), and in practice a bit less,
# because starting the workers and moving tasks and results between processes
# takes time too. If other programs kept the cores busy during the run, the
# speed-up is smaller still, and it can even drop below 1. Run the script on your
# own computer and compare.
#
# Like ``Pool``, ``ProcessPoolExecutor()`` starts one worker per core unless you pass
# ``max_workers``. Its ``map()`` method works like ``Pool.map()``; ``submit()`` is
# handy when the tasks are not all calls to the same function.
#
# Common mistake: a worker that dies breaks the whole pool; see
# :ref:`sphx_glr_examples_23_common_mistakes_broken_process_pool.py`.

# %%
# .. try-this::
#    :change: (k * 40_000, (k + 1) * 40_000)
#    :to: (k * 40, (k + 1) * 40)
#
#    Make every block a thousand times smaller: change ``40_000`` to ``40`` in both
#    places of the line that makes the blocks. Before you look: is the pool still
#    faster than the serial run?
#
#    .. answer::
#
#       No, it is much slower: the speed-up drops far below 1. Each task now takes
#       a fraction of a millisecond, much less than starting the workers and moving
#       tasks and results between processes. A pool pays off only when each task
#       does a lot of computing.
