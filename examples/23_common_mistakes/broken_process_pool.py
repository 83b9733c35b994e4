"""
Mistake: a worker that dies breaks the whole pool
=================================================

**What you see:** ``BrokenProcessPool: A process in the process pool was terminated
abruptly while the future was running or pending.``, for every task that had not
finished, and no word of which task killed the worker.

When a worker process of a ``ProcessPoolExecutor`` dies (a crash in a C library, the
out-of-memory killer, ``os._exit()``), every unfinished task fails with
``BrokenProcessPool``, and the error does not say which task killed it.
"""

# %%
# One worker makes thumbnails of six photos. Photo 3 is too big: the system kills
# the worker, as the out-of-memory killer would, with ``SIGKILL``. (A
# ``ProcessPoolExecutor`` is a pool of worker processes from ``concurrent.futures``;
# :ref:`sphx_glr_examples_13_pools_process_pool_executor.py` presents it.)

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["ProcessPoolExecutor", "Value"]

import multiprocessing
import os
import signal
import traceback
from concurrent.futures import ProcessPoolExecutor


def thumbnail(photo):
    if photo == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # out of memory
    return f"thumbnail of photo {photo}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            for done in pool.map(thumbnail, range(6)):
                print(done)
        except Exception:
            traceback.print_exc()  # the traceback, as an uncaught error prints it

# %%
# The pool cannot tell which task was running when the worker died, so it fails
# all the unfinished ones, and every later ``submit()`` too: the pool is broken.
#
# The fix
# -------
# Keep a note of which future belongs to which task, to see which tasks failed. To
# find the task that killed the worker, let the worker write down the task it
# starts where the main program can read it after the crash: here a shared
# ``Value`` (with several workers, one per worker, or a line in a log, flushed).
# Then make a new pool to go on. (A ``Value`` is a number in shared memory that
# every process sees; see
# :ref:`sphx_glr_examples_18_shared_state_value_lost_updates.py`.)


def remember(slot):
    global current
    current = slot


def thumbnail_noted(photo):
    current.value = photo
    return thumbnail(photo)


if __name__ == "__main__":
    current = multiprocessing.Value("i", -1)
    with ProcessPoolExecutor(1, initializer=remember, initargs=(current,)) as pool:
        futures = {pool.submit(thumbnail_noted, photo): photo for photo in range(6)}
    failed = [photo for future, photo in futures.items() if future.exception()]
    print(f"main: these photos failed: {failed}")
    print(f"main: the worker died while making photo {current.value}")

# %%
# .. try-this::
#    :change: if photo == 3:
#    :to: if photo == 5:
#
#    Make photo 5, the last one, the photo that is too big. Which photos fail now?
#
#    .. answer::
#
#       Only photo 5. The worker made photos 0 to 4 one after the other and sent
#       each thumbnail back before it died: a finished task keeps its result. Only
#       the tasks that were not finished when the worker died fail, here the one
#       it was working on, which the shared ``Value`` names.
