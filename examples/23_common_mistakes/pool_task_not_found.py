"""
Mistake: a task the workers cannot find breaks the pool
=======================================================

**What you see:** ``BrokenProcessPool``, after a worker printed ``Can't get
attribute 'thumbnail' on <module '__mp_main__' ...>`` (from Python 3.14: ``module
'__mp_main__' has no attribute 'thumbnail'``), under ``spawn`` and ``forkserver``:
the task function is defined under ``if __name__ == "__main__":``, where a worker
never looks.
"""

# %%
# The thumbnail function sits under the main guard, next to the only code that
# uses it. The same program runs under each start method. (A
# ``ProcessPoolExecutor`` is a pool of worker processes from ``concurrent.futures``;
# :ref:`sphx_glr_examples_13_pools_process_pool_executor.py` presents it.)

# sphinx_gallery_teaches = ["BrokenProcessPool"]
# sphinx_gallery_forward = ["ProcessPoolExecutor"]

import contextlib
import os
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

if __name__ == "__main__":

    def thumbnail(photo):  # under the guard: a spawn worker never runs this line
        return f"thumbnail of photo {photo}"

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            for done in pool.map(thumbnail, range(3)):
                print(done)
        except BrokenProcessPool:
            traceback.print_exc()

# %%
# Under ``fork`` the worker is a copy of the main program, ``thumbnail`` included.
# Under ``spawn`` and ``forkserver`` the worker imports your script as
# ``__mp_main__``, without running the guarded block, and receives each task as a
# name, ``thumbnail`` of the main module. It cannot find it, prints an
# ``AttributeError`` (``Can't get attribute 'thumbnail' on <module '__mp_main__'
# ...>`` up to Python 3.13, ``module '__mp_main__' has no attribute 'thumbnail'``
# from 3.14 on) and dies; the pool then fails every unfinished task with
# ``BrokenProcessPool``, which says nothing of why. The worker's error, printed
# above, does. On macOS and Windows (``spawn``) and on Linux from Python 3.14
# (``forkserver``) this is what you see; to see it on Linux with an older Python,
# call ``multiprocessing.set_start_method("spawn")`` first in the main block.
#
# The fix
# -------
# Define task functions at the top level of the module. And a program that must
# go on after a broken pool, whatever broke it, makes a new pool and submits the
# unfinished tasks again. Here a worker crashes once, on photo 2.


def make_thumbnail(photo, attempt):
    if photo == 2 and attempt == 1:
        os._exit(1)  # a crash that does not come back
    return f"thumbnail of photo {photo}"


def thumbnails(photos, attempt):
    made, futures = {}, {}  # the photos this pool loses stay out of made
    with ProcessPoolExecutor(max_workers=1) as pool:
        with contextlib.suppress(BrokenProcessPool):  # it may break as we submit
            for photo in photos:
                futures[photo] = pool.submit(make_thumbnail, photo, attempt)
        for photo, future in futures.items():
            with contextlib.suppress(BrokenProcessPool):
                made[photo] = future.result()
    return made


if __name__ == "__main__":
    made, attempt = {}, 0
    while len(made) < 4 and attempt < 3:
        attempt += 1
        todo = [photo for photo in range(4) if photo not in made]
        made |= thumbnails(todo, attempt)
        for photo in sorted(set(todo) - made.keys()):
            print(f"main: photo {photo} lost in attempt {attempt}")
    for photo in sorted(made):
        print(made[photo])

# %%
# .. try-this::
#    :change: if photo == 2 and attempt == 1:
#    :to: if photo == 2:
#
#    Make the crash come back: photo 2 kills its worker at every attempt. Which
#    thumbnails does the program make now, and why not photo 3?
#
#    .. answer::
#
#       Only photos 0 and 1. Each attempt sends photo 2 first, its worker dies,
#       and photo 3, which waited behind it, is lost with it; after three
#       attempts the program gives up. A task that always kills its worker takes
#       the tasks queued behind it down too: count its failures and leave it out,
#       or run it in a pool of its own.
