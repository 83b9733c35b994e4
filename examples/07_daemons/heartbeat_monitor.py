"""
A heartbeat monitor
===================

A classic use of a daemon: while a program works, a daemon child sends a heartbeat
("I am ok") to a monitoring system every second. When the program ends normally, the
daemon stops with it, and the silence tells the monitoring system that something is
wrong (the end of this page says what happens when the program is killed instead).
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Barrier"]

import sys
import time
from multiprocessing import Barrier, Process


def heartbeat(ready):
    ready.wait()
    beat = 0
    while True:
        beat += 1
        # A real heartbeat would send this line to a monitoring server.
        print(f"heartbeat {beat}: I am ok")
        time.sleep(1.0)


def serve(ready):
    ready.wait()
    time.sleep(0.5)
    for batch in range(1, 4):
        print(f"server 3: handled batch {batch} of requests")
        time.sleep(1.0)
    print("server 3: out of memory, giving up")
    sys.exit(1)  # a failed process ends with a non-zero exit code


# %%
# The worker process, named "server 3", handles a batch of requests every second.
# About 3.5 s after it started, it fails and ends with exit code 1. The heartbeat
# daemon prints a beat every second. The main program does nothing but wait for the
# worker with ``join()``. Both children first wait at a ``Barrier``, a meeting
# point that lets processes go on only once all of them have reached it (presented
# in :ref:`sphx_glr_examples_19_sync_primitives_barrier_meeting_point.py`), so
# their clocks start together and the number of beats is the same on every run.

if __name__ == "__main__":
    ready = Barrier(2)
    Process(target=heartbeat, args=(ready,), name="heartbeat", daemon=True).start()
    server = Process(target=serve, args=(ready,), name="server 3")
    server.start()
    server.join()
    if server.exitcode != 0:
        print(f"main: {server.name} failed with exit code {server.exitcode}")
    print("main: shutting down; the heartbeats stop with me")

# %%
# The heartbeats came at 0, 1, 2 and 3 s, in between the server's batches. When
# "server 3" failed, ``join()`` returned in the main program, which found the exit
# code 1 in ``server.exitcode``, reported it and ended. The fifth heartbeat, due at
# 4 s, never came, because the daemon was terminated when the main code ended.
#
# That is exactly why the heartbeat must be a daemon: if it were a normal child, it
# would keep reporting "I am ok" forever for a program that has already given up.
#
# The silence comes only when the main program ends cleanly, though.
# ``multiprocessing`` terminates its daemonic children from an exit handler, code
# that runs while the Python program ends normally. If the main program is killed
# with ``SIGKILL`` (``kill -9``, or the out-of-memory killer), no exit handler runs:
# the daemonic child keeps running, re-parented to another process, and goes on
# saying "I am ok". A real monitoring system should therefore also check that the
# program it watches is alive, not only listen for the heartbeat.

# %%
# .. try-this::
#    :change: for batch in range(1, 4):
#    :to: for batch in range(1, 2):
#
#    Let "server 3" fail after its first batch: change ``range(1, 4)`` to
#    ``range(1, 2)``. Before you look: how many heartbeats come now?
#
#    .. answer::
#
#       Two, at 0 and 1 s. The server fails at 1.5 s, ``join()`` returns, the main
#       program ends, and the daemon stops with it before its beat at 2 s. The
#       heartbeats last exactly as long as the main program.
