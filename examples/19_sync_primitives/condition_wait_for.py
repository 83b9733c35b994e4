"""
Waiting until something is true: Condition
==========================================

A ``multiprocessing.Condition`` is a lock with a waiting room. A process that
needs something to be true waits in the room; a process that changes the shared
data calls ``notify()`` to wake a waiting process, which checks again. This
lesson has two cooks who wait for orders and a waiter who brings them in.
"""

# sphinx_gallery_teaches = ["Condition", "wait_for"]
# sphinx_gallery_forward = ["Value"]

import time
from multiprocessing import Condition, Process, Value


def cook(name, orders, ready):
    with ready:
        ready.wait_for(lambda: orders.value > 0, timeout=10)
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
# ``ready.wait_for(predicate)`` takes the lock,
# checks the predicate, and while it is false releases the lock and sleeps until
# a ``notify()``; then it checks again. When it returns, the process holds the
# lock and the predicate is true. Which cook gets which order depends on the
# scheduler.

if __name__ == "__main__":
    orders = Value("i", 0, lock=False)
    ready = Condition()
    cooks = [
        Process(target=cook, args=(f"cook {i}", orders, ready), name=f"cook {i}")
        for i in (1, 2)
    ]
    for p in cooks:
        p.start()
    bringer = Process(target=waiter, args=(orders, ready), name="waiter")
    bringer.start()
    for p in [*cooks, bringer]:
        p.join()
    print(f"main: orders left: {orders.value}")

# %%
# Each order was taken by exactly one cook, right after the waiter brought it. A
# cook in ``wait_for()`` uses no CPU time: it sleeps until it is notified.
# ``notify()`` wakes one waiting process and ``notify_all()`` wakes all of them;
# both may only be called while holding the condition's lock. The ``timeout`` makes
# sure that a cook gives up instead of waiting forever if no order ever comes.

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
#       Neither: each order is still taken by exactly one cook, and no order is
#       left. Both cooks wake up, but they take the lock one after the other, and
#       ``wait_for()`` checks ``orders.value > 0`` again before it returns: the second
#       cook finds no order and goes back to waiting. Which cook gets which order
#       depends on the scheduler.
