"""
asyncio and other programs: subprocesses
========================================

``asyncio.create_subprocess_exec()`` starts another program (``git``, ``ffmpeg``,
another Python...) as a child process and returns a ``Process`` whose output is
read with ``await``: while the program waits for one child's next line, the event
loop serves the others. It works on Linux, macOS and Windows.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import asyncio
import sys
from asyncio.subprocess import PIPE

# The programs are other Pythons here, so the lesson runs everywhere.
STEPS = """import sys, time
steps, pause = int(sys.argv[1]), float(sys.argv[2])
for step in range(1, steps + 1):
    print(f"step {step} of {steps}", flush=True)
    if step < steps:
        time.sleep(pause)
"""


async def read_lines(name, proc):
    while line := await proc.stdout.readline():  # b"" when the pipe is closed
        print(f"main: {name} says {line.decode().strip()!r}")


async def run(name, steps, pause, timeout=10):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", STEPS, str(steps), str(pause), stdout=PIPE
    )
    try:
        await asyncio.wait_for(read_lines(name, proc), timeout)
    except TimeoutError:
        print(f"main: {name} is still running after {timeout} s")
        proc.kill()
    await proc.wait()  # reaps it, killed or not
    print(f"main: {name} ended, returncode {proc.returncode}")


async def two_at_once():
    await asyncio.gather(run("downloader", 3, 0.3), run("resizer", 2, 0.4))


# %%
# Two programs run at once, each printing a line, then pausing. The main program
# prints each line as soon as it comes: the order of the two programs' lines
# follows their timing, which can change a little from run to run.

if __name__ == "__main__":
    asyncio.run(two_at_once())

# %%
# A program that takes too long: ``wait_for()`` stops the reading after 1 s, and
# ``proc.kill()`` stops the program itself; ``await proc.wait()`` then reaps it.

if __name__ == "__main__":
    asyncio.run(run("converter", 3, 1.5, timeout=1))

# %%
# A killed program's ``returncode`` is ``-9`` on Linux and macOS: minus the number of
# the signal that ended it, ``SIGKILL``. On Windows, where ``kill()`` calls
# ``TerminateProcess()``, it is ``1``. Windows' default event loop (the Proactor
# loop) runs subprocesses. Read what a program prints as it comes, or call
# ``await proc.communicate()``: a program whose pipe is full waits until someone
# reads it. :ref:`sphx_glr_examples_17_below_multiprocessing_subprocess_run_programs.py`
# shows ``subprocess``, the same without ``asyncio``.

# %%
# .. try-this::
#    :change: proc.kill()
#    :to: pass
#
#    Do not kill the converter. What does the program print, and when does it end?
#
#    .. answer::
#
#       The reading still stops after 1 s, but ``await proc.wait()`` now waits for
#       the converter to end on its own, after its three steps (3 s), with
#       returncode 0. Its last two lines are never printed: nobody reads the pipe
#       any more. A timeout stops the *waiting*; only ``kill()`` stops the program.
