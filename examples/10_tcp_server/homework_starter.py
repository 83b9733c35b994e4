"""Starter for the homework: a TCP server with one process per client.

Usage: python homework_starter.py PORT

Fill in the three TODOs. Then, in other terminals:
    python homework_client.py PORT "hello"
    python check_server.py 127.0.0.1 PORT --pid PID
or let the checker start it, once per start method:
    python check_server.py --run homework_starter.py
"""

import os
import socket
import sys
from multiprocessing import Process


def serve(conn):
    # Runs in a child process, for one client.
    with conn, conn.makefile("rw") as stream:
        request = stream.readline().strip()
        # TODO 1: answer with one line: the request in upper case and our pid.
        print(f"process {os.getpid()}: got {request!r}", flush=True)


def main():
    port = int(sys.argv[1])
    listener = socket.create_server(("127.0.0.1", port))
    print(f"serving on port {listener.getsockname()[1]}", flush=True)
    while True:
        conn, _ = listener.accept()
        Process(target=serve, args=(conn,)).start()
        conn.close()  # the child has its own copy
        # TODO 2: reap the children that have finished (no zombies).
    # TODO 3: on Ctrl-C, close the listener and stop the children.


if __name__ == "__main__":
    main()
