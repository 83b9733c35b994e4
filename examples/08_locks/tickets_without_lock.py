"""
Grabbing tickets without a lock
===============================

Five buyers try to buy the last two tickets at the same time. Each buyer reads the
stock from a JSON "database" file, waits for the network, and then writes the new
stock back. Without a lock, the shop sells more tickets than it has.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Barrier"]

import json
import tempfile
import time
from multiprocessing import Barrier, Process
from pathlib import Path

TICKETS = 2
BUYERS = 5


def buy(number, shop, everyone_has_read):
    database = shop / "tickets.json"
    count = json.loads(database.read_text())["count"]  # query the stock
    print(f"buyer {number} reads the stock: {count} left")
    everyone_has_read.wait()  # let all buyers read before anyone writes
    time.sleep(0.1)  # simulated network delay
    if count > 0:
        database.write_text(json.dumps({"count": count - 1}))
        (shop / f"ticket_{number}.txt").write_text("one train ticket")
        print(f"buyer {number} got a ticket")
    else:
        print(f"buyer {number}: sorry, sold out")


# %%
# The main program writes the database, starts the buyers and waits for them. A
# winning buyer "takes home" a ticket: a small file named after them, so that the
# main program can count the tickets that were sold.
#
# In real life, slow networks make the buyers' reads and writes overlap by accident,
# and only sometimes. Here a ``Barrier(BUYERS)`` makes each buyer wait until all
# five have read the stock, so the problem shows up on every run. (A ``Barrier`` is
# a meeting point that lets processes go on only once all of them have reached it;
# :ref:`sphx_glr_examples_19_sync_primitives_barrier_meeting_point.py` presents
# it.) The order of the lines may differ on your machine.

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:  # removed at the end of the block
        shop = Path(folder)
        (shop / "tickets.json").write_text(json.dumps({"count": TICKETS}))
        everyone_has_read = Barrier(BUYERS)
        buyers = [
            Process(
                target=buy,
                args=(number, shop, everyone_has_read),
                name=f"buyer {number}",
            )
            for number in range(1, BUYERS + 1)
        ]
        for p in buyers:
            p.start()
        for p in buyers:
            p.join()
        stock = json.loads((shop / "tickets.json").read_text())["count"]
        sold = len(list(shop.glob("ticket_*.txt")))
    print(f"stock in the database: {stock}, tickets sold: {sold} (we had {TICKETS})")

# %%
# Every buyer read a stock of 2, so every buyer decided to buy, and every buyer
# wrote "1 ticket left" into the database. Five tickets were sold out of two, and
# the database still claims one is left. This is a *race condition*: each buyer
# reads a value, decides and writes back, while other processes change the same
# value in between, so the result depends on who runs when. The next lesson fixes
# it with a lock.

# %%
# .. try-this::
#    :change: BUYERS = 5
#    :to: BUYERS = 3
#
#    Let only three buyers come for the two tickets. Before you look: how many
#    tickets are sold now, and how many does the database say are left?
#
#    .. answer::
#
#       Three tickets are sold, one more than the shop has, and the database still
#       says that one is left. All three buyers read a stock of 2 before anyone
#       wrote, so each of them decided to buy and wrote 1. One buyer too many is
#       enough for a race condition to oversell.
