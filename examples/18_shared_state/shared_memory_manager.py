"""
Pass the name, not the data: SharedMemoryManager
================================================

Put large data in shared memory once and send workers only its *name*: a
``SharedMemoryManager`` creates the blocks and frees them all when its ``with`` ends.

.. index:: ! SharedMemoryManager, ! ShareableList, ! leaked shared_memory
"""

# sphinx_gallery_teaches = ["managers.SharedMemoryManager", "shared_memory.ShareableList"]  # noqa: E501
# sphinx_gallery_forward = []

import os
import subprocess
import sys
from multiprocessing import Process
from multiprocessing.managers import SharedMemoryManager
from multiprocessing.shared_memory import ShareableList, SharedMemory

PIXELS = 8 * 1024 * 1024  # 8 MB, a byte per pixel; a new block is all zeros: black
BRIGHTER = bytes(min(value + 50, 255) for value in range(256))
LEAKER = f"""\
from multiprocessing.shared_memory import SharedMemory
draft = SharedMemory(name="draft_{os.getpid()}", create=True, size=1024)
draft.close()
"""


def brighten(photo_name, counts_name, half):
    photo = SharedMemory(name=photo_name)  # attach by name: nothing is copied
    counts = ShareableList(name=counts_name)
    start, stop = half * PIXELS // 2, (half + 1) * PIXELS // 2
    photo.buf[start:stop] = photo.buf[start:stop].tobytes().translate(BRIGHTER)
    counts[half] = stop - start  # how many pixels this worker brightened
    photo.close()
    counts.shm.close()


# %%
# ``manager.SharedMemory(size)`` and ``manager.ShareableList(items)`` make the
# blocks; each worker gets only their names and a number. A ``ShareableList`` is a
# list of fixed length (numbers, text, bytes, ``None``). Then ``subprocess.run()``
# runs leaker, a program that forgets a block, and prints what leaker wrote.

if __name__ == "__main__":
    with SharedMemoryManager() as manager:
        photo = manager.SharedMemory(PIXELS)
        counts = manager.ShareableList([0, 0])
        names = (photo.name, counts.shm.name)
        workers = [Process(target=brighten, args=(*names, h)) for h in (0, 1)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print(f"main: first pixels {photo.buf[:3].tolist()}, counts {list(counts)}")
        photo.close()  # this process is done with it; the manager unlinks it
        counts.shm.close()
    leaker = subprocess.run([sys.executable, "-c", LEAKER], capture_output=True)
    print((leaker.stdout + leaker.stderr).decode(), end="")

# %%
# When leaker ended, its resource tracker (a helper process Python runs on POSIX)
# unlinked the forgotten block and warned. Python 3.11 and 3.12 count the leaked
# blocks, 3.13 and later name them. The main program gets no warning: its manager
# unlinked its blocks. On Windows nothing warns and ``unlink()`` does nothing: a
# block ends when its last process closes it. And a program that only attaches to
# a block registers it too, so its tracker destroys the block when it ends
# (gh-82300, :ref:`sphx_glr_examples_18_shared_state_shared_memory_block.py`).

# %%
# .. try-this::
#    :change: draft.close()
#    :to: draft.close()\ndraft.unlink()
#
#    Let leaker unlink its block. What does it print now?
#
#    .. answer::
#
#       Nothing after main's line: leaker's tracker has nothing to clean up.
