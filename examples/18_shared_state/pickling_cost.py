"""
What sending data costs: pickling grows with the size
=====================================================

Whatever a process sends to another through a ``Queue`` or a ``Pipe`` is pickled
into bytes, copied through the operating system and unpickled. This lesson
sends data of growing size to a worker and back, times the round trip, and
compares it with ``pickle.dumps()`` alone.

.. index:: ! pickle
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []
# sphinx_gallery_parallel = False

import pickle
import timeit
from multiprocessing import Process, Queue

SIZES = {"1 KB": 1024, "1 MB": 1024**2, "32 MB": 32 * 1024**2}


def echo(inbox, outbox):
    for data in iter(inbox.get, None):  # None is the end marker
        outbox.put(data)  # pickled again for the way back


def fastest(action, data):  # the best of three runs of action(data), in ms
    return min(timeit.repeat(lambda: action(data), repeat=3, number=1)) * 1000


# %%
# ``inbox.put(data)`` pickles ``data`` and writes the bytes into a pipe; the
# worker's ``inbox.get()`` reads and unpickles them, and the way back does it all
# again. The best of three runs counts, so that one busy moment does not decide;
# a first tiny round trip waits for the worker to be running.

if __name__ == "__main__":
    inbox, outbox = Queue(), Queue()
    echoer = Process(target=echo, args=(inbox, outbox), name="echoer")
    echoer.start()
    inbox.put(b"ready?")
    outbox.get()
    dumps, trip = {}, {}
    for label, size in SIZES.items():
        data = bytes(size)
        dumps[label] = d = fastest(pickle.dumps, data)
        trip[label] = t = fastest(lambda sent: (inbox.put(sent), outbox.get()), data)
        print(f"{label:>5}: pickle.dumps {d:.3f} ms, there and back {t:.3f} ms")
    inbox.put(None)
    echoer.join()
    print(f"1 KB -> 1 MB: {trip['1 MB'] / trip['1 KB']:.0f} times as long")
    print(f"1 MB -> 32 MB: {trip['32 MB'] / trip['1 MB']:.0f} times as long")
    print(f"32 MB: {trip['32 MB'] / dumps['32 MB']:.0f} times pickle.dumps()")

# %%
# The times come from the machine that built this page and change from run to
# run; the ratios are what matters. A kilobyte costs a fixed price (system calls,
# the queue's feeder thread, waking the worker), so 1024 times the data took far
# less than 1024 times as long. From a megabyte on, copying is the cost: 32 times
# the data took about 32 times as long, often much more. ``pickle.dumps()`` of bytes
# is one copy; the round trip pickles, pipes and unpickles the data twice. So send
# big data to a worker once, not with every task, and let small results come
# back; or share it: the next lesson passes a worker only the name of a block of
# shared memory (:ref:`sphx_glr_examples_18_shared_state_shared_memory_block.py`).

# %%
# .. try-this::
#    :change: outbox.put(data)  # pickled again for the way back
#    :to: outbox.put(len(data))  # only a small number comes back
#
#    Let the worker send back only the length of what it got. How do the round
#    trips of 1 KB and 32 MB change?
#
#    .. answer::
#
#       The 32 MB one takes about half as long: the data travels one way only.
#       The 1 KB one hardly changes, as its cost was the fixed price of a
#       message. Small results are cheap; big arguments cost.
