"""
Mistake: relying on module-level state
======================================

A dictionary, a counter or a lock at the top level of the module, changed by the
main program, looks shared with the children. Under ``fork`` the child sees the
change; under ``forkserver`` and ``spawn`` it silently does not.
"""

# %%
# The shop keeps its settings in a module-level dictionary. The main program picks
# the real database before it starts the saver process.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

SETTINGS = {"database": "test.db"}


def save(order):
    print(f"saver: order {order} saved to {SETTINGS['database']}")


if __name__ == "__main__":
    SETTINGS["database"] = "shop.db"  # say, read from the command line
    saver = multiprocessing.Process(target=save, args=(1,), name="saver")
    saver.start()
    saver.join()

# %%
# Why it happens
# --------------
# A ``fork`` child is a copy of the main program at ``start()``, changes included.
# A ``spawn`` or ``forkserver`` child imports the module afresh: it runs
# ``SETTINGS = {"database": "test.db"}`` again and never sees what the main program
# did under the guard. No error, just the wrong database. The same holds for a
# module-level counter, and for a module-level ``Lock``: each such child makes its
# own lock, so the lock protects nothing.
#
# The fix
# -------
# Pass what a child needs as arguments, including locks, queues and shared values.


def save_with(order, settings):
    print(f"saver: order {order} saved to {settings['database']}")


if __name__ == "__main__":
    saver = multiprocessing.Process(target=save_with, args=(2, SETTINGS), name="saver")
    saver.start()
    saver.join()
