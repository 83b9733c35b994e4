"""The homework's solution: a TCP server with one process per client.

Usage: python homework_server.py PORT    (PORT 0: any free port)

A client sends one line; the server answers with one line, the text in upper
case and the pid of the process that served it, then closes the connection.
Ctrl-C stops the server (on Windows, Ctrl-Break too).
"""

import os
import signal
import socket
import sys
import time
from multiprocessing import Process, active_children


def say(text):
    # One write per whole line: lines of several processes never mix.
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def serve(conn):
    # Runs in a child process, for one client.
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    try:
        with conn, conn.makefile("rw") as stream:
            request = stream.readline().strip()
            say(f"process {os.getpid()}: got {request!r}")
            time.sleep(0.5)  # pretend that the work takes a while
            stream.write(f"process {os.getpid()} served: {request.upper()}\n")
            stream.flush()
    except OSError:
        pass  # the client went away: nothing to answer


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: python homework_server.py PORT")
    # Ctrl-C raises KeyboardInterrupt, even if whoever started us ignores it;
    # on Windows, so does Ctrl-Break.
    for name in ("SIGINT", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.default_int_handler)
    # create_server sets SO_REUSEADDR on POSIX (Windows needs none): a restart
    # can listen on the port at once, even with old connections in TIME_WAIT.
    listener = socket.create_server(("127.0.0.1", int(sys.argv[1])))
    listener.settimeout(0.5)  # wake up twice a second, even with no client
    say(f"serving on port {listener.getsockname()[1]}, Ctrl-C stops me")
    try:
        while True:
            active_children()  # reap finished children: no zombies
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            Process(target=serve, args=(conn,)).start()
            conn.close()  # the child has its own copy
    except KeyboardInterrupt:
        say("stopping")
    finally:
        listener.close()  # no new clients
        for child in active_children():  # they may hold the port too (fork)
            child.terminate()
            child.join()
    say("stopped")


if __name__ == "__main__":
    main()
