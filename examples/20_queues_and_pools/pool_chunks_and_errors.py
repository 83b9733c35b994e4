"""
Chunks, fresh workers and errors in a Pool
==========================================

Three settings and one rule of ``Pool``: ``chunksize`` sends tasks to the
workers in batches, ``maxtasksperchild`` replaces a worker after a number of
tasks, and an exception raised in a worker is raised again in the main process
when it asks for the result.
"""

# sphinx_gallery_teaches = ["maxtasksperchild"]
# sphinx_gallery_forward = []

import os
from multiprocessing import Pool


def whose(task):
    return os.getpid()  # which worker ran this task


def divide(a, b):
    return a / b


# %%
# With ``chunksize=4``, ``map()`` cuts the eight tasks into two batches of four,
# and a worker runs a whole batch, so tasks 0 to 3 share one pid, and so do tasks
# 4 to 7. Big batches mean fewer messages between processes, which pays off when
# there are many small tasks.
#
# With ``maxtasksperchild=2``, each worker ends after two tasks and the pool
# starts a fresh one. That frees whatever memory a worker has gathered. A task
# here is what the pool hands a worker at once: a whole chunk of ``map()`` counts
# as one. So eight tasks, given one at a time (``chunksize=1``), need at least
# four workers; in two chunks of four they need at most two.

if __name__ == "__main__":
    with Pool(2) as pool:
        pids = pool.map(whose, range(8), chunksize=4)
    print(f"chunksize=4: tasks 0-3 in one worker: {len(set(pids[:4])) == 1}")
    print(f"chunksize=4: tasks 4-7 in one worker: {len(set(pids[4:])) == 1}")

    with Pool(2, maxtasksperchild=2) as pool:
        pids = pool.map(whose, range(8), chunksize=1)
        chunked = pool.map(whose, range(8), chunksize=4)  # two chunks: two tasks
    print(f"maxtasksperchild=2: 8 tasks ran in {len(set(pids))} different workers")
    print(f"the same 8 in two chunks, in two workers at most: {len(set(chunked)) <= 2}")

# %%
# A ``Process`` that raises only sets its exit code, but a pool sends the
# exception back: ``get()``, ``map()`` and the other methods that return results
# raise it again in the main process, with the worker's traceback attached as
# its cause. The pool itself survives and goes on working.

if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.apply_async(divide, (1, 0))
        try:
            result.get(timeout=10)
        except ZeroDivisionError as error:
            print(f"main caught {type(error).__name__}: {error}")
        print(f"the pool still works: 1 / 4 = {pool.apply(divide, (1, 4))}")

# %%
# ``result.successful()`` tells, once a call is done, whether it raised. Catch a
# worker's exception where you collect the results, as you would for a call in
# your own process.

# %%
# .. try-this::
#    :change: divide, (1, 0))
#    :to: divide, (1, "0"))
#    :expect: TypeError
#
#    Divide by the text ``"0"`` instead of the number ``0``: the worker raises a
#    ``TypeError``, which the ``except`` does not catch. What does the main process
#    print?
#
#    .. answer::
#
#       The main process stops with the worker's ``TypeError``, and its traceback
#       comes in two parts: first the worker's, where the error happened
#       (``return a / b``), then the main process's, at ``result.get()``, joined by
#       "The above exception was the direct cause of the following exception".
