"""
A Unix daemon: a detached background service
============================================

On Unix, a *daemon* is a background service with no terminal, such as ``sshd``.
This lesson starts a real one with the classic double fork, checks that it runs,
talks to it, and stops it cleanly with ``SIGTERM``. POSIX only (Linux, macOS):
Windows has no ``fork()``, and makes its services differently.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import socket
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
    log = os.open("echo.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)  # stdout and stderr go to the log file
    os.dup2(log, 2)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit())  # raise SystemExit
    server = socket.socket(socket.AF_UNIX)
    server.bind("echo.sock")
    server.listen()
    with open("echo.pid", "w") as pid_file:  # written last: "I am ready"
        pid_file.write(str(os.getpid()))
    print("daemon: started, listening on echo.sock", flush=True)
    try:
        while True:
            client, _ = server.accept()
            with client:
                text = client.recv(1024).decode()
                print(f"daemon: answered {text!r}", flush=True)
                client.sendall(text.upper().encode())
    finally:
        print("daemon: got SIGTERM, cleaning up and exiting", flush=True)
        os.unlink("echo.sock")
        os.unlink("echo.pid")
        os._exit(0)  # never return into the main program's code


def wait_until(condition):
    for _ in range(100):  # at most 5 s
        if condition():
            return
        time.sleep(0.05)


def running(pid):
    try:
        os.kill(pid, 0)  # signal 0 only checks that the pid exists
    except ProcessLookupError:
        return False
    return True


# %%
# ``start_daemon()`` forks twice. The first child calls ``os.setsid()``, which
# detaches it from the terminal, forks the daemon and exits, so the daemon can never
# get a terminal again. Its parent has exited: the daemon is an orphan, adopted by
# another process. It writes its pid file when it is ready, and logs to a file.

if __name__ == "__main__":
    sys.stdout.flush()  # a fork copies unwritten output: write it first
    start_daemon()
    wait_until(lambda: os.path.exists("echo.pid") and os.path.getsize("echo.pid"))
    with open("echo.pid") as pid_file:
        pid = int(pid_file.read())
    print(f"main: the pid file says the daemon is pid {pid}")
    print(f"main: it is in a session of its own: {os.getsid(pid) != os.getsid(0)}")
    with socket.socket(socket.AF_UNIX) as client:
        client.connect("echo.sock")
        client.sendall(b"hello, daemon")
        print(f"main: sent 'hello, daemon', got back {client.recv(1024).decode()!r}")
    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not running(pid))
    print(f"main: sent SIGTERM; the daemon is still running: {running(pid)}")
    print(f"main: its pid file is still there: {os.path.exists('echo.pid')}")
    print("main: the daemon's log file says:")
    with open("echo.log") as log:
        print("".join("  " + line for line in log), end="")
    os.unlink("echo.log")

# %%
# The daemon printed nothing on the terminal: it has none. Its output went to its
# log file, which the main program showed (and removed, so a second run prints the
# same). The handler turned ``SIGTERM`` into ``SystemExit``, so the daemon's
# ``finally`` block ran: it removed its socket and its pid file. That is the clean
# stop that ``kill <pid>`` or ``systemctl stop`` asks of a real daemon.
# A real daemon also calls ``os.chdir("/")``; this one stays in the lesson's folder.

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
#       "cleaning up" line, and ``echo.pid`` and ``echo.sock`` stay behind: a stale
#       pid file, naming a process that no longer exists. Delete both files before
#       you run the lesson again.
