"""
A dict shared through a Manager, and what it costs
==================================================

``multiprocessing.Manager()`` starts a server process that holds ordinary Python
objects (a ``dict``, a ``list``...) and hands out *proxies* to them. Every process
that gets a proxy can use the object as if it were its own. This lesson lets three
processes fill one shared dict, then times a manager against a ``Value``.
"""

# sphinx_gallery_teaches = ["Manager"]
# sphinx_gallery_forward = []

import time
from multiprocessing import Manager, Process, Value

UPDATES = 2_000


def measure(town, results):
    results[town] = len(town) * 10  # one key per process: no race
    print(f"{town}: stored my result")


def add_many(counter):
    for _ in range(UPDATES):
        counter.value += 1


# %%
# Each process writes its own key. Every ``results[town] = ...`` is a message to
# the manager's process, which does the change in its own dict; ``dict(results)``
# fetches a plain copy. The order of the processes' lines depends on the
# scheduler.

if __name__ == "__main__":
    with Manager() as manager:
        results = manager.dict()
        towns = ["Lisbon", "Oslo", "Nairobi"]
        workers = [Process(target=measure, args=(t, results), name=t) for t in towns]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print(f"main: the shared dict holds {dict(sorted(results.items()))}")

        # The nested-object trap: a list inside a managed dict.
        orders = manager.dict({"Oslo": []})
        orders["Oslo"].append("skis")  # appends to a copy
        print(f"main: after append, orders['Oslo'] = {orders['Oslo']}")
        shelf = orders["Oslo"]
        shelf.append("skis")
        orders["Oslo"] = shelf  # reassigning sends the new list
        print(f"main: after reassigning, orders['Oslo'] = {orders['Oslo']}")

        # The same number of updates, through a manager and through a Value.
        started = time.perf_counter()
        add_many(manager.Value("i", 0))
        manager_time = time.perf_counter() - started
    started = time.perf_counter()
    add_many(Value("i", 0, lock=False))
    value_time = time.perf_counter() - started
    print(f"{UPDATES} updates through the manager: {manager_time:.4f} s")
    print(f"{UPDATES} updates of a Value:          {value_time:.4f} s")
    print(f"the manager took {manager_time / value_time:.0f} times as long")

# %%
# ``orders["Oslo"]`` asks the manager for the value and gets a *copy* of the
# list: ``append()`` changed that copy, which was then thrown away, so the
# update was lost without an error. Only an assignment to a key of the proxy
# (``orders["Oslo"] = shelf``) sends a change to the manager. The other way out
# is a managed list inside the managed dict (``manager.dict({"Oslo":
# manager.list()})``): then ``orders["Oslo"]`` is a proxy too, and its
# ``append()`` goes to the manager.
#
# A manager is flexible: it shares any picklable object, and a proxy can be
# passed to any process. ``Manager()`` listens on a local socket (a named pipe on
# Windows) that only this machine can reach; for processes on other machines,
# subclass ``multiprocessing.managers.BaseManager`` and give it an ``address``
# (host and port) and an ``authkey``, the password every client must know. But
# every read and every write is a round trip to another process (pickle, send,
# wait for the answer), while a ``Value`` is a few bytes of shared memory (this
# one without a lock, ``lock=False``, as only the main process writes it). The
# timings above were measured on the machine that built this page and change
# from machine to machine and from run to run; the gap between the two is what
# matters. A manager's objects are no safer than others: ``results[key] += 1``
# from several processes loses updates just like ``Value`` without its lock.

# %%
# .. try-this::
#    :change: results = manager.dict()
#    :to: results = {}
#
#    Give the processes a plain ``dict`` instead of the manager's. What does the
#    main process find in it, after the three have stored their results?
#
#    .. answer::
#
#       An empty dict. Each process changed its own copy (a copy made by ``fork``,
#       or unpickled from its arguments under ``spawn`` and ``forkserver``), and the
#       main process's dict never heard of it. Only a proxy sends each change to the
#       one dict that everyone sees.
