"""
Mistake: children that are never joined
=======================================

**What you see:** ``ps`` shows children as ``<defunct>`` (state ``Z``), more of them
the longer the program runs.

A child that has ended stays in the system's process table, as a *zombie*
(``<defunct>`` in ``ps``), until its parent collects its exit code. A long-running
program that never joins its children fills the table with them. This is a POSIX
(Linux, macOS) matter; the lesson reads Linux's ``/proc``, so run it on Linux.

.. index:: ! zombie
"""

# %%
# A server starts a mailer for each order and goes on with its work, without
# ``join()``. The lesson reads the mailer's state in ``/proc`` until it has ended,
# and half a second later once more, without collecting its exit code.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing
import time

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def wait_until_ended(pid):
    deadline = time.monotonic() + 30
    while state(pid) not in ("Z", "gone") and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # time for a parent that collects at once to do so


def send_mail(order):
    print(f"mailer: mail for order {order} sent")


if __name__ == "__main__":
    mailer = multiprocessing.Process(target=send_mail, args=(1,), name="mailer")
    mailer.start()
    wait_until_ended(mailer.pid)  # the server goes on with its work
    print(f"main: the mailer has ended, its state is {state(mailer.pid)}")

# %%
# Under ``fork`` and ``spawn`` the state is ``Z``: a zombie. Its memory is freed,
# but its entry in the process table stays until the parent asks for the exit code.
# Under ``forkserver`` the child is not the main program's but the fork server's,
# which collects the exit code at once: no zombie. ``multiprocessing`` also
# collects ended children each time you start a new one or call
# ``active_children()``, so a program keeps a few zombies, not thousands.
# ``subprocess`` does the same for the ``Popen`` objects you drop: it collects a
# dropped one's child at once if it has ended, else keeps it in a list that each new
# ``Popen()`` checks. A ``Popen`` you keep and never ``wait()`` for, or a child of
# ``os.fork()``, stays a zombie until you collect it.
#
# The fix
# -------
# ``join()`` every child (or poll it with ``is_alive()``): ``join()`` collects the
# exit code and the zombie is gone.

if __name__ == "__main__":
    mailer.join()
    print(f"main: after join(), exit code {mailer.exitcode}, state {state(mailer.pid)}")

# %%
# .. try-this::
#    :change: wait_until_ended(mailer.pid)  # the server goes on with its work
#    :to: wait_until_ended(mailer.pid)\nmultiprocessing.active_children()
#
#    Call ``multiprocessing.active_children()`` once the mailer has ended, still
#    without ``join()``. Which state does the main program find?
#
#    .. answer::
#
#       ``gone``, under every start method: ``active_children()`` collects the exit
#       code of every child that has ended, as ``join()`` would, and so removes the
#       zombie from the process table.
