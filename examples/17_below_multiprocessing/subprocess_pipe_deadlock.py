"""
subprocess: the pipe deadlock, and output line by line
======================================================

With ``stdout=subprocess.PIPE``, a child's output goes into a pipe that your program
must read. A pipe holds little (64 KiB on Linux, 16 to 64 KiB on macOS, less on
Windows): a child that prints more waits for a reader, and a parent that waits for
its end before reading waits forever: a deadlock. Then the fix, and lines as they come.

.. index:: ! communicate
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import subprocess
import sys
import time

# The exporter writes a 200 KB report to its standard output, then ends.
EXPORTER = "import sys; sys.stdout.write('x' * 200_000)"

# %%
# ``wait()`` waits for the end and reads nothing. The exporter fills the pipe and
# blocks in ``write()``, so ``wait()`` would wait forever; with ``timeout=1`` it
# raises ``TimeoutExpired``, and the program kills the exporter and reaps it.

if __name__ == "__main__":
    command = [sys.executable, "-c", EXPORTER]
    with subprocess.Popen(command, stdout=subprocess.PIPE) as exporter:
        try:
            print(f"wait() returned {exporter.wait(timeout=1)}")
        except subprocess.TimeoutExpired:
            print("wait() timed out: the exporter is stuck on a full pipe")
            exporter.kill()
            print(f"killed and reaped: exit code {exporter.wait()}")

# %%
# Exit code ``-9``: ``SIGKILL`` ended it (on Windows, ``kill()`` makes it 1). The fix
# is ``communicate()``: it reads the output *while* it waits, to the end, and returns
# it. ``subprocess.run(..., capture_output=True)`` calls it for you.

if __name__ == "__main__":
    exporter = subprocess.Popen(command, stdout=subprocess.PIPE)
    report, _ = exporter.communicate(timeout=30)
    print(f"communicate() read {len(report):,} bytes; exit code {exporter.returncode}")

# %%
# To act on each line as it comes (a progress bar, a log), loop over ``proc.stdout``
# (``text=True`` gives ``str`` lines). A line reaches the pipe only when the child
# *flushes* it: Python writes its output line by line into a terminal, but into a
# pipe it fills a buffer first (8 KiB up to Python 3.13, 128 KiB from 3.14). So run
# the child as ``python -u`` (unbuffered) or let it call ``print(..., flush=True)``.

# The resizer prints a line every 0.3 s, three times.
RESIZER = "import time\nfor n in 1, 2, 3: print(f'photo {n} resized'); time.sleep(0.3)"

if __name__ == "__main__":
    for options in ["-u"], []:
        print(" ".join(["python", *options]) + ":")
        arrived, command = [], [sys.executable, *options, "-c", RESIZER]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as resizer:
            for line in resizer.stdout:  # each line as soon as it is in the pipe
                arrived.append(time.monotonic())
                print(f"  got {line.rstrip()!r}")
        spread = arrived[-1] - arrived[0]
        print(f"  from the first line to the last: over 0.5 s: {spread > 0.5}")

# %%
# .. try-this::
#    :change: 'x' * 200_000
#    :to: 'x' * 20_000
#
#    Let the exporter write 20 KB instead of 200 KB. Does ``wait()`` still time out?
#
#    .. answer::
#
#       Not on Linux or macOS: 20 KB fits in the pipe, and ``wait()`` returns 0 at
#       once. On Windows, whose pipes hold less, it may still hang. The bug hides
#       while outputs are small: use ``communicate()``.
