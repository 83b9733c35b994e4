"""
Sockets in one process: an echo server and its client
=====================================================

The homework asks for a TCP server, so here are the few socket calls it needs,
in one process and without any concurrency yet. A server *listens* on an
address and a port; ``accept()`` waits for a client and returns a new socket,
connected to that one client. A client *connects* to the server's address and
port. Each side then reads and writes bytes.

TCP carries a stream of bytes, not messages: two ``send()`` calls may arrive
as one ``recv()``, and one may arrive in pieces. So the two sides agree on a
delimiter: here every message is one line, ended by ``"\\n"``. ``makefile()``
wraps a socket in a file object whose ``readline()`` waits until a whole line
has arrived.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import socket

# %%
# Port 0 asks the operating system for any free port; ``getsockname()`` says
# which one we got. The client's connection waits in the listening socket's
# queue until ``accept()`` takes it, so one process can play both sides.

if __name__ == "__main__":
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    print(f"server: listening on 127.0.0.1 port {port}")
    client = socket.create_connection(("127.0.0.1", port))
    conn, address = server.accept()  # a new socket, for this client only
    print(f"server: accepted a client from {address[0]} port {address[1]}")

    to_server = client.makefile("rw")
    to_client = conn.makefile("rw")
    for text in ["hello", "how are you?"]:
        to_server.write(text + "\n")  # the newline ends the message
        to_server.flush()  # send now, not when a buffer is full
        line = to_client.readline()  # waits for a whole line
        print(f"server: got {line!r}, answering in upper case")
        to_client.write(line.upper())
        to_client.flush()
        print(f"client: got {to_server.readline()!r}")

    to_server.close()
    client.close()  # the server reads an empty string: end of stream
    line = to_client.readline()
    print(f"server: after the client closed, readline() gave {line!r}")
    to_client.close()
    conn.close()
    server.close()

# %%
# Closing a file from ``makefile()`` does not close its socket, so each is
# closed on its own. When the client closed its socket, the server's
# ``readline()`` returned ``''``: that is how a server learns that its client
# has gone. The listening socket was closed last; a real server keeps it open
# and calls ``accept()`` again for the next client, as the homework's will.

# %%
# .. try-this::
#    :change: to_server.write(text + "\n")
#    :to: to_server.write(text)
#    :expect: timeout
#    :timeout: 5
#
#    Let the client forget the newline at the end of its message. Before you
#    run it: what does the server's ``readline()`` do now?
#
#    .. answer::
#
#       It waits, and waits: ``readline()`` returns only at a newline or at the
#       end of the stream, and the client sent neither, because it now waits for
#       the answer itself. Both sides wait for each other, so the program never
#       ends; it was stopped after 5 seconds. A message needs an end that
#       both sides agree on, here the newline.
