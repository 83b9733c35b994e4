"""
os.fork() and os.waitpid(): the layer below
===========================================

``multiprocessing`` is built on the operating system's own calls. On Linux and
macOS, ``os.fork()`` makes a child, and ``os.waitpid()`` collects its exit status.
This lesson uses them directly, and reads three exit statuses. POSIX only:
Windows has no ``fork()``.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no os.fork().")

# %%
# ``os.fork()`` returns twice: ``0`` in the new child, and the child's pid in the
# parent. Each child ends with ``os._exit()``, which leaves at once, without
# running the parent's code that follows. A child that simply returned would go on
# with the parent's loop and start children of its own.

if __name__ == "__main__":
    children = {}
    for how in ("exits with 0", "exits with 3", "is killed by SIGTERM"):
        sys.stdout.flush()  # a fork copies unwritten output: write it first
        pid = os.fork()
        if pid == 0:  # in the child
            if how == "is killed by SIGTERM":
                os.kill(os.getpid(), signal.SIGTERM)
            os._exit(3 if how == "exits with 3" else 0)
        children[pid] = how  # in the parent

# %%
# The children have ended, but each stays a *zombie* until its parent collects its
# exit status: its pid still exists. ``os.waitpid(pid, 0)`` waits for one child and
# collects it; ``os.wait()`` would take whichever child ends first.

if __name__ == "__main__":
    first = next(iter(children))
    os.kill(first, 0)  # signal 0 only checks that the pid exists; no error here
    print("before waitpid(), the first child's pid still exists")
    for pid, how in children.items():
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        print(f"child that {how}: status {status}, exit code {code}")
        if os.WIFSIGNALED(status):
            print(f"  ended by signal {signal.Signals(os.WTERMSIG(status)).name}")
    try:
        os.kill(first, 0)
    except ProcessLookupError:
        print("after waitpid(), the first child's pid no longer exists")

# %%
# The raw status is a POSIX wait status, which Linux and macOS encode the classic Unix
# way: an exit code ``n`` as ``n * 256`` (768 for 3), a signal as its own number (15
# for ``SIGTERM``), plus 128 if the child also dumped core (the core-dump bit). Do not
# decode it by hand: ``os.waitstatus_to_exitcode()`` (Python 3.9+) turns it into the
# form ``Process.exitcode`` uses, ``3``, or ``-15`` for a signal, as
# ``multiprocessing`` does.
#
# Use ``multiprocessing`` with the ``spawn`` or ``forkserver`` start method rather
# than ``os.fork()`` in real programs. A fork copies only the thread that calls it:
# in a program with threads, a lock that another thread held stays locked in the
# child, which may hang. The ``fork`` start method is ``os.fork()`` too, with the
# same hazard (:ref:`sphx_glr_examples_23_common_mistakes_fork_with_threads.py`).
# Use ``os.fork()`` to learn, or for the rare low-level job, such as the double
# fork of a Unix daemon.

# %%
# .. try-this::
#    :change: 3 if how
#    :to: 259 if how
#
#    Let the second child exit with ``259`` instead of ``3``. Which status and exit
#    code does the parent read?
#
#    .. answer::
#
#       The same as before, status ``768`` and exit code ``3``: the status keeps
#       only the lowest byte of an exit code, so exit codes go from 0 to 255, and
#       259 is 256 + 3. Keep your exit codes below 128: a shell reports a process
#       killed by signal *n* as 128 + *n*.
