"""
SIGTERM, SIGKILL and finally blocks
===================================

When a worker does not stop in time, ``join(timeout)`` tells you so, and the
parent can stop it with ``terminate()`` (``SIGTERM``) or ``kill()``
(``SIGKILL``). Whether the worker's ``finally`` block runs depends on the signal,
and on whether the worker handles it. POSIX only (Linux, macOS): on Windows both
methods end the process at once, and no handler runs.

.. index:: ! signal
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys
import time
from multiprocessing import Event, Process

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no SIGTERM handlers.")


def stop_politely(signum, frame):
    sys.exit(0)  # raise SystemExit where the worker is: finally blocks run


def stubborn(name, handle_sigterm, ready):
    if handle_sigterm:
        signal.signal(signal.SIGTERM, stop_politely)
    try:
        ready.set()
        time.sleep(10)  # a long piece of work that ignores any stop event
    finally:
        print(f"{name}: in my finally block, cleaning up")


# %%
# Three stubborn workers sleep for 10 s. For each, the main program waits only
# 0.5 s with ``join(timeout=0.5)``, sees that the worker is still alive, and stops
# it: the first with ``terminate()`` and no handler, the second with
# ``terminate()`` and a ``SIGTERM`` handler, the third with ``kill()``.

if __name__ == "__main__":
    cases = [("no handler", False, "terminate"), ("handler", True, "terminate")]
    for label, handles, method in [*cases, ("handler", True, "kill")]:
        ready = Event()
        name = f"worker ({label}, {method}())"
        worker = Process(target=stubborn, args=(name, handles, ready), name=name)
        worker.start()
        ready.wait()
        worker.join(timeout=0.5)
        print(f"main: after join(timeout=0.5), {name} is alive: {worker.is_alive()}")
        getattr(worker, method)()  # worker.terminate() or worker.kill()
        worker.join()
        print(f"main: {name} ended with exit code {worker.exitcode}")

# %%
# Without a handler, ``SIGTERM`` ends the worker at once, like ``SIGKILL``: no
# ``finally`` block, exit code ``-15``. With a handler that raises ``SystemExit``,
# the same ``SIGTERM`` becomes an exception inside ``time.sleep()``, the ``finally``
# block runs and the exit code is the handler's, ``0``. ``SIGKILL`` can be neither
# caught nor ignored: no handler and no ``finally`` block ever run, exit code ``-9``.
#
# So give long-running workers a ``SIGTERM`` handler, call ``terminate()`` first,
# wait a little with ``join(timeout)``, and use ``kill()`` only for a worker that
# still does not end. Python 3.14 adds ``Process.interrupt()``, on POSIX only, which
# sends ``SIGINT``: the worker gets a ``KeyboardInterrupt``, so its ``finally``
# blocks run even without a handler. Unless the worker catches it, it then prints
# the ``KeyboardInterrupt`` traceback and ends with exit code ``1``, as after any
# uncaught exception. This lesson runs on Python 3.11 too, so it does not call it.

# %%
# .. try-this::
#    :change: sys.exit(0)
#    :to: sys.exit(3)
#
#    Let the handler end the worker with ``sys.exit(3)``. Which exit codes do the
#    three workers end with now? Does the second one still run its ``finally``
#    block?
#
#    .. answer::
#
#       The second worker ends with exit code ``3``, the handler's, and its
#       ``finally`` block still runs: ``sys.exit()`` raises ``SystemExit``, whatever
#       the number. The other two run no Python code after their signal, so their
#       exit codes stay ``-15`` and ``-9``.
