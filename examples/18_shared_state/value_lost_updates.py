"""
A shared counter: Value, Array and get_lock()
=============================================

``multiprocessing.Value`` is one number in shared memory, and ``Array`` is a row
of them: every process that gets them sees the same memory. This lesson lets four
processes add 1 to a shared counter 50,000 times each, first with a bare ``+=``,
then holding the counter's own lock, and counts the updates that were lost.
"""

# sphinx_gallery_teaches = ["Value", "Array", "get_lock"]
# sphinx_gallery_forward = []

from multiprocessing import Array, Event, Process, Value

ADDS = 50_000


def add(counter, done, slot, go, use_lock):
    go.wait()  # start together with the others
    for _ in range(ADDS):
        if use_lock:
            with counter.get_lock():
                counter.value += 1
        else:
            counter.value += 1  # read, add one, write back
    done[slot] = ADDS  # each process writes only its own slot


def run(use_lock):
    counter = Value("i", 0)
    done = Array("i", 4)
    go = Event()
    counters = [
        Process(
            target=add, args=(counter, done, i, go, use_lock), name=f"counter {i + 1}"
        )
        for i in range(4)
    ]
    for p in counters:
        p.start()
    go.set()
    for p in counters:
        p.join()
    expected = sum(done)
    lost = expected - counter.value
    label = "with the lock:   " if use_lock else "without the lock:"
    print(f"{label} counter = {counter.value}, expected {expected}, lost {lost}")


# %%
# ``counter.value += 1`` looks like one step but is three: read the value, add
# one, write the result back. When two processes read the same value before
# either writes, both write the same result and one addition is lost. The
# processes wait for an ``Event`` before they start, so that they really run at
# the same time. The ``Array`` ``done`` has one slot per process; as no two
# processes write the same slot, it needs no lock.

if __name__ == "__main__":
    run(use_lock=False)
    run(use_lock=True)

# %%
# Without the lock, the counter ends below 200,000: the number of lost updates
# changes from run to run, but on a machine with more than one core it is
# almost never zero. With ``with counter.get_lock():`` around the whole
# read-add-write, only one process at a time updates the counter and none of
# the additions is lost. ``Value`` comes with a lock (``get_lock()``) that it
# takes for each single read and each single write, which is not enough for
# ``+=``; ``Value("i", 0, lock=False)`` has none at all.

# %%
# .. try-this::
#    :change: for i in range(4)
#    :to: for i in range(1)
#
#    Start one counter process instead of four. How many updates are lost now,
#    without the lock?
#
#    .. answer::
#
#       None: the counter reaches 50,000 in both runs. With one process, nobody else
#       changes the counter between its read and its write. Lost updates need two
#       processes (or threads) that change the same value at the same time.
