"""
A daemon among normal children
==============================

When the main program's code ends, the two kinds of children are treated differently:
a daemon child is terminated at once, while the interpreter waits for every normal
(non-daemon) child to finish its work.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Event"]

import time
from multiprocessing import Event, Process


def ticker(started):
    tick = 0
    while True:
        tick += 1
        print(f"daemon: tick {tick}")
        started.set()
        time.sleep(0.5)


def worker(started):
    started.wait()
    time.sleep(0.25)
    print("worker: starting a job that takes 1.5 s")
    time.sleep(1.5)
    print("worker: finished my work")


# %%
# The main program starts a daemon that ticks every 0.5 s forever, and a normal child
# with a job that takes 1.5 s. The main code itself ends 0.75 s after the first tick,
# long before the worker is done. An ``Event`` is a flag that one process sets and
# others wait for (presented in
# :ref:`sphx_glr_examples_19_sync_primitives_event_start_signal.py`). Here it only
# lines up the clocks of all three processes, so that no two of them print at the
# same moment and the output is the same on every run.

if __name__ == "__main__":
    started = Event()
    daemon = Process(target=ticker, args=(started,), name="daemon", daemon=True)
    normal = Process(target=worker, args=(started,), name="worker")
    daemon.start()
    normal.start()
    started.wait()
    time.sleep(0.75)
    print(f"main: my code ends here (worker alive: {normal.is_alive()})")

# %%
# Look at what happened after the line ``main: my code ends here``: the daemon never
# ticked again, although it would have ticked at 1.0 s and at 1.5 s. The worker,
# however, went on with its job and printed ``worker: finished my work``, even though
# the main code had already ended.
#
# Behind the scenes, when the main code ends, ``multiprocessing`` first terminates
# the daemons and then joins the remaining children, just as if you had written
# ``normal.join()`` at the end. The program exits only after that join.
#
# The timeline above tells the same story: right after the main code ended, an
# arrow goes from the main process's row to the daemon's (its ``terminate()``
# call), and the daemon's bar ends there, killed by SIGTERM, while the worker's
# bar goes on to the end of its job.

# %%
# .. try-this::
#    :change: time.sleep(0.75)
#    :to: normal.join()
#
#    Replace the main program's ``time.sleep(0.75)`` with ``normal.join()``, so that
#    its code ends only when the worker has finished. Before you look: how many
#    ticks does the daemon print now?
#
#    .. answer::
#
#       Four, at 0, 0.5, 1.0 and 1.5 s. The worker finishes at 1.75 s, the main code
#       ends right after it, and the daemon is terminated before its tick at 2.0 s.
#       A daemon lives exactly as long as the main program's code runs.
