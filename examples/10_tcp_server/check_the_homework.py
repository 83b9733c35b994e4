"""
Checking a homework server with check_server.py
===============================================

How do you know that your own server really serves clients at the same time?
The script
:download:`check_server.py </../examples/10_tcp_server/check_server.py>`
checks any server that follows the homework's protocol: **a client connects
and sends one line of text; the server answers with one line that contains
that text in upper case (it may add more, such as the pid that served it) and
may then close the connection.**

Run ``python check_server.py 127.0.0.1 PORT --pid PID`` with your server's port
and pid. It checks that the server (a) answers several clients at once, (b)
serves a second client while a first one is connected and idle, (c) still
accepts clients after others disconnect abruptly, and (d) on Linux, leaves no
zombie children. It exits with 0 when no check fails.

The checker prints in English in both languages of this course: its verdicts
(``PASS``, ``FAIL``, ``SKIP``, ``CANNOT FAIL HERE``) and messages are output,
like every program's output here. Its comments and docstrings are in the
language of the page you download it from.

Or let it start your server itself: ``python check_server.py --run server.py``
runs ``python server.py PORT`` on a free port under each of the
:ref:`start methods <sphx_glr_examples_11_start_methods_start_methods.py>` in
turn, the ways a child process is made (``--start-method fork`` for one only),
in a process group of its own. After (a) to (d), it presses Ctrl-C and checks
that (e) the server stops with exit status 0, no traceback and no process left,
and (f) starts again at once on the same port. A check that cannot catch its
mistake under a start method prints
``CANNOT FAIL HERE`` and says why, never ``PASS``: under ``forkserver``, the fork
server reaps the children, so zombies cannot show. The homework page
:doc:`shows such a run <tcp_server_homework>`.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["start methods"]

import signal
import socket
import subprocess
import sys
from contextlib import suppress
from multiprocessing import Process
from pathlib import Path

HERE = Path(__file__).parent


def serial_server(listener):
    while True:
        conn, _ = listener.accept()
        # The next client waits until this one is done (or has gone away).
        with suppress(OSError), conn, conn.makefile("rw") as stream:
            stream.write(stream.readline().upper())
            stream.flush()


def check(name, port, pid):
    args = ["127.0.0.1", str(port), "--pid", str(pid)]
    print(f"the {name} server: python check_server.py {' '.join(args)}")
    run = [sys.executable, HERE / "check_server.py", *args]
    done = subprocess.run(run, capture_output=True, text=True, timeout=60)
    print(f"{done.stdout}exit status: {done.returncode}")


# %%
# Two servers on free ports of 127.0.0.1: the homework's solution,
# ``homework_server.py``, run as a program and stopped as Ctrl-C would, and a
# serial server that serves one client after the other. To run this page
# yourself, put ``check_server.py`` and ``homework_server.py`` next to it.

if __name__ == "__main__":
    group = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)  # Windows only
    command = [sys.executable, HERE / "homework_server.py", "0"]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, creationflags=group
    )
    port = server.stdout.readline().split()[3].rstrip(",")
    check("solution", port, server.pid)
    server.send_signal(getattr(signal, "CTRL_BREAK_EVENT", signal.SIGINT))
    server.communicate(timeout=30)

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    process = Process(target=serial_server, args=(listener,))
    process.start()
    listener.close()  # the server process has its own copy
    try:
        check("serial", port, process.pid)
    finally:
        process.terminate()
        process.join()

# %%
# The serial server fails check (b): while it waits for the first client's
# line, the second client gets no answer. Its other checks pass: a serial server
# looks fine as long as its clients come one after the other. Elsewhere than on
# Linux, the checker says that it skipped check (d); when the solution's
# children come from a fork server (``forkserver``, Linux's default from Python
# 3.14), it says that check (d) cannot fail there.

# %%
# .. try-this::
#    :change: print(f"{done.stdout}exit status: {done.returncode}")
#    :to: print(f"exit status: {done.returncode}")
#
#    Print only the checker's exit status. Which status does each server get?
#
#    .. answer::
#
#       0 for the solution, which fails no check, and 1 for the serial server,
#       which fails one. A script or a CI job can use that status without
#       reading the report.
