"""
Check a homework TCP server
===========================

Usage: ``python check_server.py HOST PORT [--pid PID]``

The protocol: a client connects and sends one line of text; the server answers
with one line that contains that text in upper case (it may add more, such as
the pid that served it) and may then close the connection. This script talks
only to HOST:PORT, bounds every wait, prints one verdict per check, and exits
with 0 when every check passes, 1 otherwise.
"""

import argparse
import socket
import struct
import sys
import threading
import time
from pathlib import Path

WAIT = 3.0  # seconds: the longest any single wait may take


def ask(address, text, wait=WAIT):
    """Send one line and return the server's answer line ('' if none came)."""
    with socket.create_connection(address, timeout=wait) as sock:
        sock.sendall(text.encode() + b"\n")
        return read_line(sock, wait)


def read_line(sock, wait):
    sock.settimeout(wait)
    data = b""
    try:
        while not data.endswith(b"\n"):
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
    except OSError:  # a timeout or a reset: no (whole) answer
        pass
    return data.decode(errors="replace")


def answers_each_client(address):
    texts = [f"check client {i} says hello" for i in range(1, 4)]
    answers = {}

    def client(text):
        try:
            answers[text] = ask(address, text)
        except OSError as error:
            answers[text] = f"<{type(error).__name__}>"

    threads = [threading.Thread(target=client, args=(t,), daemon=True) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT + 1)
    good = sum(t.upper() in answers.get(t, "") for t in texts)
    return good == len(
        texts
    ), f"{good} of {len(texts)} clients at once got their answer"


def serves_while_another_waits(address):
    with socket.create_connection(address, timeout=WAIT):  # connected, silent
        time.sleep(0.2)
        try:
            answer = ask(address, "second client while the first is idle")
        except OSError:
            answer = ""
    ok = "SECOND CLIENT WHILE THE FIRST IS IDLE" in answer
    if ok:
        return True, "a second client was served while the first was connected and idle"
    return False, f"no answer within {WAIT:.0f} s while another client was connected"


def survives_abrupt_disconnects(address):
    for i in range(3):
        with socket.create_connection(address, timeout=WAIT) as sock:
            if i == 1:
                sock.sendall(b"half a line, no newline")
            # Close with a reset (RST) instead of a polite goodbye.
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
    try:
        answer = ask(address, "still there after the rude ones")
    except OSError:
        answer = ""
    ok = "STILL THERE AFTER THE RUDE ONES" in answer
    return (
        ok,
        "a new client was served after 3 clients disconnected abruptly"
        if ok
        else ("no correct answer to a new client after 3 abrupt disconnects"),
    )


def zombies_of(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def leaves_no_zombies(pid):
    if not Path(f"/proc/{pid}").exists():
        return False, f"there is no process {pid} to check"
    deadline = time.monotonic() + 2.5
    while (zombies := zombies_of(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    if zombies:
        return False, f"{len(zombies)} zombie children 2.5 s after the clients left"
    return True, "no zombie children after the clients left"


def main():
    parser = argparse.ArgumentParser(description="Check a homework TCP server.")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--pid", type=int, help="the server's pid (Linux only)")
    args = parser.parse_args()
    address = (args.host, args.port)
    try:
        socket.create_connection(address, timeout=WAIT).close()
    except OSError as error:
        print(f"cannot connect to {args.host}:{args.port} ({type(error).__name__}):")
        print("is the server running, on that address and port?")
        return 1
    checks = [
        ("(a) answers", answers_each_client),
        ("(b) concurrency", serves_while_another_waits),
        ("(c) abrupt disconnects", survives_abrupt_disconnects),
    ]
    results = []
    for label, check in checks:
        ok, detail = check(address)
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {label}: {detail}")
    if args.pid is None:
        print("SKIP (d) zombies: give --pid PID to check (Linux only)")
    elif not Path("/proc/self/stat").exists():
        print("SKIP (d) zombies: this check needs Linux (/proc)")
    else:
        ok, detail = leaves_no_zombies(args.pid)
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} (d) zombies: {detail}")
    verdict = "all checks passed" if all(results) else "some checks failed"
    print(f"verdict: {verdict}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
