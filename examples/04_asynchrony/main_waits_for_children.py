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
# exit status. ``join()`` then collects it.

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
# to your program. Windows has no zombies.)
#
# The program ends after its children
# ------------------------------------
# Now three children work for one second, and the main program does not call
# ``join()`` at all.

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
