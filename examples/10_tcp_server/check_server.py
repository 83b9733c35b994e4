"""
Check a homework TCP server
===========================

Usage:

- ``python check_server.py HOST PORT [--pid PID]`` checks a server that is
  already running on HOST:PORT (with ``--pid``, on Linux, its zombies too).
- ``python check_server.py --run SERVER.py [--start-method fork|forkserver|spawn|all]``
  starts ``python SERVER.py PORT`` itself on a free port, once per start method
  (default ``all``: each one this system has), in a process group of its own.
  It runs the same checks, then presses Ctrl-C (SIGINT to the group, as a
  terminal does) and checks that the server stops cleanly and can start again
  at once on the same port. Needs a POSIX system; the zombie check needs Linux.
  The start method is set before your server's code runs, so a server that
  calls ``set_start_method()`` itself fails under ``--run``.

The protocol: a client connects and sends one line of text; the server answers
with one line that contains that text in upper case (it may add more, such as
the pid that served it) and may then close the connection.

Each check prints PASS, FAIL, SKIP (it cannot run on this system), or CANNOT
FAIL HERE (under this start method the mistake it looks for cannot be seen; it
says why). Every wait is bounded. The exit status is 0 when no check failed,
1 otherwise.
"""

import argparse
import contextlib
import multiprocessing
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WAIT = 5.0  # seconds: the longest any single wait for an answer may take
REAP_WAIT = 3.0  # seconds: how long a finished child may stay a zombie
STOP_WAIT = 10.0  # seconds: how long a server may take to stop after Ctrl-C
START_WAIT = 10.0  # seconds: how long a server may take to start listening
HAVE_PROC = Path("/proc/self/stat").exists()
# SO_LINGER on, with a linger time of 0: close() sends a reset (RST). The struct
# linger is two ints on POSIX but two unsigned shorts on Windows.
LINGER_RESET = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)
# The command lines of multiprocessing's helpers: not children that serve.
HELPER = r"multiprocessing\.(forkserver|resource_tracker) import main"
METHODS = ["fork", "forkserver", "spawn"]
# Run SERVER.py as __main__, unchanged, under the start method given.
WRAPPER = """\
import multiprocessing, os, runpy, sys
method, script, port = sys.argv[1:]
multiprocessing.set_start_method(method, force=True)
sys.argv[:] = [script, port]
sys.path[0] = os.path.dirname(os.path.abspath(script))
runpy.run_path(script, run_name="__main__")
"""


def ask(address, text, wait=WAIT):
    """Send one line and return the server's answer line ('' if none came)."""
    with socket.create_connection(address, timeout=wait) as sock:
        sock.sendall(text.encode() + b"\n")
        return read_line(sock, wait)


def read_line(sock, wait):
    """Read up to a newline, the end of the connection, or ``wait`` seconds."""
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
    """(a) Three clients at once each get their own line back in upper case."""
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
    detail = f"{good} of {len(texts)} clients at once got their answer"
    return good == len(texts), detail


def serves_while_another_waits(address):
    """(b) A second client is served while a first one is connected and silent."""
    # connect() returns once the server's system queued the connection, so the
    # silent one is accepted first.
    try:
        with socket.create_connection(address, timeout=WAIT):
            answer = ask(address, "second client while the first is idle")
    except OSError:
        answer = ""
    if "SECOND CLIENT WHILE THE FIRST IS IDLE" in answer:
        return True, "a second client was served while the first was connected and idle"
    return False, f"no answer within {WAIT:.0f} s while another client was connected"


def survives_abrupt_disconnects(address):
    """(c) After three clients vanish (one mid-line), a new client is served."""
    try:
        for i in range(3):
            with socket.create_connection(address, timeout=WAIT) as sock:
                if i == 1:
                    sock.sendall(b"half a line, no newline")
                # Close with a reset (RST) instead of a polite goodbye.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RESET)
        answer = ask(address, "still there after the rude ones")
    except OSError:
        answer = ""
    if "STILL THERE AFTER THE RUDE ONES" in answer:
        return True, "a new client was served after 3 clients disconnected abruptly"
    return False, "no correct answer to a new client after 3 abrupt disconnects"


