"""A client for the homework's server.

Usage: python homework_client.py PORT [MESSAGE]

Sends MESSAGE (default: hello) as one line to the server on 127.0.0.1 PORT and
prints the server's one-line answer.
"""

import socket
import sys


def main():
    if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit():
        sys.exit("usage: python homework_client.py PORT [MESSAGE]")
    message = sys.argv[2] if len(sys.argv) == 3 else "hello"
    address = ("127.0.0.1", int(sys.argv[1]))
    sock = socket.create_connection(address, timeout=10)
    with sock, sock.makefile("rw") as stream:
        stream.write(message + "\n")  # one message is one line
        stream.flush()
        answer = stream.readline().strip()
    # One write for the whole line, newline included.
    sys.stdout.write(f"client {message!r} got: {answer}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
