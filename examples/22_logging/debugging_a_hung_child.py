"""
Debugging a hung child
======================

A child that never ends makes its program hang, often without a word. This lesson
makes a worker wait for work that never comes and finds out why, with
``multiprocessing``'s own log, the stack the stuck child prints, and Linux's view.

.. index:: ! faulthandler
"""

# sphinx_gallery_teaches = ["log_to_stderr"]
# sphinx_gallery_forward = []
# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

import faulthandler
import logging
import multiprocessing
import os
import sys
from multiprocessing import Process, Queue
from pathlib import Path


def resizer(photos):
    faulthandler.dump_traceback_later(1)  # if I am still here in 1 s: my stack
    while (photo := photos.get()) is not None:
        print(f"resizer: resized {photo}")


def describe(pid):  # what Linux knows of the process
    proc = Path(f"/proc/{pid}")
    if not sys.platform.startswith("linux"):
        return print(f"main: no /proc here: ps -o stat,ppid -p {pid}, Process Explorer")
    field = dict(x.split(":\t", 1) for x in (proc / "status").read_text().splitlines())
    kids = sum(len(t.read_text().split()) for t in proc.glob("task/*/children"))
    print(f"main: its State: {field['State']}, its children: {kids}")
    print(f"main: its PPid is my pid: {int(field['PPid']) == os.getpid()}")


# %%
# The main program sends a photo, forgets the end marker ``None`` and waits 3 s.
# ``multiprocessing.log_to_stderr()`` logs what ``multiprocessing`` does, in each
# process, as ``[LEVEL/process name]``. The processes' lines may come in another order.

if __name__ == "__main__":
    log = multiprocessing.log_to_stderr(logging.INFO)
    log.handlers[0].addFilter(lambda r: "temp dir" not in r.msg)  # see below
    photos = Queue()
    child = Process(target=resizer, args=(photos,), name="resizer")
    child.start()
    photos.put("cat.jpg")
    child.join(timeout=3)
    print(f"main: the resizer still runs after 3 s: {child.is_alive()}")
    describe(child.pid)
    photos.put(None)  # the fix: the end marker it waits for
    child.join()
    print(f"main: the resizer ended with exit code {child.exitcode}")

# %%
# After 1 s ``faulthandler`` printed the resizer's stack, from a thread of its own:
# it waits in ``photos.get()``. The frames below ``run()`` differ by start method.
# ``S (sleeping)``: it waits, off the CPU (``R``: it computes), for no child of its
# own. Its parent is the main program, or under ``forkserver`` the fork server (see
# ``ps -ef --forest``), whose temporary folder, new every run, the filter hides.
# Before Python 3.13 a child logs "shutting down" first. A stack on demand:
# ``faulthandler.register(signal.SIGUSR1)``, then ``kill -USR1 <pid>``; from Python
# 3.14, ``python -m pdb -p <pid>``.

# %%
# .. try-this::
#    :change: child = Process(target=resizer, args=(photos,), name="resizer")
#    :to: child = Process(target=resizer, args=(photos,))
#
#    Start the resizer without a name. What do the log lines call it now?
#
#    .. answer::
#
#       ``Process-1``: the first child of the main program. With a dozen workers,
#       only the names you give tell in a log who did what, and who hangs.
