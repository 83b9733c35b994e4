"""
Fresh state in a forked child: os.register_at_fork()
====================================================

A forked child starts as a copy of its parent, with every object in the state it
had. Some state must not be copied: a random generator would give every child the
same numbers, a connection to a database would be shared, a buffer written twice.
``os.register_at_fork(after_in_child=...)`` names a function that runs in each
child right after the fork, to make that state anew.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Queue", "start methods"]

import os
import random
from multiprocessing import Process, Queue

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

plain = random.Random()  # made once, when the module is imported
reseeded = random.Random()
if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=reseeded.seed)  # a new seed in each child


def worker(picks):  # picks a "random" name for its temporary file, twice
    picks.put((plain.randrange(10**6), reseeded.randrange(10**6)))


# %%
# Three workers pick a number from each generator. A ``Queue`` carries the picks
# back to the main program
# (:ref:`sphx_glr_examples_12_communication_queue_producer_consumer.py`). The
# lesson runs under each start method
# (:ref:`sphx_glr_examples_11_start_methods_start_methods.py`).

if __name__ == "__main__":
    picks = Queue()
    workers = [Process(target=worker, args=(picks,)) for _ in range(3)]
    for w in workers:
        w.start()
    got = [picks.get() for _ in workers]
    for w in workers:
        w.join()
    print(f"plain generator, different picks: {len({p for p, _ in got})} of 3")
    print(f"reseeded generator, different picks: {len({r for _, r in got})} of 3")

# %%
# Under ``fork`` each child got a copy of ``plain`` in the same state, and all
# three picked the same number: three workers would write one file. The hook gave
# each child's ``reseeded`` a new seed. Under ``spawn`` a child is a new
# interpreter that imports the script: both generators are made anew in each
# child, and no hook runs, as no Python forks. Under ``forkserver`` it depends on
# the version: up to Python 3.13.7 and in 3.14.0 each child imports the script
# as under ``spawn`` (3 different picks); from 3.13.8 and 3.14.1 the fork server
# imports it once and forks every child from itself, so they share its state, as
# under ``fork`` (1 different pick), and the hook, registered when the server
# imported the script, runs in each of them. The output above names its Python.
#
# So register hooks at the top level of the module, not under the main guard,
# which the fork server skips. Use them for whatever a child must not share: a
# generator (numpy's too), a connection, a lock that another thread may hold at
# the fork. ``before=`` and ``after_in_parent=`` run in the parent. They run for
# ``os.fork()``, not for ``subprocess``, whose child runs a new program.

# %%
# .. try-this::
#    :change: plain = random.Random()
#    :to: plain = random
#    :start-method: fork
#
#    Let ``plain`` be the ``random`` module itself, whose ``randrange()`` uses one
#    hidden generator. How many different picks does it give under ``fork``?
#
#    .. answer::
#
#       Three: the ``random`` module registers ``after_in_child`` itself and
#       reseeds its hidden generator in every forked child. Your own
#       ``random.Random()`` objects get no such care.
