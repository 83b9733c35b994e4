"""
A Lock is a Semaphore(1)
========================

A lock lets one process at a time in; a semaphore with one place does the same.
This lesson runs two printers that each print a three-line page, first under a
``Lock``, then under a ``Semaphore(1)``, and the pages never mix.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from multiprocessing import Lock, Process, Semaphore


def print_page(name, guard):
    with guard:  # acquire() on the way in, release() on the way out
        for line in range(1, 4):
            print(f"{name}: line {line} of 3")
            time.sleep(0.05)


def print_both(guard):
    printers = [
        Process(target=print_page, args=(f"printer {i}", guard), name=f"printer {i}")
        for i in (1, 2)
    ]
    for p in printers:
        p.start()
    for p in printers:
        p.join()


# %%
# Which printer goes first depends on the scheduler, but each page is printed
# whole before the other printer starts, with both guards.

if __name__ == "__main__":
    for guard in (Lock(), Semaphore(1)):
        print(f"main: two printers, one {type(guard).__name__}")
        print_both(guard)

# %%
# Inside ``multiprocessing``, a ``Lock`` is indeed a semaphore whose value is at
# most 1, the same as a ``BoundedSemaphore(1)``. The differences are in the
# details: releasing a ``Lock`` that is not held raises ``ValueError``, as a
# bounded semaphore does, while a plain ``Semaphore(1)`` would accept the release
# and let two processes in; and a semaphore is often used by one process to
# signal another (one calls ``release()``, another ``acquire()``), which is not
# what a lock is for. For mutual exclusion, use a ``Lock``: it says what it
# means.

# %%
# .. try-this::
#    :change: for guard in (Lock(), Semaphore(1)):
#    :to: for guard in (Lock(), Semaphore(2)):
#
#    Give the semaphore two places, ``Semaphore(2)``. Do the pages still come out
#    whole in the second part?
#
#    .. answer::
#
#       Not any more: with two places, both printers can be inside at the same time,
#       and their lines mix. How they mix changes from run to run, as the scheduler
#       decides; if one printer happens to start late, a page may even come out
#       whole by chance. The ``Lock`` part does not change: a lock has one place.
