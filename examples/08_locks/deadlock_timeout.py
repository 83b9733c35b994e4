"""
Deadlocks and lock timeouts
===========================

A deadlock happens when processes wait for locks that will never be released, so
they wait forever. This lesson shows two ways to get one, uses ``acquire(timeout=...)``
to see them safely, and introduces the re-entrant ``RLock``.
"""

# sphinx_gallery_teaches = ["RLock"]
# sphinx_gallery_forward = ["Barrier"]

from multiprocessing import Barrier, Lock, Process, RLock

# %%
# The simplest deadlock needs only one process and one lock. A ``Lock`` is not
# re-entrant: if the holder asks for it again, it waits for itself. With a
# timeout, ``acquire`` gives up and returns ``False`` instead of waiting forever.
# Nor does a ``Lock`` enforce who releases it: its ``repr`` shows the holder (such
# as ``<Lock(owner=MainProcess)>``), but any process, a child for example, may
# release a lock that another process acquired. An ``RLock`` (re-entrant lock)
# belongs to the process and thread that acquired it: only they may release it
# (anyone else gets an ``AssertionError``), the holder may acquire it again, and
# must then release it once for every acquire.

if __name__ == "__main__":
    lock = Lock()
    print(f"Lock, first acquire: {lock.acquire()}")
    print(f"Lock, second acquire (wait at most 0.5 s): {lock.acquire(timeout=0.5)}")
    lock.release()

    rlock = RLock()
    print(f"RLock, first acquire: {rlock.acquire()}")
    print(f"RLock, second acquire: {rlock.acquire(timeout=0.5)}")
    rlock.release()
    rlock.release()


# %%
# The classic deadlock needs two processes and two locks taken in opposite order:
# worker 1 holds lock A and waits for lock B, while worker 2 holds lock B and waits
# for lock A. Neither can go on. The ``Barrier`` makes sure that both workers hold
# their first lock before either asks for the second one. (A ``Barrier`` is a
# meeting point that lets processes go on only once all of them have reached it;
# :ref:`sphx_glr_examples_19_sync_primitives_barrier_meeting_point.py` presents
# it.)


def work(name, first, second, both_hold, patience):
    (first_name, first_lock), (second_name, second_lock) = first, second
    with first_lock:
        print(f"{name}: holding lock {first_name}, now I want lock {second_name}")
        both_hold.wait()
        if second_lock.acquire(timeout=patience):
            print(f"{name}: got lock {second_name} as well, my work is done")
            second_lock.release()
        else:
            print(f"{name}: gave up after {patience} s, releasing lock {first_name}")


if __name__ == "__main__":
    a, b = ("A", Lock()), ("B", Lock())
    both_hold = Barrier(2)
    workers = [
        Process(target=work, args=("worker 1", a, b, both_hold, 0.5), name="worker 1"),
        Process(target=work, args=("worker 2", b, a, both_hold, 2.0), name="worker 2"),
    ]
    for p in workers:
        p.start()
    for p in workers:
        p.join()

# %%
# Without timeouts both workers would have waited forever. Worker 1 was less patient:
# after 0.5 s it gave up and released lock A, so worker 2 could take it and finish.
# A timeout is only a safety net. The real cure is to make every process take the
# locks in the same order (always A before B): then this deadlock cannot happen.

# %%
# .. try-this::
#    :change: second_lock.acquire(timeout=patience)
#    :to: second_lock.acquire()
#    :expect: timeout
#    :timeout: 3
#
#    Take the safety net away: let both workers wait for their second lock without
#    a timeout. Before you look: how does the program end?
#
#    .. answer::
#
#       It does not end. Each worker holds one lock and waits for the other's, so
#       neither can go on, and the main program waits in ``join()`` for both: a
#       deadlock. It was stopped after 3 s; in your terminal you would press
#       Ctrl-C.
