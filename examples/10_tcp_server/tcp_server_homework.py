"""
Homework: a TCP server with one process per client
==================================================

**The exercise.** Write a TCP server that serves each client in its own process.
Start three clients; each one connects, sends a message and prints the reply. The
reply must name the pid of the process that served the client, so you can see that
different processes did the work. When all clients are done, everything must shut
down by itself. Try it yourself first, then compare with the solution below.

**The protocol.** A client connects and sends one line of text; the server
answers with one line that contains that text in upper case (it may add more,
such as the pid that served it) and may then close the connection. The next
lesson's :download:`check_server.py </../examples/10_tcp_server/check_server.py>`
checks any server that follows it.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["start methods"]

import os
import socket
import time
from multiprocessing import Process


def serve(conn):
    # Runs in its own process: one process per connection.
    with conn, conn.makefile("rw") as stream:
        request = stream.readline().strip()
        print(f"server process {os.getpid()}: got {request!r}")
        time.sleep(0.5)  # pretend that serving a client takes a while
        stream.write(f"process {os.getpid()} served: {request.upper()}\n")
        stream.flush()


def client(name, port):
    address = ("127.0.0.1", port)
    with socket.create_connection(address) as sock, sock.makefile("rw") as stream:
        stream.write(f"hello from client {name}\n")
        stream.flush()
        reply = stream.readline().strip()
    print(f"client {name} got the reply: {reply}")


# %%
# **The solution.** The server listens on 127.0.0.1 with port 0, which asks the
# operating system for any free port; ``getsockname()`` tells us which one we got.
# Each ``accept()`` returns a new socket for one client, and the server hands that
# socket to a new ``Process``. Sockets can be passed as process arguments with every
# :ref:`start method <sphx_glr_examples_11_start_methods_start_methods.py>`
# (the way ``multiprocessing`` creates a child). Afterwards the parent closes its
# own copy of the socket: the child
# has its own, and the connection ends when the child closes it.
#
# Each message is one line of text, read with ``readline()``; a single ``recv()``
# could return only part of a message. The order of the lines may differ on your
# machine, because clients and server processes run at the same time.

if __name__ == "__main__":
    start = time.perf_counter()
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(10)  # never wait forever if a client fails to connect
        port = server.getsockname()[1]
        clients = [
            Process(target=client, args=(name, port), name=f"client {name}")
            for name in "ABC"
        ]
        for p in clients:
            p.start()
        handlers = []
        for number in range(1, len(clients) + 1):
            conn, _ = server.accept()
            handler = Process(target=serve, args=(conn,), name=f"handler {number}")
            handler.start()
            print(f"main: accepted a client, process {handler.pid} serves it")
            conn.close()  # the handler process has its own copy
            handlers.append(handler)
    # Leaving the "with" block closed the listening socket.
    for p in clients + handlers:
        p.join()
    pids = {p.pid for p in handlers}
    print(f"{len(pids)} different server processes served {len(clients)} clients")
    print(f"total time: {time.perf_counter() - start:.1f} s")

# %%
# Each client got a reply from a different process: the pid in every reply is the
# pid of the handler process that served that client. The main server process only
# accepted connections and started handlers, so it was free to accept the next
# client while earlier ones were still being served. That is why three clients that
# each need 0.5 s were all served in little more than 0.5 s, not in 1.5 s.
#
# Once the three clients were accepted, the server closed its listening socket, and
# ``join()`` waited for every client and handler process, so nothing is left running.
