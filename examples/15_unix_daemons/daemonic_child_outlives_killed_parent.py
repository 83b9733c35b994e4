"""
A daemonic child outlives a killed parent
=========================================

``multiprocessing`` terminates its daemonic children from an exit handler, code
that runs while a Python program ends normally. A program killed with ``SIGKILL``
runs no code at all. This lesson kills the parent of a daemonic child, shows that
the child keeps running and how it can tell that its parent is gone, and then
stops the child itself. POSIX only (Linux, macOS), where ``SIGKILL`` exists.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys
import time
from multiprocessing import Pipe, Process, parent_process
from multiprocessing.connection import wait

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no SIGKILL.")


def heartbeat(news):
    home = parent_process().sentinel  # ready once my parent has ended
    while True:  # every 0.1 s: my pid, my parent's pid, is my parent gone?
        gone = bool(wait([home], timeout=0))
        news.send((os.getpid(), os.getppid(), gone))
        time.sleep(0.1)


def parent(news):
    beat = Process(target=heartbeat, args=(news,), name="heartbeat", daemon=True)
    beat.start()
    time.sleep(60)  # until it is killed


# %%
# The main program starts "parent", which starts a daemonic "heartbeat" child. Every
# 0.1 s the heartbeat reports through a pipe its pid, its parent's pid as
# ``os.getppid()`` gives it, and whether its parent is gone. It learns that from
# ``multiprocessing.parent_process()``, the process that started it (``None`` in the
# main program): its ``sentinel`` becomes ready when that process ends, and
# ``wait()`` with a timeout of 0 only looks. Then the main program kills "parent"
# with ``kill()``, that is ``SIGKILL``, and reads the heartbeat again.

if __name__ == "__main__":
    inbox, news = Pipe(duplex=False)
    boss = Process(target=parent, args=(news,), name="parent")
    boss.start()
    pid, first_ppid, gone = inbox.recv()
    print(f"main: the heartbeat runs, its parent is gone: {gone}")
    boss.kill()
    boss.join()
    print(f"main: 'parent' was killed, exit code {boss.exitcode}")
    deadline = time.monotonic() + 5
    while not inbox.recv()[2] and time.monotonic() < deadline:
        pass
    pid, ppid, gone = inbox.recv()  # the next beat, 0.1 s later
    print(f"main: the heartbeat still runs, its parent is gone: {gone}")
    print(f"main: its os.getppid() changed: {ppid != first_ppid}")

    os.kill(pid, signal.SIGTERM)  # nobody else will stop it: we do
    for _ in range(100):  # wait at most 5 s until it is gone
        try:
            os.kill(pid, 0)  # signal 0 only checks that the pid exists
        except ProcessLookupError:
            print("main: stopped the heartbeat with SIGTERM, it is gone")
            break
        time.sleep(0.05)

# %%
# The parent's exit code is ``-9``: ``SIGKILL`` ended it, and so none of its exit
# handlers ran, and nobody terminated its daemonic child. The child kept running.
# ``daemon=True`` is a promise of ``multiprocessing``, kept only when the parent
# ends cleanly, not a rule of the operating system.
#
# A daemonic child that must stop with its parent has to watch for it itself: wait
# on ``parent_process().sentinel`` (with whatever else it waits for) and exit when
# it is ready. That works under every start method, and on Windows too.
# ``os.getppid()`` is not enough: it changes only when the operating system gives
# the child a new parent, so it tells only where the process that started the
# child is also its parent for the operating system. Under ``fork`` and ``spawn``
# on Linux and macOS it is, and the value changed (see the lesson on orphans).
# Under ``forkserver`` a fork server created the heartbeat (here, one that "parent"
# started) and is its parent for the operating system; it outlives "parent", so
# ``os.getppid()`` never changes. And Windows never gives a process a new parent.

# %%
# .. try-this::
#    :change: boss.kill()
#    :to: boss.terminate()
#
#    Stop "parent" with ``terminate()`` (``SIGTERM``) instead of ``kill()``. Does
#    its daemonic heartbeat stop with it this time?
#
#    .. answer::
#
#       No. "parent" has no ``SIGTERM`` handler, so the signal ends it at once, as
#       ``SIGKILL`` did, and its exit handlers do not run either: exit code ``-15``,
#       and the heartbeat goes on, with its parent gone. Only a handler that turns
#       ``SIGTERM`` into ``SystemExit`` would let them run.
