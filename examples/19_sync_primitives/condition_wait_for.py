"""
Waiting until something is true: Condition
==========================================

A ``multiprocessing.Condition`` is a lock with a waiting room. A process that
needs something to be true waits in the room; a process that changes the shared
data calls ``notify()`` to wake a waiting process, which checks again. This
lesson has three cooks who wait for orders and a waiter who brings in two.
"""

# sphinx_gallery_teaches = ["Condition", "wait_for"]
# sphinx_gallery_forward = ["Value"]

import time
from multiprocessing import Condition, Process, Value

PATIENCE = 3  # seconds a cook waits for an order


def cook(name, orders, ready):
    with ready:
        if not ready.wait_for(lambda: orders.value > 0, timeout=PATIENCE):
            print(f"{name}: took no order, gave up after {PATIENCE} s")
            return  # leaving the with block releases the lock
        orders.value -= 1  # take one order, while holding the lock
    print(f"{name}: took an order")


def waiter(orders, ready):
    for _ in range(2):
        time.sleep(0.3)
        with ready:
            orders.value += 1
            print("waiter: one new order")
            ready.notify()  # wake one waiting cook


# %%
# ``orders`` is a shared number without a lock of its own (``lock=False``): the
# condition's lock protects it. (A ``Value`` is a number in shared memory that
# every process sees; see
# :ref:`sphx_glr_examples_18_shared_state_value_lost_updates.py`.)
# ``ready.wait_for(predicate, timeout)`` does not take the lock: the caller
# must already hold it (here with ``with ready:``). It checks the predicate, and
# while it is false releases the lock and sleeps until a ``notify()``, then takes
# the lock back and checks again. It returns the predicate's last value, always
# with the lock held: true, or false when the timeout ran out first. A cook must
# look at that value: after a timeout there is no order to take. Which cook gets
# which order depends on the scheduler.

if __name__ == "__main__":
    orders = Value("i", 0, lock=False)
    ready = Condition()
    cooks = [
        Process(target=cook, args=(f"cook {i}", orders, ready), name=f"cook {i}")
        for i in (1, 2, 3)
    ]
    for p in cooks:
        p.start()
    bringer = Process(target=waiter, args=(orders, ready), name="waiter")
    bringer.start()
    for p in [*cooks, bringer]:
        p.join()
    print(f"main: orders left: {orders.value}")

# %%
# Each order was taken by exactly one cook, right after the waiter brought it.
# The third cook waited for an order that never came: after ``PATIENCE`` seconds
# ``wait_for()`` returned ``False``, and the cook gave up instead of waiting
# forever (or taking an order that is not there). A cook in ``wait_for()`` uses
# no CPU time: it sleeps until it is notified or its time is up. ``notify()``
# wakes one waiting process and ``notify_all()`` wakes all of them; both may only
# be called while holding the condition's lock.

# %%
# .. try-this::
#    :change: ready.notify()  # wake one waiting cook
#    :to: ready.notify_all()  # wake every waiting cook
#
#    Wake every waiting cook for each order, with ``notify_all()``. Does an order
#    get taken twice now, or a cook take an order that is not there?
#
#    .. answer::
#
#       Neither: each order is still taken by exactly one cook, no order is left,
#       and one cook still gives up. Every waiting cook wakes up, but they take the
#       lock one after the other, and ``wait_for()`` checks ``orders.value > 0``
#       again before it returns: a cook who finds no order goes back to waiting.
#       Which cook gets which order depends on the scheduler.
