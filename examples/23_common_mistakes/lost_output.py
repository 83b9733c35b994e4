"""
Mistake: a child's output that never shows up
=============================================

**What you see:** a child's last lines never show: what it printed before it was
stopped is gone, as if it had printed nothing.

``print()`` does not write to the screen at once: it writes to a buffer, which is
sent when a line ends (in a terminal), when it is full, or when the program exits
normally. A child that is killed before that loses what it printed.
"""

# %%
# A downloader prints its progress on one line, a dot per part. It gets stuck on
# the last part, and the main program stops it after it printed three dots.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing
import time


def download(printed):
    print("downloader: fetching", end="")
    for _ in range(3):
        time.sleep(0.1)
        print(".", end="")
    printed.set()
    time.sleep(60)  # stuck on a slow server


if __name__ == "__main__":
    printed = multiprocessing.Event()
    downloader = multiprocessing.Process(
        target=download, args=(printed,), name="downloader"
    )
    downloader.start()
    printed.wait(timeout=30)
    downloader.terminate()
    downloader.join()
    print(f"main: stopped the downloader, exit code {downloader.exitcode}")

# %%
# The page shows only the main program's line: "downloader: fetching..." was
# printed, and lost. ``terminate()`` kills the child with a signal, and a killed
# process does not empty its buffers. The same happens when the output goes to a
# pipe or a file (``python shop.py > log.txt``, an IDE, a CI job): then even whole
# lines wait in a buffer of several kilobytes, and a child that crashes or is
# killed loses them.
#
# The fix
# -------
# Flush what must not be lost: ``print(..., flush=True)``, or run Python with
# ``-u`` (or ``PYTHONUNBUFFERED=1``) so that nothing is buffered.


def download_flushed(printed):
    print("downloader: fetching", end="", flush=True)
    for _ in range(3):
        time.sleep(0.1)
        print(".", end="", flush=True)
    printed.set()
    time.sleep(60)


if __name__ == "__main__":
    printed = multiprocessing.Event()
    downloader = multiprocessing.Process(
        target=download_flushed, args=(printed,), name="downloader"
    )
    downloader.start()
    printed.wait(timeout=30)
    downloader.terminate()
    downloader.join()
    print()  # the downloader's line has no end: start a new one
    print(f"main: stopped the downloader, exit code {downloader.exitcode}")

# %%
# .. try-this::
#    :change: print("downloader: fetching", end="")
#    :to: print("downloader: fetching")
#
#    Let the downloader end its first line: drop the ``end=""`` of its first
#    ``print()``. What shows up from the downloader now, before it is stopped?
#
#    .. answer::
#
#       "downloader: fetching", without the dots. In a terminal, the buffer is sent
#       at each line end, so the first line got out; the dots, with no line end
#       after them, waited in the buffer and were lost with the process. With the
#       output going to a pipe or a file, even the first line would be lost.
