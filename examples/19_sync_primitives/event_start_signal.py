"""
A signal for everyone: Event
============================

A ``multiprocessing.Event`` is a flag that every process can see. It starts
unset; ``set()`` sets it, ``clear()`` unsets it, and ``wait()`` blocks until it is
set. This lesson uses one to start three runners at the same moment.
"""

# sphinx_gallery_teaches = ["Event"]
# sphinx_gallery_forward = []

import time
from multiprocessing import Event, Process


def runner(name, start):
    print(f"{name}: on the starting line")
    start.wait()  # blocks until the event is set
    print(f"{name}: running")


# %%
# The three runners start, print that they are ready, and block in
# ``start.wait()``. The main process waits a moment, checks the flag with
# ``is_set()``, then calls ``set()``: every process that waits wakes up at once.
# The order of the lines inside each group depends on the scheduler.

if __name__ == "__main__":
    start = Event()
    runners = [
        Process(target=runner, args=(f"runner {i}", start), name=f"runner {i}")
        for i in range(1, 4)
    ]
    for p in runners:
        p.start()
    time.sleep(0.5)
    print(f"main: is the event set? {start.is_set()}")
    print(f"main: wait(timeout=0.1) returns {start.wait(timeout=0.1)}")
    print("main: ready, steady, go!")
    start.set()
    for p in runners:
        p.join()

# %%
# No runner ran before the main process set the event, and all three ran right
# after it. ``wait(timeout)`` returns ``False`` when the time runs out before the
# event is set, and ``True`` otherwise, so a process never has to wait forever. An
# event stays set until someone calls ``clear()``: a process that calls ``wait()``
# later goes straight on.

# %%
# .. try-this::
#    :change: start = Event()
#    :to: start = Event()\nstart.set()  # set before any runner starts
#
#    Set the event right after making it, before the runners start. What does the
#    main process say about the event, and do the runners wait?
#
#    .. answer::
#
#       ``is_set()`` says ``True``, and ``wait(timeout=0.1)`` returns ``True`` at
#       once. No runner waits: the event stays set, so each runner's ``wait()``
#       returns straight away. The runners' lines and the main process's now come
#       in an order the scheduler decides.
