"""
A Unix daemon: a detached background service
============================================

On Unix, a *daemon* is a background service with no terminal, such as ``sshd``.
This lesson starts a real one with the classic double fork and stops it cleanly
with ``SIGTERM``. POSIX only (Linux, macOS): Windows has no ``fork()``.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys
import time

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no os.fork().")


def start_daemon():
    if (first := os.fork()) > 0:
        os.waitpid(first, 0)  # the first child exits at once: collect it
        return
    os.setsid()  # a new session, with no controlling terminal
    if os.fork() > 0:
        os._exit(0)  # the session leader leaves; its child is the daemon
    os.umask(0o022)  # not the umask it inherited
    log = os.open("daemon.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # stdin: not the terminal
    os.dup2(log, 1)  # stdout and stderr go to the log file
    os.dup2(log, 2)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # every descriptor it inherited
    signal.signal(signal.SIGTERM, lambda *_: sys.exit())  # raise SystemExit
    try:
        print("daemon: started, waiting for a signal", flush=True)
        with open("daemon.pid", "w") as pid_file:  # written last: "I am ready"
            pid_file.write(str(os.getpid()))
        while True:
            signal.pause()  # wait for a signal
    finally:
        print("daemon: got SIGTERM, cleaning up and exiting", flush=True)
        os.unlink("daemon.pid")
        os._exit(0)  # never return into the main program's code


def wait_until(condition):
    for _ in range(100):  # at most 5 s
        if condition():
            return
        time.sleep(0.05)


# %%
# ``start_daemon()`` forks twice. The first child calls ``os.setsid()``, which
# detaches it from the terminal, forks the daemon and exits, so the daemon can never
# get a terminal again. The daemon lets go of what it inherited (the next lesson
# shows why), logs to a file, writes its pid file, and waits where a real one would
# serve its clients on a socket.

if __name__ == "__main__":
    start_daemon()  # nothing printed yet: no unwritten output to copy
    wait_until(lambda: os.path.exists("daemon.pid") and os.path.getsize("daemon.pid"))
    with open("daemon.pid") as pid_file:
        pid = int(pid_file.read())
    print(f"main: the pid file says the daemon is pid {pid}")
    print(f"main: it is in a session of its own: {os.getsid(pid) != os.getsid(0)}")
    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not os.path.exists("daemon.pid"))
    print(f"main: sent SIGTERM; the pid file is there: {os.path.exists('daemon.pid')}")
    with open("daemon.log") as log:
        print("main: the daemon's log file says:\n", *log, sep="  ", end="")
    os.unlink("daemon.log")

# %%
# The daemon has no terminal: all it printed went to its log file.
# The handler turned ``SIGTERM`` into ``SystemExit``, so the ``finally`` block ran
# and removed the pid file: the clean stop that ``kill <pid>`` asks of a daemon.

# %%
# .. try-this::
#    :change: signal.signal(signal.SIGTERM, lambda
#    :to: # signal.signal(signal.SIGTERM, lambda
#
#    Comment out the line that gives the daemon its ``SIGTERM`` handler. Does
#    ``SIGTERM`` still stop the daemon? Is its pid file still there, and what does
#    its log say?
#
#    .. answer::
#
#       ``SIGTERM`` still stops it, at once: without a handler there is no
#       ``SystemExit``, so the ``finally`` block never runs. The log has no
#       "cleaning up" line, and ``daemon.pid`` stays behind: a stale pid file,
#       naming a process that no longer exists. Delete it before you run the
#       lesson again.
