"""
Mistake: a pipe end left open, so the end never comes
=====================================================

**What you see:** a loop that reads a ``Pipe`` with ``recv()`` until ``EOFError``
gets every message, then waits forever: no ``EOFError``, no error, no end.

A reader gets ``EOFError`` only once every copy of the writer's end is closed.
"""

# %%
# A downloader sends the files it fetched through a one-way pipe, closes its end and
# tidies up for a second. The main program reads until the end of the pipe.
# (``Pipe(duplex=False)`` returns a reader's end and a writer's end;
# :ref:`sphx_glr_examples_12_communication_pipe.py` presents pipes.) ``poll(2)``
# returns True when a message or the end is there, False after 2 s of nothing.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Pipe"]

import time
from multiprocessing import Pipe, Process


def download(writer):
    for name in ("map.png", "notes.txt", "song.mp3"):
        writer.send(name)
    writer.close()  # done writing
    time.sleep(1)  # tidying up
    print("downloader: tidied up, ending")


def read_until_the_end(reader):
    try:
        while reader.poll(2):  # so that the lesson does not hang
            print(f"main: got {reader.recv()}")
        print("main: nothing for 2 s and no end: a writer's end is still open")
    except (EOFError, BrokenPipeError):  # BrokenPipeError: poll() on Windows
        print("main: the end of the pipe, every writer's end is closed")


if __name__ == "__main__":
    reader, writer = Pipe(duplex=False)
    downloader = Process(target=download, args=(writer,), name="downloader")
    downloader.start()
    read_until_the_end(reader)  # the mistake: this process still holds writer
    downloader.join()

# %%
# ``start()`` gave the downloader its own copy of ``writer``, which it closed. The
# main program's copy is still open: for all the pipe knows, it may still write, so
# the end never comes. On Windows, ``poll()`` raises ``BrokenPipeError`` at the end
# of a pipe instead of returning True: the reader catches it too.
#
# The fix
# -------
# Each process closes the ends that it does not use, as soon as it can: the main
# program only reads, so it closes ``writer`` right after ``start()``.

if __name__ == "__main__":
    reader, writer = Pipe(duplex=False)
    downloader = Process(target=download, args=(writer,), name="downloader")
    downloader.start()
    writer.close()  # the fix: the main program never writes
    read_until_the_end(reader)
    downloader.join()

# %%
# .. try-this::
#    :change: writer.close()  # done writing
#    :to: pass  # keeps its end open while it tidies up
#
#    Let the downloader keep its end open while it tidies up. In the fixed program,
#    when does the main program see the end of the pipe now?
#
#    .. answer::
#
#       Only after the downloader's last line: when a process ends, its open files
#       are closed, its copy of ``writer`` too. A writer that goes on working keeps
#       its reader waiting: close an end as soon as you are done with it.
