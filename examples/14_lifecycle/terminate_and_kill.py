"""
Stopping a child with terminate() and kill()
============================================

A parent can end a child before the child's work is done. This lesson stops one
sleeping child with ``terminate()`` and another with ``kill()``, and shows what
``is_alive()`` and ``exitcode`` say before and after.
"""

# sphinx_gallery_teaches = ["terminate", "kill"]
# sphinx_gallery_forward = []

import signal
import time
from multiprocessing import Event, Process


def sleeper(name, ready):
    print(f"{name}: going to sleep for 10 s")
    ready.set()
    time.sleep(10)
    print(f"{name}: woke up")  # never printed: the child is stopped first


# %%
# ``terminate()`` and ``kill()`` only *send* the request to end the child, and
# return at once; the child may still be alive for a short moment. So the main
# program calls ``join()`` to wait until the child has really ended, and only then
# asks ``is_alive()`` and reads ``exitcode``. The ``Event`` makes sure that each
# child has started its sleep before the main program stops it.

if __name__ == "__main__":
    for method in ("terminate", "kill"):
        ready = Event()
        who = f"child for {method}()"
        child = Process(target=sleeper, args=(who, ready), name=who)
        child.start()
        ready.wait()
        print(f"main: before {method}(), is_alive() is {child.is_alive()}")
        getattr(child, method)()  # child.terminate() or child.kill()
        child.join()
        print(f"main: after {method}() and join(), is_alive() is {child.is_alive()}")
        name = signal.Signals(-child.exitcode).name
        print(f"main: exitcode is {child.exitcode}, that is, stopped by {name}")

# %%
# Neither child printed that it woke up: both were stopped in the middle of their sleep.
# A negative exit code means that a signal ended the process; without its minus sign, it
# is the signal's number. On Linux and macOS, ``terminate()`` sends ``SIGTERM`` (number
# 15), and ``kill()`` sends ``SIGKILL`` (number 9). A program may catch ``SIGTERM`` to
# clean up before it ends, but nothing can catch ``SIGKILL``.
#
# Windows has no such signals: there, ``terminate()`` and ``kill()`` do the same
# thing, they end the child at once, and ``exitcode`` is ``-15`` in both cases.
#
# Use these methods only as a last resort. A stopped child gets no chance to finish
# its work: its ``finally`` blocks do not run, and if it was using a queue or
# holding a lock at that moment, that queue or lock may be left broken for the
# other processes.
#
# Common mistake: what a stopped child printed may be lost; see
# :ref:`sphx_glr_examples_23_common_mistakes_lost_output.py`.

# %%
# .. try-this::
#    :change: time.sleep(10)
#    :to: try:\n    time.sleep(10)\nfinally:\n    print(f"{name}: cleaning up")
#
#    Put the child's sleep in a ``try`` block with a ``finally`` block that prints a
#    line. Before you look: does either child print that it is cleaning up?
#
#    .. answer::
#
#       No. ``SIGTERM`` and ``SIGKILL`` end the child where it is, without running
#       any more of its Python code, so its ``finally`` block never runs. A child
#       that must clean up has to catch ``SIGTERM`` itself, or better, be asked to
#       stop, for example with an ``Event``.
