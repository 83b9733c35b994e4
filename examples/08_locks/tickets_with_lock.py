"""
Grabbing tickets with a lock
============================

The same ticket sale as before, made correct with a ``multiprocessing.Lock``: only
one buyer at a time may read, decide and write, so exactly as many buyers succeed
as there are tickets.
"""

# sphinx_gallery_teaches = ["Lock"]
# sphinx_gallery_forward = []

import json
import tempfile
import time
from multiprocessing import Lock, Process
from pathlib import Path

TICKETS = 2
BUYERS = 5


def sell(number, shop):
    database = shop / "tickets.json"
    count = json.loads(database.read_text())["count"]  # query the stock
    print(f"buyer {number} reads the stock: {count} left")
    time.sleep(0.1)  # simulated network delay
    if count > 0:
        database.write_text(json.dumps({"count": count - 1}))
        (shop / f"ticket_{number}.txt").write_text("one train ticket")
        print(f"buyer {number} got a ticket")
    else:
        print(f"buyer {number}: sorry, sold out")


def buy(number, shop, lock):
    lock.acquire()  # wait here until no other buyer holds the lock
    try:
        sell(number, shop)
    finally:
        lock.release()  # always give the lock back, even after an error


def run_sale(target):
    with tempfile.TemporaryDirectory() as folder:  # removed at the end of the block
        shop = Path(folder)
        (shop / "tickets.json").write_text(json.dumps({"count": TICKETS}))
        lock = Lock()  # one lock, shared by all buyers
        buyers = [
            Process(target=target, args=(n, shop, lock), name=f"buyer {n}")
            for n in range(1, BUYERS + 1)
        ]
        for p in buyers:
            p.start()
        for p in buyers:
            p.join()
        stock = json.loads((shop / "tickets.json").read_text())["count"]
        sold = len(list(shop.glob("ticket_*.txt")))
    print(f"stock in the database: {stock}, tickets sold: {sold} (we had {TICKETS})")


# %%
# ``buy`` takes the lock with ``acquire()`` before it touches the database and gives
# it back with ``release()`` when it is done. The ``try``/``finally`` makes sure the
# lock is released even if ``sell`` raises an exception; a lock that is never
# released would block all the other buyers forever. Which buyers win depends on
# the order in which the scheduler lets them reach the lock, so the buyer numbers
# may differ on your machine.

if __name__ == "__main__":
    run_sale(buy)

# %%
# Exactly two buyers got a ticket and the stock went down to 0: each buyer read the
# stock only after the previous one had written it. The price is speed, as the
# buyers now take turns. Below, the ``with`` statement does the same ``acquire()``
# and ``release()`` for you, even when an exception is raised. It is the form you
# should normally use, and the result is the same.


def buy_with(number, shop, lock):
    with lock:
        sell(number, shop)


if __name__ == "__main__":
    run_sale(buy_with)

# %%
# The timeline above shows the lock at work: the orange stretches, when
# a buyer holds the lock, never overlap. Notice the lock passing from buyer to
# buyer, while the others wait for their turn.

# %%
# .. try-this::
#    :change: lock.release()  # always give the lock back, even after an error
#    :to: pass
#    :expect: timeout
#    :timeout: 3
#
#    Forget to give the lock back: replace ``lock.release()`` in ``buy`` with
#    ``pass``. Before you look: how many buyers get to read the stock now?
#
#    .. answer::
#
#       Only one. The first buyer to take the lock buys a ticket and ends, still
#       holding it. The other four wait in ``acquire()`` forever, and the main
#       program waits for them: it was stopped after 3 s, and in your terminal
#       you would press Ctrl-C. Only ``release()`` gives a lock back, not the end
#       of the process that holds it.
