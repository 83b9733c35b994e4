"""
Stopping hung workers, and a map() that does not read ahead (Python 3.14)
=========================================================================

New in Python 3.14: ``terminate_workers()`` and ``kill_workers()`` stop a pool
whose tasks hang, where ``shutdown()`` would wait for ever; and ``map()`` takes
only a few inputs ahead of your reading with ``buffersize``.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []
# sphinx_gallery_requires_python = "3.14"

import itertools
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, wait


def close_and_exit(signum, frame):
    print(f"process {os.getpid()}: SIGTERM, closing my connection", flush=True)
    os._exit(0)


def fetch(mirror):  # the server never answers
    signal.signal(signal.SIGTERM, close_and_exit)
    time.sleep(3600)


def orders(taken, count=None):  # appends each order it yields to taken
    for number in itertools.islice(itertools.count(1), count):
        taken.append(number)
        yield number


def check(order):
    return f"order {order} checked"


# %%
# Two downloads hang. ``wait(..., timeout=1)`` stops waiting after a second.
# ``terminate_workers()`` shuts the pool down without waiting and calls
# ``terminate()`` on each worker: ``SIGTERM``, which it may catch to clean up (on
# Windows, ``terminate()`` ends it at once). The futures end in ``BrokenProcessPool``.

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=2)
    downloads = [pool.submit(fetch, mirror) for mirror in ("A", "B")]
    hanging = wait(downloads, timeout=1).not_done
    print(f"main: {len(hanging)} downloads still hang after 1 s")
    pool.terminate_workers()
    print("main:", [type(download.exception()).__name__ for download in downloads])

# %%
# ``map()`` submits a task per input before it returns: all ten thousand orders
# here, and on an endless stream it would never return. With ``buffersize=2`` it
# takes two inputs, then one more for each result you take.

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        taken = []
        first = next(pool.map(check, orders(taken, 10_000)))
        print(f"main: {first}; orders taken: {len(taken)}")
        taken = []
        results = pool.map(check, orders(taken), buffersize=2)
        for result in itertools.islice(results, 3):  # the first three results
            print(f"main: {result}; orders taken: {len(taken)}")

# %%
# .. try-this::
#    :change: pool.terminate_workers()
#    :to: pool.kill_workers()
#
#    Kill the workers instead. Which lines disappear?
#
#    .. answer::
#
#       The workers' "closing my connection": ``kill()`` sends ``SIGKILL``, which
#       no handler can catch. (On Windows both methods end a worker at once.)
