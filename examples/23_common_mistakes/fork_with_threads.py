"""
Mistake: fork in a program that runs threads
============================================

**What you see:** a child started with ``fork`` that never ends, stuck on a lock;
and from Python 3.12, a ``DeprecationWarning``: ``This process ... is
multi-threaded, use of fork() may lead to deadlocks in the child``.

``fork`` copies the whole memory of the process but only the thread that calls it.
A lock that another thread holds at that moment stays locked in the child for ever.
"""

# %%
# The shop writes its log from a background thread, under a lock. While that
# thread holds the lock, the main program starts a child that wants to log. The
# main program waits for the child at most 3 seconds.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing
import threading
import warnings

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

warnings.simplefilter("default", DeprecationWarning)  # show Python 3.12+'s warning
log_lock = threading.Lock()


def write_log(holding, closing):
    with log_lock:
        holding.set()
        closing.wait(timeout=30)  # a slow write, while the lock is held


def report(started):
    print("reporter: waiting for the log lock", flush=True)
    started.set()
    with log_lock:
        print("reporter: wrote to the log")


def start_reporter(context):
    started = context.Event()
    reporter = context.Process(target=report, args=(started,), name="reporter")
    reporter.start()
    started.wait(timeout=30)
    reporter.join(timeout=3)
    if reporter.is_alive():
        print("main: the reporter is stuck after 3 s: deadlock")
        reporter.terminate()
        reporter.join()
    print(f"main: the reporter ended with exit code {reporter.exitcode}")


if __name__ == "__main__":
    holding, closing = threading.Event(), threading.Event()
    writer = threading.Thread(target=write_log, args=(holding, closing))
    writer.start()
    holding.wait()
    start_reporter(multiprocessing.get_context())

# %%
# Why it happens
# --------------
# Under ``fork``, the reporter is a copy of the main program taken while the writer
# thread held ``log_lock``. The copy has the lock, locked, but not the thread that
# would release it, so the reporter waits for ever (here, until ``terminate()``). The
# same happens with locks you do not see: inside ``logging``, ``print`` or a C
# library. From Python 3.12 on, ``fork`` in a process that runs threads also gives a
# ``DeprecationWarning`` ("This process ... is multi-threaded, use of fork() may lead
# to deadlocks in the child"). Python 3.11 does not; and as Python hides this
# warning by default, the lesson turns it on. Under ``forkserver`` and ``spawn`` the
# reporter is a new process that imports the module and makes its own, free lock.
#
# The fix
# -------
# Start children with ``spawn`` (or ``forkserver``) when the program runs threads, or
# start them before any thread.

if __name__ == "__main__":
    start_reporter(multiprocessing.get_context("spawn"))
    closing.set()
    writer.join()

# %%
# .. try-this::
#    :change: closing.wait(timeout=30)
#    :to: closing.wait(timeout=1)
#    :start-method: fork
#
#    Let the writer thread release the log lock after one second instead of
#    holding it. The reporter waits up to 3 seconds: does it get the lock this time,
#    under ``fork``?
#
#    .. answer::
#
#       No, it is still stuck. The writer releases the main program's lock, but the
#       reporter has its own copy, made while the lock was held, and no thread in the
#       reporter will ever release that copy. The fix with ``spawn`` works as before.
