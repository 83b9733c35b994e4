"""
Graceful shutdown with a stop Event
===================================

The gentlest way to stop workers is to ask them: the main program sets an
``Event``, and each worker checks it between two pieces of work, finishes the
piece it has started, cleans up and returns. Nothing is cut off.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from multiprocessing import Event, Process


def work(name, stop):
    try:
        while not stop.is_set():  # check between two pieces of work
            time.sleep(0.2)  # one piece of work, never cut in half
        print(f"{name}: asked to stop, finished my current piece of work")
    finally:
        print(f"{name}: in my finally block, closing my files")


# %%
# The main program starts two workers, lets them work for one second, then sets the
# stop ``Event``. ``join(timeout=5)`` waits at most five seconds for each worker: a
# worker that does not stop in time would still be alive, and the main program
# could then stop it harder, with ``terminate()`` (see the next lessons).

if __name__ == "__main__":
    stop = Event()
    workers = [
        Process(target=work, args=(f"worker {n}", stop), name=f"worker {n}")
        for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    time.sleep(1.0)
    print("main: time to shut down, setting the stop event")
    stop.set()
    for worker in workers:
        worker.join(timeout=5)
        alive, code = worker.is_alive(), worker.exitcode
        print(f"main: {worker.name} is alive: {alive}, exit code {code}")

# %%
# Both workers noticed the event within one piece of work (0.2 s), ran their
# ``finally`` blocks and ended with exit code 0: a graceful shutdown. Lines of
# different processes may come in another order, as the scheduler decides.
#
# The weak point of an ``Event`` is that a worker checks it only between two
# pieces of work: a worker blocked for a long time in ``queue.get()`` or
# ``sock.recv()`` does not see it. Give such calls a timeout, or send the worker a
# value that means "stop" through its queue.

# %%
# .. try-this::
#    :change: stop.set()
#    :to: for worker in workers:\n    worker.terminate()
#
#    Stop the workers instead of asking them: replace ``stop.set()`` with a loop
#    that calls ``terminate()`` on each worker. Which lines do the workers print
#    now, and with which exit code do they end?
#
#    .. answer::
#
#       They print nothing: ``terminate()`` sends ``SIGTERM``, which ends a worker
#       at once, in the middle of its piece of work, without its ``finally`` block.
#       Both end with exit code ``-15``. That is what the stop ``Event`` avoids.
