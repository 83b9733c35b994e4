"""
Daemon processes
================

A daemon process is a helper that runs in the background. When the main program's
code ends, ``multiprocessing`` terminates every daemon child that is still running,
even one that runs an endless loop.

This is ``multiprocessing``'s meaning of the word: a child that ends with its
program. A Unix daemon, the service that runs in the background after you log
out, is another thing that shares the name; the lesson
:ref:`sphx_glr_examples_15_unix_daemons_daemon_flag_vs_unix_daemon.py` sets the
two apart.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Event"]

import time
from multiprocessing import Event, Process


def ticker(started):
    tick = 0
    while True:  # this loop never ends on its own
        tick += 1
        print(f"daemon: tick {tick}")
        started.set()
        time.sleep(0.5)


# %%
# Make a process a daemon by passing ``daemon=True`` (or by setting ``p.daemon = True``)
# **before** ``start()``. The daemon below prints a tick every 0.5 s, forever.
# The main program waits until the first tick, sleeps 1.25 s, and then its code ends.
# An ``Event`` is a flag that one process sets and others wait for (presented in
# :ref:`sphx_glr_examples_19_sync_primitives_event_start_signal.py`). Here it only
# makes the main program's clock start with the daemon's first tick, so the number
# of ticks is the same on every run.

if __name__ == "__main__":
    started = Event()
    p = Process(target=ticker, args=(started,), name="daemon", daemon=True)
    p.start()
    started.wait()
    print(f"main: the daemon is running (daemon={p.daemon})")
    time.sleep(1.25)
    print("main: my code ends here")

# %%
# The daemon ticked three times, at 0, 0.5 and 1.0 s. Its next tick would have come
# at 1.5 s, but the main code ended at 1.25 s, and at that moment the daemon was
# terminated: it did not get to finish its loop, and no line of it ran afterwards.
#
# Termination is abrupt: a daemon gets no chance to clean up (its ``finally`` blocks
# do not run). So give daemons only work that may be cut off at any moment, such as
# printing a status line or sending a heartbeat.

# %%
# .. try-this::
#    :change: p.start()
#    :to: p.daemon = False\np.start()
#    :expect: timeout
#    :timeout: 3
#
#    Make the ticker a normal child: set ``p.daemon = False`` before ``p.start()``.
#    Before you look: what happens when the main program's code ends now?
#
#    .. answer::
#
#       Nothing stops the ticker. The program waits for its normal child, and that
#       child never ends, so the program never ends either: it was stopped
#       after 3 s, and in your terminal you would press Ctrl-C. That is why a helper
#       with an endless loop must be a daemon.
