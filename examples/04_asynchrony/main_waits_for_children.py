"""
The main program waits for its children
=======================================

A child process goes through three stages: it runs, it ends, and then its parent
collects its exit status. This lesson follows one child through these stages, then
shows that a program does not end before its children, even without ``join()``.
"""

# %%
# Running, ended, collected
# -------------------------
# The child works for half a second. ``child.sentinel`` is a handle that becomes
# ready when the child process ends, and ``wait([child.sentinel])`` (from
# ``multiprocessing.connection``) blocks until then, without collecting the child's
# exit status. ``join()`` then collects it. This lesson needs ``sentinel`` and
# ``wait()`` only to stop at that moment; to wait for a child, you use ``join()``.

# sphinx_gallery_teaches = ["is_alive", "active_children", "sentinel", "connection.wait"]  # noqa: E501
# sphinx_gallery_forward = ["start methods"]

import time
from multiprocessing import Process, active_children
from multiprocessing.connection import wait


def short_task():
    time.sleep(0.5)
    print("child: my work is done, I exit now")


def slow_task(number, start):
    time.sleep(1)
    print(f"child {number}: done, {time.time() - start:.1f} s after the start")


if __name__ == "__main__":
    child = Process(target=short_task, name="child")
    child.start()
    print(f"main: running: is_alive()={child.is_alive()}, exitcode={child.exitcode}")
    wait([child.sentinel])
    print("main: the child has ended; its exit status is not collected yet")
    child.join()
    print(f"main: collected: is_alive()={child.is_alive()}, exitcode={child.exitcode}")

# %%
# While the child runs, ``exitcode`` is ``None``. After ``join()``, it is ``0``: the
# child ended normally.
#
# Between the end of the child and ``join()``, the child was a *zombie process*: a
# process that has finished, but whose exit status its parent has not collected
# yet. On Linux and macOS, the operating system keeps a small entry for it (its pid
# and exit status) until the parent collects it; tools like ``ps`` show it as
# ``<defunct>``. A zombie uses no CPU and almost no memory, but a program that
# creates many children and never collects them fills the process table.
# ``join()`` collects the exit status, and so do ``is_alive()`` and ``exitcode``,
# which check without waiting. (With the ``forkserver`` start method, the real
# parent is the fork server, which collects the exit status itself and passes it on
# to your program. Windows has no zombies. A *start method* is the way
# ``multiprocessing`` creates a child process; a later lesson compares the three:
# :ref:`sphx_glr_examples_11_start_methods_start_methods.py`.)
#
# The program ends after its children
# ------------------------------------
# Now three children work for one second, and the main program does not call
# ``join()`` at all. ``active_children()`` returns the children that are still
# running.

if __name__ == "__main__":
    start = time.time()
    for number in range(3):
        Process(target=slow_task, args=(number, start), name=f"child {number}").start()
    print(f"main: my code is done, {time.time() - start:.1f} s after the start")
    print(f"main: children still running: {len(active_children())}")

# %%
# The main program's code was done almost at once, but the children's lines came
# about one second later: the program was still there, waiting for them. When the
# main code ends, ``multiprocessing`` calls ``join()`` on every child that is still
# running (except *daemon* children, presented in a later lesson). This waits for
# them and collects their exit status, so the program leaves no zombies behind.

# %%
# .. try-this::
#    :change: time.sleep(1)
#    :to: time.sleep(2)
#
#    Let each of the three children of the second part work for two seconds
#    instead of one. Before you look: when does the main program's code end now,
#    and when do the children print?
#
#    .. answer::
#
#       The main code still ends at once, and the children print about two seconds
#       after the start. The program simply waits longer: however long its
#       children work, it ends only after the last of them.
