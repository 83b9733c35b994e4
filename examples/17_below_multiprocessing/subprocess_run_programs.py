"""
subprocess: running other programs
==================================

``multiprocessing`` runs *Python functions* in other processes. To run another
*program* (``git``, ``ffmpeg``, a shell command, another Python script), use
``subprocess``: it starts the program as a child process, can feed it input and
read its output, and gives you its exit code. It works on Linux, macOS and Windows.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import subprocess
import sys

# The child is another Python here, so the lesson runs everywhere; any program works.
CHILD = "import sys; text = sys.stdin.read(); print(text.upper()); sys.exit(len(text))"

# %%
# ``subprocess.run()`` starts the program, waits until it ends, and returns a
# ``CompletedProcess`` with its exit code and, with ``capture_output=True``, what it
# printed. ``input=`` is sent to its standard input. ``timeout=`` bounds the wait:
# if the program takes longer, it is killed and ``TimeoutExpired`` is raised.

if __name__ == "__main__":
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input="hello",
        capture_output=True,
        text=True,
        timeout=30,
    )
    print(f"exit code {done.returncode}, printed {done.stdout.strip()!r}")

# %%
# With ``check=True``, a non-zero exit code raises ``CalledProcessError``, so a
# failed command cannot go unnoticed. ``Popen`` is the lower-level form: it starts
# the program and returns at once, like ``Process.start()``; ``wait()`` is its
# ``join()``.

if __name__ == "__main__":
    try:
        subprocess.run([sys.executable, "-c", "import sys; sys.exit(2)"], check=True)
    except subprocess.CalledProcessError as error:
        print(f"CalledProcessError: exit code {error.returncode}")
    child = subprocess.Popen([sys.executable, "-c", "print('the child runs')"])
    print(f"Popen returned at once; exit code so far: {child.poll()}")
    print(f"after wait(): exit code {child.wait(timeout=30)}")

# %%
# The child's own output went straight to the terminal, so "the child runs" may come
# before or after the line printed right after ``Popen``: the scheduler decides.
#
# Which tool when? Run another program: ``subprocess``. Run a Python function in
# parallel, with arguments and results passed as Python objects: ``multiprocessing``
# or ``concurrent.futures``. Call ``os.fork()`` and ``os.waitpid()`` yourself: only
# to learn how processes work, or for a low-level job on POSIX such as a Unix daemon.
# Pass the command as a list, not as one string with ``shell=True``: the list needs
# no quoting, and text from a user cannot become a second command.

# %%
# .. try-this::
#    :change: input="hello",
#    :to: input="hello, world",
#
#    Send ``"hello, world"`` to the child instead of ``"hello"``. Which exit code
#    and which output does the first ``subprocess.run()`` report?
#
#    .. answer::
#
#       Exit code 12 and ``'HELLO, WORLD'``: the child prints what it read on its
#       standard input in capitals, and exits with its length. A program's exit code
#       is whatever it chooses; only 0 means "success".
