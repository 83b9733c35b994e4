"""
A release too many: BoundedSemaphore
====================================

A semaphore counts free places: ``acquire()`` takes one, ``release()`` gives one
back. A plain ``Semaphore`` believes every ``release()``, even one without an
``acquire()`` before it, and quietly gets one place more than it had. A
``BoundedSemaphore`` refuses: it raises ``ValueError`` (on macOS only when its
value is 1, see the end). This lesson runs the same buggy clerk with both.
"""

# sphinx_gallery_teaches = ["BoundedSemaphore"]
# sphinx_gallery_forward = []

from multiprocessing import BoundedSemaphore, Process, Semaphore


def buggy_clerk(windows):
    windows.acquire()
    windows.release()
    try:
        windows.release()  # the bug: one release too many
        print("clerk: released twice, no error")
    except ValueError as error:
        print(f"clerk: released twice, ValueError: {error}")


def count_places(windows):
    places = 0
    while windows.acquire(block=False):  # take places until none is left
        places += 1
    return places


# %%
# Both semaphores start with two windows. The clerk runs in a child process and
# releases once too often; then the main process counts how many windows it can
# take without waiting.

if __name__ == "__main__":
    for kind in (Semaphore, BoundedSemaphore):
        windows = kind(2)
        clerk = Process(target=buggy_clerk, args=(windows,), name="clerk")
        clerk.start()
        clerk.join()
        print(f"main: {kind.__name__}(2) now has {count_places(windows)} windows")

# %%
# The plain semaphore took the extra ``release()`` and now lets three processes
# in where there should be two: the bug shows up later, somewhere else, as a
# limit that does not hold. The bounded semaphore raised ``ValueError`` at the
# very line with the bug and kept its two windows. Use ``BoundedSemaphore``
# whenever a semaphore guards a fixed number of places.
#
# On macOS the check is weaker. There CPython cannot read a semaphore's value
# (macOS has no working ``sem_getvalue()``), so it checks the bound only for a
# ``BoundedSemaphore(1)``: a ``BoundedSemaphore(2)`` takes the extra ``release()``
# silently, as the plain one does, and ends with three windows. Linux and Windows
# check every bound.

# %%
# .. try-this::
#    :change: windows.release()  # the bug: one release too many
#    :to: windows.release()\nwindows.release()  # two releases too many
#
#    Let the clerk release twice too often. How many windows does each semaphore
#    have afterwards?
#
#    .. answer::
#
#       The plain ``Semaphore(2)`` now has four: it believed both extra releases.
#       The ``BoundedSemaphore(2)`` raised ``ValueError`` at the first one, so the
#       second never ran, and it still has two.
