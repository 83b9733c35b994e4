"""
Futures in the order they finish, and cancelled ones
====================================================

Beyond ``result()``: ``as_completed()`` hands you futures as they finish,
``wait()`` returns when the first one finishes or fails, and a task that no
worker has started yet can be cancelled. The downloads here only sleep.

.. index:: ! as_completed, ! cancel_futures
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from concurrent.futures import (
    FIRST_COMPLETED,
    FIRST_EXCEPTION,
    ProcessPoolExecutor,
    as_completed,
    wait,
)


def fetch(name, seconds):
    time.sleep(seconds)
    if name == "broken mirror":
        raise ConnectionError(f"{name} hung up")
    return name


# %%
# Three files, three workers: ``as_completed()`` yields each future once it is
# done. Then three mirrors of one file: ``wait()`` returns the futures done and
# those not done once ``return_when`` holds: ``FIRST_COMPLETED``, one is done,
# whatever its outcome; ``FIRST_EXCEPTION``, one raised, or all are done.

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=3) as pool:
        files = {"video": 1.2, "photo": 0.2, "song": 0.5}
        futures = [pool.submit(fetch, name, s) for name, s in files.items()]
        for future in as_completed(futures):
            print("finished:", future.result())
        mirrors = {"near mirror": 0.2, "broken mirror": 0.5, "far mirror": 1.0}
        names = {pool.submit(fetch, m, s): m for m, s in mirrors.items()}
        for when in (FIRST_COMPLETED, FIRST_EXCEPTION):
            done, not_done = wait(names, return_when=when)
            print(f"{when}: done {sorted(names[f] for f in done)}")

# %%
# One worker, a big file, six small ones. ``cancel()`` stops a task that waits,
# not one that runs (see :ref:`sphx_glr_examples_13_pools_futures_stop_workers.py`).
# The user quits: ``shutdown(cancel_futures=True)`` cancels all tasks still
# waiting. Files 3 and 4 waited too, yet ran: CPython's pool fills a queue to its
# workers with one task more than it has workers, and a task there counts as
# running. Which tasks are there depends on when the pool's thread and the worker
# get their turn; the pauses make this run the same every time.

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=1)
    files = [pool.submit(fetch, "file 1", 0.1), pool.submit(fetch, "big file 2", 1.5)]
    files[0].result()
    time.sleep(0.2)  # the worker is on file 2 now
    files += [pool.submit(fetch, f"file {n}", 0.1) for n in range(3, 9)]
    time.sleep(0.3)  # the pool hands files 3 and 4 to its worker's queue
    print("cancel() file 2:", files[1].cancel(), "file 8:", files[7].cancel())
    pool.shutdown(wait=True, cancel_futures=True)
    print("downloaded:", [f.result() for f in files if not f.cancelled()])
    print("cancelled:", [n for n, f in enumerate(files, 1) if f.cancelled()])

# %%
# .. try-this::
#    :change: max_workers=3
#    :to: max_workers=1
#
#    Give the first pool one worker. In which order do the files finish now?
#
#    .. answer::
#
#       Video, photo, song: one worker fetches them in the order they came in.
