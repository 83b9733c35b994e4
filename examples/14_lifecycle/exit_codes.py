"""
Exit codes
==========

When a child process ends, its ``exitcode`` attribute tells the parent how it
ended. This lesson starts three children that end in three different ways and
prints the exit code of each.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import sys
from multiprocessing import Process


def returns_normally():
    print("child: my work is done, returning")


def calls_sys_exit():
    print("child: calling sys.exit(3)")
    sys.exit(3)


def raises_an_error():
    print("child: raising an exception")
    raise ValueError("something went wrong")


# %%
# The main program starts the children one at a time, and waits with ``join()``
# until each one has ended before it reads ``exitcode``. Before ``start()``, and
# while the child is still running, ``exitcode`` is ``None``.

if __name__ == "__main__":
    for target in (returns_normally, calls_sys_exit, raises_an_error):
        child = Process(target=target, name=target.__name__)
        print(f"main: before start, exitcode is {child.exitcode}")
        child.start()
        child.join()
        print(f"main: {target.__name__}() ended with exitcode {child.exitcode}")

# %%
# The three exit codes follow the same rules as for a whole Python program:
#
# - A child whose function returns normally ends with exit code ``0``: success.
# - ``sys.exit(n)`` ends the child with exit code ``n``. ``sys.exit()`` without an
#   argument gives ``0``; ``sys.exit("a message")`` prints the message and gives
#   ``1``.
# - An exception that nobody catches ends the child with exit code ``1``. The
#   child prints the traceback first, as you can see above, under a line that
#   names the process.
#
# The main program itself went on normally: an error in a ``Process`` child never
# raises an exception in the parent. Check ``exitcode`` if the parent needs to know
# whether the child succeeded. Pools are different: when a task of a ``Pool`` or a
# ``ProcessPoolExecutor`` raises, the worker sends the exception back, and the
# parent gets it raised again when it asks for that result (``pool.map()``,
# ``async_result.get()``, ``future.result()``).

# %%
# .. try-this::
#    :change: raise ValueError("something went wrong")
#    :to: return 42
#
#    Let ``raises_an_error()`` return 42 instead of raising. Before you look: what
#    exit code does the third child end with?
#
#    .. answer::
#
#       0. The function returned normally, and ``Process`` ignores what it returns:
#       the exit code only tells how the process ended. To send a result back to the
#       parent, use a ``Queue``, a ``Pipe`` or a pool.
