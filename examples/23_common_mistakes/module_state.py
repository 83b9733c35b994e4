"""
Mistake: relying on module-level state
======================================

**What you see:** a child sees a global variable's old value, under ``forkserver``
and ``spawn``: the main program changed it before it started the child, and the
child still has the value the module starts with. To see it on Linux with Python up
to 3.13, as macOS and Windows readers do, call
``multiprocessing.set_start_method("spawn")`` first in the main block.

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
# A ``spawn`` child imports the module afresh: it runs
# ``SETTINGS = {"database": "test.db"}`` again and never sees what the main program
# did under the guard. A ``forkserver`` child is a copy of the fork server, which
# imported the module the same way (up to Python 3.13.7 and in 3.14.0, each child
# imported it itself). No error, just the wrong database. The same holds for a
# module-level counter, and for a module-level ``Lock``: the main program's lock is
# not the children's, so it protects nothing between them. Each ``spawn`` child
# even makes a lock of its own (so did each ``forkserver`` child up to Python
# 3.13.7 and in 3.14.0); from Python 3.13.8 and 3.14.1 on, ``forkserver`` children
# share the one that the fork server made.
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

# %%
# .. try-this::
#    :change: print(f"saver: order {order} saved to {SETTINGS['database']}")
#    :to: SETTINGS["database"] = "child.db"  # the saver changes its settings
#    :start-method: fork
#
#    Turn it around: let the first saver change ``SETTINGS`` instead of printing.
#    Which database does the second saver, the fixed one, use?
#
#    .. answer::
#
#       ``shop.db``, under every start method. The first saver changed its own
#       ``SETTINGS``; the main program's stayed as they were, and the fix passes
#       those. A child never changes the main program's module state: send data back
#       through a queue, a pipe or a shared value.
