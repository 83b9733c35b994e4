"""
Three ticket windows: a semaphore
=================================

A ``Semaphore(3)`` lets at most three processes into a block of code at the same
time. Here seven customers share three ticket windows, and a shared counter proves
that there are never more than three customers at the windows.
"""

# sphinx_gallery_teaches = ["Semaphore"]
# sphinx_gallery_forward = ["Value", "get_lock"]

import time
from multiprocessing import Process, Semaphore, Value

WINDOWS = 3
CUSTOMERS = 7


def customer(number, windows, inside, busiest):
    with windows:  # wait for a free window
        with inside.get_lock():
            inside.value += 1
            busiest.value = max(busiest.value, inside.value)
            print(f"customer {number} steps up, {inside.value} at the windows")
        time.sleep(0.3)  # buying a ticket takes a while
        with inside.get_lock():
            inside.value -= 1
            print(f"customer {number} leaves, {inside.value} at the windows")


# %%
# A semaphore keeps a count of free places, here 3. Entering the ``with windows:``
# block takes one place, or waits if none is free; leaving the block gives the place
# back. The counter ``inside`` is a ``multiprocessing.Value``, an integer in shared
# memory. ``inside.get_lock()`` is the lock that comes with it: updating the counter
# and printing it is done under that lock, so the printed numbers are exact.
# :ref:`sphx_glr_examples_18_shared_state_value_lost_updates.py` presents ``Value``
# and its lock.
#
# Which customers get a window first depends on the scheduler, so the order of the
# lines may differ on your machine.

if __name__ == "__main__":
    windows = Semaphore(WINDOWS)
    inside = Value("i", 0)
    busiest = Value("i", 0)
    start = time.perf_counter()
    customers = [
        Process(
            target=customer,
            args=(n, windows, inside, busiest),
            name=f"customer {n}",
        )
        for n in range(1, CUSTOMERS + 1)
    ]
    for p in customers:
        p.start()
    for p in customers:
        p.join()
    print(f"most customers at the windows at once: {busiest.value} of {WINDOWS}")
    print(f"all {CUSTOMERS} customers served in {time.perf_counter() - start:.1f} s")

# %%
# Every "steps up" line shows at most three customers at the windows, and the last
# lines confirm that the busiest moment never went above three. Customers who
# found all windows taken simply waited at ``with windows:`` until someone left.
# Seven customers in three at a time take at least three rounds of 0.3 s each.
#
# In the timeline above, the green stretches show who is inside the
# semaphore. Count them at any moment: there are never more than three.

# %%
# .. try-this::
#    :change: WINDOWS = 3
#    :to: WINDOWS = 1
#
#    Open only one ticket window. Before you look: how many customers are at the
#    windows at once now, and about how long does it take to serve all seven?
#
#    .. answer::
#
#       Never more than one, and about 2.1 s: seven turns of 0.3 s, one after the
#       other. A ``Semaphore(1)`` lets one process in at a time, just like a lock.
