"""
Mistake: Ctrl-C with a Pool
===========================

**What you see:** after Ctrl-C, a ``KeyboardInterrupt`` from every worker, each with
its traceback, tasks that are lost, or a program that never ends.

Ctrl-C in a terminal sends the signal ``SIGINT`` to every process of the program:
the main program and each worker of the pool. Without care, every worker dies with
a traceback, their tasks are lost, and a program that then waits for the pool hangs.
"""

# %%
# The shop resizes two photos in a pool. Once both workers are busy, the lesson
# presses Ctrl-C: it sends ``SIGINT`` to the workers and to itself, as a terminal
# would. On Ctrl-C, the main program tries to let the pool finish its work.
#
# A ``Pool`` is a group of worker processes that run the tasks you hand it
# (:ref:`sphx_glr_examples_13_pools_pool_map.py` presents it); ``map_async()``
# hands it a list of tasks and returns at once, without waiting for the results.

# sphinx_gallery_teaches = ["map_async"]
# sphinx_gallery_forward = ["Pool"]

import multiprocessing
import os
import signal
import time


def name_worker(started, ignore_ctrl_c):
    multiprocessing.current_process().name = "resizer"
    if ignore_ctrl_c:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    global busy
    busy = started


def resize(photo):
    busy.release()  # tell the main program this worker is busy
    time.sleep(10)
    return f"{photo} resized"


def press_ctrl_c():
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGINT)
    os.kill(os.getpid(), signal.SIGINT)


def resize_all(ignore_ctrl_c):
    started = multiprocessing.Semaphore(0)
    pool = multiprocessing.Pool(2, name_worker, (started, ignore_ctrl_c))
    photos = pool.map_async(resize, ["cat.jpg", "dog.jpg"])
    try:
        for _ in range(2):
            started.acquire(timeout=30)
        time.sleep(0.5)  # let both workers reach sleep()
        press_ctrl_c()
        print(photos.get(timeout=30))
    except KeyboardInterrupt:
        return pool, photos


if __name__ == "__main__":
    pool, photos = resize_all(ignore_ctrl_c=False)
    print("main: Ctrl-C! Waiting for the pool to finish the photos")
    pool.close()
    photos.wait(timeout=3)  # pool.join() here would wait for ever
    print(f"main: after 3 s, the photos are ready: {photos.ready()}")
    pool.terminate()
    pool.join()

# %%
# Each worker got ``KeyboardInterrupt`` in the middle of its task and died, printing
# a traceback. The pool replaced the workers, but the tasks they were doing are gone:
# their results will never arrive, so ``pool.join()`` after ``close()`` (or a
# ``map()`` that catches the interrupt) waits for ever.
#
# The fix
# -------
# Let only the main program handle Ctrl-C: each worker ignores ``SIGINT`` (in the
# pool's ``initializer``), and on ``KeyboardInterrupt`` the main program calls
# ``pool.terminate()``, which stops the workers, then ``pool.join()``.

if __name__ == "__main__":
    pool, photos = resize_all(ignore_ctrl_c=True)
    print("main: Ctrl-C! Stopping the pool")
    pool.terminate()
    pool.join()
    print(f"main: {len(multiprocessing.active_children())} workers left")

# %%
# .. try-this::
#    :change: photos.wait(timeout=3)  # pool.join() here would wait for ever
#    :to: pool.join()  # wait for the pool, as programs usually do
#    :expect: timeout
#    :timeout: 10
#
#    Replace the bounded wait with ``pool.join()``, as a program that closes its
#    pool usually does. What happens after the Ctrl-C?
#
#    .. answer::
#
#       The program hangs. The workers died with their tasks; the pool replaced
#       them, but the photos they were resizing will never be done, and ``join()``
#       after ``close()`` waits for them for ever. The program was stopped
#       after 10 s.
