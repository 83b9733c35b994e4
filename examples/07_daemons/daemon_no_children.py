"""
A daemon may not have children
==============================

A daemon process is not allowed to start processes of its own. This lesson shows
the error you get when it tries, and why the rule exists.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

from multiprocessing import Process


def helper():
    print("helper: this line is never printed")


def daemon_job():
    print("daemon: I am running, now I try to start a child")
    # raises AssertionError in a daemon
    Process(target=helper, name="helper").start()
    print("daemon: this line is never reached")


# %%
# The main program starts a daemon and waits for it with ``join()``. Inside the
# daemon, ``start()`` fails with an ``AssertionError``. The daemon does not catch it,
# so the exception ends the daemon: its traceback is printed by the daemon process
# itself, and its exit code becomes 1. The main program is not affected.

if __name__ == "__main__":
    p = Process(target=daemon_job, name="daemon", daemon=True)
    p.start()
    p.join()
    print(f"main: the daemon ended with exit code {p.exitcode}")
    print("main: I carry on normally")

# %%
# Read the last line of the traceback: ``daemonic processes are not allowed to have
# children``. The reason: a daemon is terminated abruptly when the main code ends,
# with no chance to clean up. Any children it had would be left running as orphans,
# with nobody to stop them or wait for them.
#
# The rule is checked by an ``assert`` statement inside ``Process.start()``, and
# ``python -O`` removes every ``assert``. Under ``-O`` the daemon would start its
# child without any error, and that child could be left behind. Do not rely on the
# error: follow the rule.
#
# If a background helper needs processes of its own, make it a normal process and
# stop it yourself when you are done (for example with an ``Event`` that tells it to
# finish, followed by ``join()``). Keep in mind, too, that the worker processes of a
# ``multiprocessing.Pool`` are daemons, so a task running in a pool cannot start
# processes either.

# %%
# .. try-this::
#    :change: p.start()
#    :to: p.daemon = False\np.start()
#
#    Run ``daemon_job`` in a normal child: set ``p.daemon = False`` before
#    ``p.start()``. Before you look: what does the program print now, and what is
#    the child's exit code?
#
#    .. answer::
#
#       The rule is about daemons only, so a normal child may start a child of its
#       own: there is no traceback, the exit code is 0, and both lines that said
#       "never" are printed. Which of these two comes first depends on the scheduler.
