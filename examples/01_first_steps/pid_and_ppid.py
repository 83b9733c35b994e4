"""
Process IDs and a first child process
=====================================

Every process has a number, its process ID (pid), and knows the pid of the process
that started it, its parent. This lesson prints both for the main program, then
starts a first child process that prints its own.
"""

# %%
# Who am I, and who started me?
# -----------------------------
# ``os.getpid()`` returns the pid of the process that calls it. ``os.getppid()``
# returns the pid of its parent process.

# sphinx_gallery_teaches = ["Process"]
# sphinx_gallery_forward = ["start methods"]

import os
from multiprocessing import Process


def child_task():
    print(f"child: my pid is {os.getpid()}, my parent's pid is {os.getppid()}")


if __name__ == "__main__":
    print(f"main program: my pid is {os.getpid()}")
    print(f"main program: my parent's pid is {os.getppid()}")

# %%
# The parent of the main program is whatever started ``python``: usually the shell
# in your terminal, or your editor. Each time you run the script, the main program
# gets a new pid, while the parent's pid stays the same as long as you run it from
# the same terminal.
#
# A first child process
# ---------------------
# ``Process(target=child_task)`` only describes a new process that will call
# ``child_task()``. The process is created when you call ``start()``. Here
# ``join()`` then waits until the child has finished; a later lesson explains
# ``join()`` in detail.

if __name__ == "__main__":
    child = Process(target=child_task, name="child")
    child.start()
    child.join()
    print(f"main program: my pid is {os.getpid()}, my child's pid was {child.pid}")

# %%
# The child has a pid of its own, different from the main program's pid. Which pid
# it shows for its parent depends on the *start method*, the way
# ``multiprocessing`` creates a child process (see
# :ref:`a later lesson <sphx_glr_examples_11_start_methods_start_methods.py>`).
# With ``fork`` and ``spawn``, the main program creates the child, so the child's
# parent's pid is the main program's pid. With ``forkserver``, the default from
# Python 3.14 on Linux and every other POSIX system except macOS, a small helper
# process, the fork server, creates the children for your program, so
# ``os.getppid()`` in the child shows the fork server's pid: a number that no other
# line shows. The line under the output names the start method of the run shown
# here.
#
# Common mistake: starting a process without ``if __name__ == "__main__":``. See
# :ref:`sphx_glr_examples_23_common_mistakes_no_main_guard.py`.

# %%
# .. try-this::
#    :change: child.join()
#    :to: child.join()\nchild_task()
#
#    After ``child.join()``, let the main program call ``child_task()`` itself. It
#    prints one more line that starts with "child:". Before you look: whose pids
#    are in that line?
#
#    .. answer::
#
#       The main program's own pid, and the pid of its parent, whatever started
#       ``python``. The words "child:" are only text: ``os.getpid()`` and
#       ``os.getppid()`` answer for the process that calls them, and here that is
#       the main program.
