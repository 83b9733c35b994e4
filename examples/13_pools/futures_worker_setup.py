"""
Setting up each worker once: initializer, mp_context, max_tasks_per_child
=========================================================================

A task may need something costly first: a connection, a table read from disk.
``ProcessPoolExecutor(initializer=f, initargs=args)`` runs ``f(*args)`` once in
each worker as it starts, before its first task. ``mp_context=`` chooses how
the pool starts its workers, and ``max_tasks_per_child=`` replaces a worker
after that many tasks.

.. index:: ! initializer, ! max_tasks_per_child
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

PRICES = {}  # this process's copy of the price table


def load_prices(source):
    if PRICES:
        print(f"process {os.getpid()}: the prices are here already", flush=True)
    else:
        print(f"process {os.getpid()}: loading the prices from {source}", flush=True)
        PRICES.update(apple=3, pear=4, plum=2)


def price_of(fruit):
    return f"{fruit} costs {PRICES[fruit]}", os.getpid()


# %%
# The main process loads the table for itself. ``mp_context`` takes a context
# of ``multiprocessing.get_context()``: this pool starts its two workers with
# ``spawn``, whatever the program's default start method. Each worker is a new
# Python, which loads the table once, however many tasks it then runs. Lines of
# different processes may come in another order on your machine.

if __name__ == "__main__":
    load_prices("prices.csv")
    spawn = multiprocessing.get_context("spawn")
    setup = {"initializer": load_prices, "initargs": ("prices.csv",)}
    with ProcessPoolExecutor(2, mp_context=spawn, **setup) as pool:
        for price, pid in pool.map(price_of, ["apple", "pear", "plum", "apple"]):
            print(f"{price}, said process {pid}")

# %%
# ``max_tasks_per_child=2`` (Python 3.11+): a worker exits after two tasks and
# the pool starts a new one, which runs the initializer again. Given no
# ``mp_context``, such a pool starts its workers with ``spawn`` on every system,
# whatever the default start method (Python 3.11 to 3.14 alike; a ``fork``
# context makes it raise ``ValueError``). The loop hands over one fruit at a
# time, because a pool like this could hang for ever when tasks waited in its
# queue as a worker retired (CPython issue gh-115634, fixed in 3.14.7 and in a
# later 3.13 release; 3.11 and 3.12 keep it).

if __name__ == "__main__":
    fruits, pids = ["apple", "pear", "plum", "apple", "pear"], set()
    with ProcessPoolExecutor(1, max_tasks_per_child=2, **setup) as pool:
        for fruit in fruits:
            price, pid = pool.submit(price_of, fruit).result()
            print(f"{price}, said process {pid}")
            pids.add(pid)
    print(f"{len(fruits)} tasks ran in {len(pids)} worker processes")

# %%
# .. try-this::
#    :change: get_context("spawn")
#    :to: get_context("fork")
#
#    Make the first pool fork its workers. What do they print now?
#
#    .. answer::
#
#       "the prices are here already", twice: forked workers start as copies of
#       the main process, table included. (Windows has no ``fork``: ``ValueError``.)
