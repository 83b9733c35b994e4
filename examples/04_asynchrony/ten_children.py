"""
Ten children: who runs first?
=============================

``start()`` asks the operating system to create a process, and returns at once: it
does not wait for the child to run. This lesson starts ten children and lets the
main program go on without waiting for them.
"""

# %%
# Start ten children and do not wait
# ----------------------------------
# The loop starts ten children, numbered 0 to 9. Each child works for a tenth of a
# second (simulated with ``time.sleep``), then prints a line. After the loop, the
# main program prints its last line. There is no ``join()``, so nothing in the main
# program's code waits for the children.
#
# The order of these lines may differ on your machine, and from one run to the
# next: here are three real runs of this program, one under the other. The
# marked lines came out in another place than in run 1.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []
# sphinx_gallery_runs = 3
import time
from multiprocessing import Process


def task(number):
    time.sleep(0.1)  # pretend to work a little
    print(f"child {number} has finished its work")


if __name__ == "__main__":
    for number in range(10):
        child = Process(target=task, args=(number,), name=f"child {number}")
        child.start()
    print("main process: my code ends here")

# %%
# ``start()`` returned long before the children had done their work, so the main
# program's line usually comes out first. (Without the ``time.sleep`` in the
# children, some of them could print before the main program does.) The children
# do not necessarily print in the order they were started either: after
# ``start()``, the operating system's scheduler decides which process runs when,
# and on which CPU core.
#
# All ten children printed their line, even though the main program's code had
# already ended. That is because the program did not end with its last line of
# code: before the main process exits, ``multiprocessing`` waits for every child
# that is still running (except *daemon* children, which a later lesson presents).
# So the program really ends only after its last child has finished.

# %%
# .. try-this::
#    :change: child.start()
#    :to: child.start()\nchild.join()
#
#    Add ``child.join()`` right after ``child.start()``, inside the loop. Before
#    you look: in which order do the lines come now?
#
#    .. answer::
#
#       Children 0 to 9 in order, and the main program's line last, on every run.
#       ``join()`` waits until the child has finished, so each child has printed its
#       line before the next one is even started. The children no longer run at the
#       same time: their tenths of a second add up to about one second.
