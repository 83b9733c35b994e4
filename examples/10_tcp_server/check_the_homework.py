"""
Checking a homework server with check_server.py
===============================================

How do you know that your own server really serves clients at the same time?
The script
:download:`check_server.py </../examples/10_tcp_server/check_server.py>`
checks any server that follows the homework's protocol: **a client connects
and sends one line of text; the server answers with one line that contains that
text in upper case (it may add more, such as the pid that served it) and may
then close the connection.**

Run ``python check_server.py 127.0.0.1 PORT --pid PID`` with your server's port
and pid. It checks that the server (a) answers several clients at once, (b)
serves a second client while a first one is connected and idle, (c) still
accepts clients after others disconnect abruptly, and (d) on Linux, leaves no
zombie children. It exits with 0 when every check passes.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import socket
import subprocess
import sys
import time
from multiprocessing import Process, active_children
from pathlib import Path

CHECKER = Path(__file__).with_name("check_server.py")


def serve(conn):
    # One client, as in the homework's solution.
    try:
        with conn, conn.makefile("rw") as stream:
            request = stream.readline().strip()
            time.sleep(0.2)  # pretend that serving a client takes a while
            stream.write(f"process {os.getpid()} served: {request.upper()}\n")
            stream.flush()
    except OSError:
        pass  # the client went away: nothing to answer


def concurrent_server(listener):
    listener.settimeout(0.2)
    while True:
        active_children()  # collect finished handlers: no zombies
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        Process(target=serve, args=(conn,), name="handler").start()
        conn.close()


def serial_server(listener):
    while True:
        conn, _ = listener.accept()
        serve(conn)  # the next client waits until this one is done


# %%
# Two servers on free ports of 127.0.0.1: the homework's solution, made to run
# until it is stopped, and a serial server. ``active_children()``, called
# between two ``accept()`` calls, collects the exit status of finished handlers,
# so none is left as a zombie. To run this page yourself, put
# ``check_server.py`` in the same folder.

if __name__ == "__main__":
    for name, server in [("concurrent", concurrent_server), ("serial", serial_server)]:
        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        process = Process(target=server, args=(listener,), name=f"{name} server")
        process.start()
        listener.close()  # the server process has its own copy
        try:
            args = ["127.0.0.1", str(port), "--pid", str(process.pid)]
            print(f"the {name} server: python check_server.py {' '.join(args)}")
            run = [sys.executable, CHECKER, *args]
            check = subprocess.run(run, capture_output=True, text=True, timeout=60)
            print(check.stdout, end="")
            print(f"exit status: {check.returncode}")
        finally:  # stop the server, whatever happened
            process.terminate()
            process.join()

# %%
# The serial server fails check (b): while it waits for the first client's
# line, the second client gets no answer. Its other checks pass: a serial server
# looks fine as long as its clients come one after the other. Elsewhere than on
# Linux, the checker says that it skipped check (d).