def processes():
    """(pid, state, ppid, process group) of every process, read from /proc."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # it ended while we looked
        yield int(stat.parent.name), fields[0], int(fields[1]), int(fields[2])


def command_line(pid):
    """The command line of ``pid``, as one string ('' if it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def is_helper(pid):
    """Is ``pid`` multiprocessing's fork server or resource tracker?"""
    return bool(re.search(HELPER, command_line(pid)))


def uses_forkserver(pid):
    """Has ``pid`` a fork server among its children?"""
    return any(
        ppid == pid and "multiprocessing.forkserver" in command_line(child)
        for child, _, ppid, _ in processes()
    )


def served_children(pid):
    """(pid, state) of each child of ``pid`` but multiprocessing's helpers."""
    return [(p, s) for p, s, ppid, _ in processes() if ppid == pid and not is_helper(p)]


def wait_until(condition, seconds):
    """Call ``condition()`` until it is true, for ``seconds`` at most."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def leaves_no_zombies(pid):
    """(d) Once its clients are gone, every child that served one is reaped."""
    if not Path(f"/proc/{pid}").exists():
        return False, f"there is no process {pid} to check"
    # Each child ends once its client is gone; then its parent must reap it.
    wait_until(lambda: all(s == "Z" for _, s in served_children(pid)), WAIT)
    wait_until(lambda: all(s != "Z" for _, s in served_children(pid)), REAP_WAIT)
    served = served_children(pid)
    if zombies := [p for p, state in served if state == "Z"]:
        return False, f"{len(zombies)} zombie children, not reaped in {REAP_WAIT:.0f} s"
    if served:
        return False, f"{len(served)} children still running after their clients left"
    return True, "no child left, zombie or running, after the clients left"


def check_zombies(pid, method):
    """(d) as a verdict: SKIP without /proc, CANNOT FAIL HERE under forkserver."""
    if not HAVE_PROC:
        return "SKIP", "this check reads processes from /proc, which only Linux has"
    if method == "forkserver" or (method is None and uses_forkserver(pid)):
        return "CANNOT FAIL HERE", (
            "under forkserver the fork server, not your server, is your children's"
            " parent and reaps them (see them with --run SERVER.py --start-method fork)"
        )
    ok, detail = leaves_no_zombies(pid)
    return ("PASS" if ok else "FAIL"), detail


def verdict(results, label, detail):
    """Print one check's verdict (``detail`` a (status, text) or (bool, text))."""
    status, text = detail
    if status is True or status is False:
        status = "PASS" if status else "FAIL"
    results.append(status)
    print(f"{status} {label}: {text}", flush=True)


def check_address(address, results):
    """Run checks (a) to (c) against a server listening on ``address``."""
    verdict(results, "(a) answers", answers_each_client(address))
    verdict(results, "(b) concurrency", serves_while_another_waits(address))
    verdict(results, "(c) abrupt disconnects", survives_abrupt_disconnects(address))


def free_port():
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


class Server:
    """``python SERVER.py PORT`` under a start method, in a new process group."""

    def __init__(self, script, port, method):
        self.port, self.lines = port, []
        # A temp folder of its own: what a killed server leaves there (the
        # fork server's socket, say) goes with it.
        self.tmp = tempfile.TemporaryDirectory(
            prefix="check-server-", ignore_cleanup_errors=True
        )
        command = [sys.executable, "-c", WRAPPER, method, str(script), str(port)]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            process_group=0,
            env={**os.environ, "TMPDIR": self.tmp.name},
        )
        self.group = self.process.pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        """Collect the server's output (its children's too) until all close it."""
        for line in self.process.stdout:
            self.lines.append(line.decode(errors="replace"))

    def wait_listening(self):
        """Wait until the port takes connections (True) or the server is gone."""
        deadline = time.monotonic() + START_WAIT
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=WAIT).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def left_in_group(self):
        """The processes of the group that still run (['?'] if unknown which)."""
        if HAVE_PROC:
            return [p for p, s, _, g in processes() if g == self.group and s != "Z"]
        try:
            os.killpg(self.group, 0)
        except ProcessLookupError:
            return []
        return ["?"]

    def ctrl_c(self):
        """Ctrl-C; wait for the server's exit status (None: still running)."""
        with contextlib.suppress(ProcessLookupError):  # all of it has ended
            os.killpg(self.group, signal.SIGINT)
        try:
            return self.process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            return None

    def wait_group_gone(self):
        """Wait until no process of the group runs; return those left."""
        deadline = time.monotonic() + STOP_WAIT
        while (left := self.left_in_group()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return left

    def stop(self):
        """Kill what is left of the group, reap the server, remove its files."""
        try:
            os.killpg(self.group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()  # the group is gone: the leader at most is left
        self.process.wait()
        self.reader.join(WAIT)
        self.process.stdout.close()
        self.tmp.cleanup()

    def output(self):
        """Everything the server's processes printed so far."""
        return "".join(self.lines)


def describe_status(status):
    """An exit status in words."""
    if status is None:
        return f"still running {STOP_WAIT:.0f} s after Ctrl-C"
    if status < 0:
        return f"killed by {signal.Signals(-status).name}, not a clean exit"
    return f"exit status {status}"


def stops_on_ctrl_c(server, address):
    """(e) Ctrl-C with a client connected and idle: a clean, complete stop."""
    try:
        idle = socket.create_connection(address, timeout=WAIT)  # until the end
    except OSError as error:
        return False, f"it no longer takes connections ({type(error).__name__})"
    with idle:
        # This child starts after the idle client's: once it answered, that
        # one runs too, and Ctrl-C finds it serving.
        with contextlib.suppress(OSError):
            ask(address, "served while one is idle")
        status = server.ctrl_c()
        left = server.wait_group_gone() if status is not None else []
    problems = [] if status == 0 else [describe_status(status)]
    if left:
        names = ", ".join(f"{p} {command_line(p)[:60]}".strip() for p in left)
        problems.append(f"{len(left)} of its processes still running: {names}")
    elif status is not None:
        server.reader.join(WAIT)  # every process closed the output: all is read
    if "Traceback (most recent call last)" in server.output():
        problems.append("a traceback in its output")
    if problems:
        return False, "; ".join(problems)
    return True, "exit status 0, no traceback, no process of its group left"


def restarts_at_once(script, port, method):
    """(f) Started again at once on the same port, the server answers."""
    server = Server(script, port, method)
    try:
        if not server.wait_listening():
            status = server.process.poll()
            said = (server.output().strip().splitlines() or ["nothing"])[-1]
            return False, f"no start on {port} ({describe_status(status)}): {said}"
        try:
            answer = ask(("127.0.0.1", port), "after the restart")
        except OSError as error:
            answer = f"<{type(error).__name__}>"
        server.ctrl_c()
    finally:
        server.stop()
    if "AFTER THE RESTART" in answer:
        return True, f"started again at once on port {port} and answered"
    return False, f"started again on port {port} but answered {answer!r}"


def check_run(script, method):
    """Start ``script`` under ``method``, run every check; return the verdicts."""
    results = []
    port = free_port()
    print(f"--- start method {method}: python {script.name} {port}", flush=True)
    server = Server(script, port, method)
    try:
        if not server.wait_listening():
            print(f"FAIL start: nothing listens on port {port} ({server.output()!r})")
            return ["FAIL"]
        address = ("127.0.0.1", port)
        check_address(address, results)
        if (status := server.process.poll()) is None:
            verdict(results, "(d) zombies", check_zombies(server.process.pid, method))
            verdict(results, "(e) Ctrl-C", stops_on_ctrl_c(server, address))
        else:
            ended = describe_status(status)
            gone = (False, f"the server ended during the checks: {ended}")
            verdict(results, "(d) zombies", gone)
            verdict(results, "(e) Ctrl-C", gone)
    finally:
        server.stop()
    if "FAIL" in results:
        print("    the server's output:")
        for line in server.output().splitlines()[-15:]:
            print(f"    | {line}")
    verdict(results, "(f) restart", restarts_at_once(script, port, method))
    print(final_verdict(results, f" under {method}"))
    return results


def run_mode(script, method):
    """``--run``: check ``script`` under one start method or all; exit status."""
    if os.name != "posix":
        print("--run needs a POSIX system (process groups, SIGINT); use HOST PORT")
        return 1
    available = multiprocessing.get_all_start_methods()
    wanted = METHODS if method == "all" else [method]
    results, failed_under = [], []
    for name in wanted:
        if name not in available:
            print(f"--- start method {name}: SKIP, this system does not have it")
            continue
        these = check_run(Path(script).resolve(), name)
        results += these
        failed_under += [name] if "FAIL" in these else []
    if failed_under:
        print(f"verdict: some checks failed, under {', '.join(failed_under)}")
        return 1
    print(final_verdict(results))
    return 0


def address_mode(host, port, pid):
    """``HOST PORT [--pid PID]``: check a server that is already running."""
    address = (host, port)
    try:
        socket.create_connection(address, timeout=WAIT).close()
    except OSError as error:
        print(f"cannot connect to {host}:{port} ({type(error).__name__}):")
        print("is the server running, on that address and port?")
        return 1
    results = []
    check_address(address, results)
    if pid is None:
        skip = ("SKIP", "give --pid PID to check (Linux only)")
        verdict(results, "(d) zombies", skip)
    else:
        verdict(results, "(d) zombies", check_zombies(pid, None))
    print(final_verdict(results))
    return 1 if "FAIL" in results else 0


def final_verdict(results, where=""):
    """The verdict line: did a check fail, and did every check really pass?"""
    total = len(results)
    if failed := results.count("FAIL"):
        return f"verdict{where}: some checks failed ({failed} of {total})"
    if others := total - results.count("PASS"):
        return f"verdict{where}: no check failed; {others} of {total} could not fail"
    return f"verdict{where}: all checks passed"


def main():
    """Read the command line and run the checks it asks for."""
    parser = argparse.ArgumentParser(description="Check a homework TCP server.")
    parser.add_argument("host", nargs="?")
    parser.add_argument("port", nargs="?", type=int)
    parser.add_argument("--pid", type=int, help="the server's pid (Linux only)")
    parser.add_argument("--run", metavar="SERVER.py", help="start this server yourself")
    parser.add_argument("--start-method", choices=[*METHODS, "all"], default="all")
    args = parser.parse_args()
    if args.run:
        if args.host is not None or args.pid is not None:
            parser.error("give either --run SERVER.py or HOST PORT, not both")
        if not Path(args.run).is_file():
            parser.error(f"no such file: {args.run}")
        return run_mode(args.run, args.start_method)
    if args.port is None:
        parser.error("give HOST PORT, or --run SERVER.py")
    return address_mode(args.host, args.port, args.pid)


if __name__ == "__main__":
    sys.exit(main())
