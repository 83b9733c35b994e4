"""
asyncio and CPU work: a process pool
====================================

An ``asyncio`` program runs its coroutines on one thread, taking turns at each
``await``: a coroutine that computes for a second stops all the others for that
second. ``loop.run_in_executor(pool, func, arg)`` runs ``func(arg)`` in a
``ProcessPoolExecutor`` instead and gives back a future to await, so the event
loop goes on serving the other coroutines while a process computes.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor


def render(scene, seconds):  # CPU-bound: it computes all the time, never waits
    frames, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        frames += 1
    print(f"worker: scene {scene} rendered", flush=True)
    return frames


async def heartbeat(ticks):  # what the program serves meanwhile
    for tick in range(1, ticks + 1):
        await asyncio.sleep(0.2)
        print(f"heartbeat: tick {tick}")


async def render_scene(pool, scene, seconds):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, render, scene, seconds)


async def first_scene(pool):
    print("main: scene 1 goes to the pool")
    frames, _ = await asyncio.gather(render_scene(pool, 1, 1.0), heartbeat(3))
    print(f"main: scene 1 has {frames} frames")


# %%
# ``asyncio.gather()`` runs the render and the heartbeat side by side: the
# heartbeat ticks every 0.2 s while a process of the pool computes for 1 s.

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=1)
    asyncio.run(first_scene(pool))

# %%
# ``asyncio.wait_for(..., timeout)`` gives up on an awaitable that takes too long:
# it cancels it and raises ``TimeoutError``. Scene 2 takes 1.2 s; we wait 0.3 s.


async def second_scene(pool):
    try:
        await asyncio.wait_for(render_scene(pool, 2, 1.2), timeout=0.3)
    except TimeoutError:
        print("main: scene 2 takes more than 0.3 s, I stop waiting for it")
    await heartbeat(2)  # the program goes on
    print("main: my coroutines are done")


if __name__ == "__main__":
    asyncio.run(second_scene(pool))
    pool.shutdown()  # waits until every task of the pool is done
    print("main: the pool is shut down")

# %%
# Cancelling stopped the *waiting*, not the work: the pool cannot interrupt a task
# that a process has started, so the worker renders scene 2 to the end and
# ``shutdown()`` waits for it; its result is thrown away. Only a task that no worker
# has taken yet can be cancelled. Every run prints these lines in this order. To stop
# running work, stop its process
# (:ref:`sphx_glr_examples_14_lifecycle_terminate_and_kill.py`), or, from 3.14,
# ``terminate_workers()`` (:ref:`sphx_glr_examples_13_pools_futures_stop_workers.py`).

# %%
# .. try-this::
#    :change: return await loop.run_in_executor(pool, render, scene, seconds)
#    :to: return render(scene, seconds)
#
#    Call ``render()`` in the coroutine itself instead of in the pool. When does
#    the heartbeat tick now, and what becomes of the timeout?
#
#    .. answer::
#
#       Only after the render: ``render()`` computes without an ``await``, so the
#       event loop's only thread is busy for a whole second and no other coroutine
#       runs. The ticks come after "scene 1 rendered" (printed by the main process
#       now, though the line still says "worker"). Scene 2 shows the other side:
#       ``wait_for()`` cannot interrupt code that never awaits, so the render runs
#       to its end and the timeout never fires.
