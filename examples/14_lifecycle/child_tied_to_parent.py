"""
A child that stops when its parent dies
=======================================

A worker that outlives the process that started it works for nobody. If its
parent crashes or is killed, no code of the parent runs to stop the worker: the
worker must notice by itself. Here a "supervisor" starts a worker and is killed.

.. index:: ! PR_SET_PDEATHSIG
"""

# sphinx_gallery_teaches = ["parent_process"]
# sphinx_gallery_forward = ["start methods"]

import time
from multiprocessing import Event, Process, parent_process
from multiprocessing.connection import wait


def worker(started, stopped):
    boss = parent_process()  # the process that started me
    print(f"worker: started by {boss.name}")
    started.set()
    while not wait([boss.sentinel], timeout=0.1):  # is it still there?
        pass  # one step of the work
    print(f"worker: {boss.name} is gone, so I stop")
    stopped.set()


def supervisor(started, stopped):
    Process(target=worker, args=(started, stopped), name="worker").start()
    time.sleep(60)  # until it is killed


# %%
# ``multiprocessing.parent_process()`` is the process that started this one
# (``None`` in the main program). Its ``sentinel``, like a child's, becomes ready
# when that process ends, however it ends; ``wait()`` waits 0.1 s at most. A
# killed parent runs none of its exit handlers: ``daemon=True`` would not help
# (:ref:`sphx_glr_examples_15_unix_daemons_daemonic_child_outlives_killed_parent.py`).
# The main program kills the supervisor with ``kill()``.

if __name__ == "__main__":
    started, stopped = Event(), Event()
    boss = Process(target=supervisor, args=(started, stopped), name="supervisor")
    boss.start()
    started.wait()
    print("main: killing the supervisor")
    boss.kill()
    boss.join()
    print(f"main: the worker stopped by itself: {stopped.wait(timeout=5)}")
    print(f"main: the supervisor's exit code: {boss.exitcode}")

# %%
# The worker set ``stopped`` last, and ended right after; ``-9`` is ``SIGKILL``
# (``-15`` on Windows). ``parent_process().sentinel`` works under every start
# method, on every system. ``os.getppid()`` does not: it gives the parent for the
# operating system, which under ``forkserver`` is a fork server
# (:ref:`sphx_glr_examples_11_start_methods_start_methods.py`).
#
# Linux has two more ways. A child may call ``prctl(PR_SET_PDEATHSIG, SIGTERM)``
# (``ctypes.CDLL(None).prctl(1, signal.SIGTERM)``) to get ``SIGTERM`` when the thread
# that forked it ends: the supervisor's under ``fork`` and ``spawn``, but under
# ``forkserver`` the fork server's, which lives as long as the worker: no signal.
# And ``os.pidfd_open(pid)`` lets any process watch any other: ``wait()`` takes the
# file descriptor, ready when that process ends (on macOS: ``select.kqueue()``).

# %%
# .. try-this::
#    :change: time.sleep(60)  # until it is killed
#    :to: return
#
#    Let the supervisor return at once instead of sleeping. Does the worker now
#    stop before the main program kills the supervisor?
#
#    .. answer::
#
#       No, the output is the same: a process that ``multiprocessing`` started
#       waits for its children (``join()``) before it ends. The supervisor waits
#       for the worker, which waits for it, until ``kill()``.
