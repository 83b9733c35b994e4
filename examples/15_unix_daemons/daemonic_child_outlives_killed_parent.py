"""
A daemonic child outlives a killed parent
=========================================

``multiprocessing`` terminates its daemonic children from an exit handler, code
that runs while a Python program ends normally. A program killed with ``SIGKILL``
runs no code at all. This lesson kills the parent of a daemonic child and shows that
the child keeps running, with a new parent; then it stops the child itself. POSIX
only (Linux, macOS), where ``SIGKILL`` and re-parenting exist.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys
import time
from multiprocessing import Pipe, Process, get_context

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no SIGKILL.")


def heartbeat(news):
    while True:  # every 0.1 s: "I am alive, and this is my parent"
        news.send((os.getpid(), os.getppid()))
        time.sleep(0.1)


def parent(news):
    spawn = get_context("spawn")  # so that "parent" itself starts the heartbeat
    beat = spawn.Process(target=heartbeat, args=(news,), name="heartbeat", daemon=True)
    beat.start()
    time.sleep(60)  # until it is killed


# %%
# The main program starts "parent", which starts a daemonic "heartbeat" child that
# reports its pid and its parent's pid through a pipe every 0.1 s. Then the main program
# kills "parent" with ``kill()``, that is ``SIGKILL``, and reads the heartbeat again.
# "parent" starts the heartbeat with ``spawn`` whatever the default start method:
# with ``forkserver``, the fork server would start it, and be its parent.

if __name__ == "__main__":
    inbox, news = Pipe(duplex=False)
    boss = Process(target=parent, args=(news,), name="parent")
    boss.start()
    pid, first_parent = inbox.recv()
    is_boss = first_parent == boss.pid
    print(f"main: the heartbeat runs, its parent is 'parent': {is_boss}")
    boss.kill()
    boss.join()
    print(f"main: 'parent' was killed, exit code {boss.exitcode}")
    deadline = time.monotonic() + 5
    while (ppid := inbox.recv()[1]) == first_parent:
        if time.monotonic() > deadline:
            break
    print(f"main: the heartbeat still runs, its parent changed: {ppid != first_parent}")

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
# handlers ran, and nobody terminated its daemonic child. The child kept running and
# got a new parent (the main program only checks that it is not the old one; see the
# lesson on orphans). ``daemon=True`` is a promise of ``multiprocessing``, kept only
# when the parent ends cleanly, not a rule of the operating system.
#
# A daemonic child that needs to stop with its parent can watch for it itself: if
# ``os.getppid()`` changes, its parent is gone, and it should exit.

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
#       and the heartbeat goes on with a new parent. Only a handler that turns
#       ``SIGTERM`` into ``SystemExit`` would let them run.
