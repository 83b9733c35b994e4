"""
Meeting at a point: Barrier
===========================

A ``multiprocessing.Barrier(n)`` is a meeting point for ``n`` processes: each one
that calls ``wait()`` blocks until all ``n`` have arrived, then they all go on
together. This lesson sends three hikers, who walk at different speeds, to a hut.
"""

# sphinx_gallery_teaches = ["Barrier"]
# sphinx_gallery_forward = []

import time
from multiprocessing import Barrier, Process


def hike(name, minutes, hut):
    time.sleep(minutes / 100)  # the slower hikers take longer
    print(f"{name}: arrived at the hut after {minutes} minutes")
    hut.wait(timeout=10)  # blocks until all three are here
    print(f"{name}: everyone is here, on to the summit")


# %%
# The hikers need 0.1, 0.3 and 0.6 seconds ("minutes" in the story). The first
# two wait at the barrier; when the third arrives, all three go on. The
# ``timeout`` makes the barrier raise ``BrokenBarrierError`` instead of waiting
# forever if a hiker never comes. The order of the "summit" lines depends on
# the scheduler.

if __name__ == "__main__":
    hut = Barrier(3)
    hikers = [
        Process(target=hike, args=(f"hiker {i}", minutes, hut), name=f"hiker {i}")
        for i, minutes in enumerate((10, 30, 60), start=1)
    ]
    for p in hikers:
        p.start()
    for p in hikers:
        p.join()

# %%
# Every hiker arrived before any went on: the fast ones waited for the slowest. A
# barrier can be used again: once all ``n`` have passed, it is ready for the next
# meeting, which makes it handy for work done in rounds, where no process may
# start round two before every process has finished round one.

# %%
# .. try-this::
#    :change: hut = Barrier(3)
#    :to: hut = Barrier(1)
#
#    Make the barrier a ``Barrier(1)``. Does any hiker still wait at the hut?
#
#    .. answer::
#
#       No: a barrier for one process opens as soon as one process arrives, so each
#       hiker goes on at once, without waiting for the others. "Everyone is here"
#       is now only words: the number you give the barrier is how many processes it
#       waits for.
