"""
A block of shared memory: shared_memory
=======================================

``multiprocessing.shared_memory.SharedMemory`` is a block of raw bytes that
several processes can see at the same time, found by its name. This lesson
creates a block in the main process, lets a child fill it, reads it back, and
then frees it.
"""

# sphinx_gallery_teaches = ["shared_memory.SharedMemory"]
# sphinx_gallery_forward = []

from multiprocessing import Process
from multiprocessing.shared_memory import SharedMemory


def fill(name):
    block = SharedMemory(name=name)  # attach to the existing block
    for i in range(10):
        block.buf[i] = i * i
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
# use of the block, and every process that opened it calls it. ``unlink()``
# destroys the block itself, once, when no one needs it any more: without it the
# block stays in the system's memory after the program has ended (Python's
# resource tracker warns about it and cleans up at exit).

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
# NumPy's ``ndarray(buffer=block.buf)``), and, as with ``Value``, you need a lock
# when several processes change the same bytes at the same time.

# %%
# .. try-this::
#    :change: {list(block.buf[:10])}
#    :to: {bytes(block.buf[:10])}
#
#    Let the main process show the block as ``bytes`` instead of as a list of
#    numbers. What do the ten squares look like now?
#
#    .. answer::
#
#       The same ten bytes, written the way Python writes a ``bytes`` object: a byte
#       that is a printable ASCII character shows as that character (36 is ``$``,
#       49 is ``1``, 64 ``@`` and 81 ``Q``; 9 is the tab, ``\t``), any other as
#       ``\x`` and two hex digits. The block holds bytes and nothing more: what they
#       mean is up to the processes that use it.
