"""
What a daemon lets go of
========================

A process inherits its caller's stdin (often the terminal), its umask and every
open file descriptor. A daemon outlives its caller, so it lets go of all three.
This lesson checks each in a real daemon. POSIX only (Linux, macOS).
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import select
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
    null = os.path.samestat(os.fstat(0), os.stat(os.devnull))
    print(f"daemon: my stdin is {os.devnull}: {null}", flush=True)
    with open("daemon.pid", "w") as pid_file:  # written last: "I am ready"
        pid_file.write(str(os.getpid()))
    signal.pause()  # SIGTERM, with no handler, ends the daemon here
    os._exit(0)  # never return into the main program's code


# %%
# The main program holds a pipe when it starts the daemon, as any program talking to
# another one through a pipe may: a reader of the pipe gets to its end only when no
# process holds its write end any more.

if __name__ == "__main__":
    done, kept = os.pipe()  # the daemon gets a copy of both ends
    start_daemon()  # nothing printed yet: no unwritten output to copy
    os.close(kept)
    for _ in range(100):  # wait at most 5 s for the daemon's pid file
        if os.path.exists("daemon.pid") and os.path.getsize("daemon.pid"):
            break
        time.sleep(0.05)
    with open("daemon.pid") as pid_file:
        pid = int(pid_file.read())
    at_end = select.select([done], [], [], 0)[0] == [done]  # would not block
    print(f"main: the pipe is at its end, the daemon kept no copy: {at_end}")
    print(f"main: the log file's mode is {oct(os.stat('daemon.log').st_mode & 0o777)}")
    os.kill(pid, signal.SIGTERM)  # no handler: it ends at once
    with open("daemon.log") as log:
        print("main: the daemon's log file says:\n", *log, sep="  ", end="")
    for name in ("daemon.log", "daemon.pid"):
        os.unlink(name)
    os.close(done)

# %%
# A daemon that kept the write end would keep that reader waiting as long as it
# runs. The log got the mode asked for, whatever the caller's umask (``0o077`` would
# hide it from other users); ``os.open()`` without a mode would make it executable,
# ``0o755``. A real daemon also calls ``os.chdir("/")``, so that it keeps no folder
# in use; this one stays in the lesson's folder. Under systemd, do not fork at all: a
# service runs in the foreground (``Type=simple``, or ``Type=notify`` to say when
# it is ready), and systemd gives it no terminal, logs its output and stops it.

# %%
# .. try-this::
#    :change: os.closerange(3, os.sysconf("SC_OPEN_MAX"))
#    :to: pass
#
#    Remove the line that closes the inherited descriptors. What does the main
#    program find at the end of its pipe?
#
#    .. answer::
#
#       That the pipe is not at its end (``False``): the daemon still holds a copy
#       of the write end. Reading the pipe would block until the daemon ends.
