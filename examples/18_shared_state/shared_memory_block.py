"""
A block of shared memory: shared_memory
=======================================

``multiprocessing.shared_memory.SharedMemory`` is a block of raw bytes that
several processes can see at the same time, found by its name. This lesson
creates a block in the main process, lets a child fill it, reads it back, and
then frees it.

.. index:: ! shared memory
"""

# sphinx_gallery_teaches = ["shared_memory.SharedMemory"]
# sphinx_gallery_forward = []

from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory


def fill(name):
    block = SharedMemory(name=name)  # attach to the existing block
    squares = block.buf[:10]  # a memoryview of the first ten bytes
    for i in range(10):
        squares[i] = i * i
    squares.release()  # close() fails while a view is in use
    print("writer: filled the block with ten squares")
    block.close()  # this process no longer uses it


# %%
# ``SharedMemory(create=True, size=10)`` asks the operating system for a new
# block of at least ten bytes and gives it a unique name; the child attaches to
# it with ``SharedMemory(name=...)``. ``block.buf`` is a ``memoryview`` of the
# bytes: nothing is copied or pickled, both processes read and write the very
# same memory.
#
# A block has to be freed by hand, in two steps. ``close()`` ends one process's
# use of the block, and every process that opened it calls it. It raises
# ``BufferError`` while a ``memoryview`` of ``block.buf`` is still in use, so
# release such views first (``squares.release()`` in ``fill()``). ``unlink()``
# destroys the block itself, once, when no one needs it any more. That matters
# on POSIX systems, where the block otherwise stays in the system's memory after
# the program has ended (Python's resource tracker warns about it and cleans up
# at exit); on Windows ``unlink()`` does nothing, as the system frees the block
# when the last process has closed it.

if __name__ == "__main__":
    block = SharedMemory(create=True, size=10)
    try:
        writer = Process(target=fill, args=(block.name,), name="writer")
        writer.start()
        writer.join()
        print(f"main: the block holds {list(block.buf[:10])}")
    finally:
        block.close()
        block.unlink()  # free the block for good
    print("main: the block is closed and unlinked")

# %%
# The main process read the ten numbers the child wrote, without a queue or a
# pipe. A block holds bytes only: to share numbers larger than a byte, text or
# whole arrays, you decide how to lay them out in the bytes (``struct``, or
# NumPy's ``ndarray(buffer=block.buf)``, a view too), and, as with ``Value``, you
# need a lock when several processes change the same bytes at the same time.
#
# The resource tracker also watches processes that only attach: on POSIX,
# ``SharedMemory(name=...)`` registers the block with the resource tracker of its
# program, which unlinks it when that program ends (gh-82300). Here that does no
# harm, as the child shares its parent's tracker. But a separate program that
# attaches to your block destroys it when it ends, and its tracker warns about a
# "leaked" block. From Python 3.13 on, such a program passes ``track=False``;
# on 3.11 and 3.12 there is no such switch.

# %%
# .. try-this::
#    :change: squares.release()  # close() fails while a view is in use
#    :to: pass  # the view is still in use
#
#    Let the writer keep its view: do not release ``squares`` before
#    ``block.close()``. What happens in the writer, and in the main process?
#
#    .. answer::
#
#       The writer fills the block and prints its line, but then ``close()`` raises
#       ``BufferError: cannot close exported pointers exist``: the block cannot be
#       unmapped while a view points into it. The writer ends with that traceback
#       (and exit code 1; up to Python 3.13 the block's ``__del__`` fails the same
#       way once more, "Exception ignored in"). The main process is not
#       affected: the bytes are in the block already, and it reads, closes and
#       unlinks the block as before.
