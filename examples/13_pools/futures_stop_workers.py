"""
Stopping hung workers, and a map() that does not read ahead (Python 3.14)
=========================================================================

New in Python 3.14: ``terminate_workers()`` and ``kill_workers()`` stop a pool
whose tasks hang, and ``map(buffersize=N)`` takes only N inputs ahead.

.. index:: ! terminate_workers, ! kill_workers, ! buffersize
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
# A first task shows the worker is up. The download hangs, and ``shutdown()`` would
# wait for ever; after ``wait(..., timeout=1)``, ``terminate_workers()`` shuts the
# pool down without waiting and calls ``terminate()`` on the worker: ``SIGTERM``,
# which it may catch to clean up (on Windows it just ends).

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=1)
    print("main: worker process", pool.submit(os.getpid).result(), "is up")
    download = pool.submit(fetch, "mirror A")
    wait([download], timeout=1)
    print("main: after 1 s, the download is done:", download.done())
    pool.terminate_workers()
    print("main: the download ended in", type(download.exception()).__name__)

# %%
# ``map()`` submits a task per input before it returns: all ten thousand orders
# here; on an endless stream it would never return. With ``buffersize=2`` it takes
# two inputs, then one more for each result you take.

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        taken = []
        first = next(pool.map(check, orders(taken, 10_000)))
        print(f"main: {first}; orders taken: {len(taken)}")
        taken = []
        for result in itertools.islice(pool.map(check, orders(taken), buffersize=2), 3):
            print(f"main: {result}; orders taken: {len(taken)}")

# %%
# .. try-this::
#    :change: pool.terminate_workers()
#    :to: pool.kill_workers()
#
#    Kill the worker instead. Which line disappears?
#
#    .. answer::
#
#       "closing my connection": ``kill()`` sends ``SIGKILL``, which nothing can catch.
