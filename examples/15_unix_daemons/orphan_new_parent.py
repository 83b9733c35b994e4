"""
Orphans get a new parent
========================

When a parent process ends before its child, the child keeps running: it is an
*orphan*. The operating system gives it a new parent at once. This lesson makes an
orphan and shows its parent's pid before and after, with real pids. POSIX only
(Linux, macOS): Windows does not re-parent processes.

.. index:: ! orphan
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import sys
import time

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows does not re-parent.")


def child():
    first = os.getppid()
    print(f"child: my pid is {os.getpid()}, my parent is {first}", flush=True)
    for _ in range(100):  # wait at most 5 s for my parent to end
        if os.getppid() != first:
            break
        time.sleep(0.05)
    now = os.getppid()
    print(f"child: my parent is now {now}, not {first}: {now != first}", flush=True)
    os._exit(0)  # my end of the pipe closes when I exit


def parent():
    print(f"parent: my pid is {os.getpid()}", flush=True)
    if os.fork() == 0:
        child()
    time.sleep(0.5)
    print("parent: I exit now, without waiting for my child", flush=True)
    os._exit(0)


# %%
# The main program forks a parent, which forks a child and exits half a second
# later without waiting for it. The child watches ``os.getppid()`` until it changes.
# The main program cannot wait for the child, which is not its own: it waits for the
# end of a pipe instead, whose write end the child holds until it exits.

if __name__ == "__main__":
    print(f"main: my pid is {os.getpid()}", flush=True)
    done, write_end = os.pipe()
    if (pid := os.fork()) == 0:
        os.close(done)
        parent()
    os.close(write_end)
    os.waitpid(pid, 0)  # collect the parent's exit status
    print("main: the parent has ended")
    os.read(done, 1)  # returns b"" once the child has exited
    print("main: the orphan has ended too")

# %%
# Some lines may come in another order on your machine: the scheduler decides which
# process runs first (the child's first line and the parent's, or the child's last
# line and "main: the parent has ended"). After the parent exited, the child's
# parent pid changed at once. The new parent is a process that adopts orphans: on a
# plain Linux or macOS system it is ``init`` or ``launchd`` (pid 1), but on Linux a
# process may ask to adopt the orphans among its descendants (a *child subreaper*,
# ``PR_SET_CHILD_SUBREAPER``), as ``systemd --user`` and the program that builds
# this site do. So trust only what this lesson shows: the new parent is not the old
# one. A new parent is expected to collect the orphan's exit status when it ends.
# One that does not leaves it a zombie for good: in a container whose pid 1 is your
# own program rather than an init such as ``tini`` (``docker run --init``), every
# orphan that ends stays a zombie.

# %%
# .. try-this::
#    :change: range(100):  # wait at most 5 s for my parent to end
#    :to: range(1):  # wait at most 0.05 s for my parent to end
#
#    Let the child wait at most 0.05 s for its parent to end, while the parent
#    still sleeps for half a second. What does the child's last line say?
#
#    .. answer::
#
#       That its parent has not changed: the line ends with ``False``. The child
#       looked while its parent was still alive, and a process gets a new parent
#       only when its parent ends.
