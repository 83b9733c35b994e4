"""The TCP homework's checker (examples/10_tcp_server/check_server.py), for real.

Each test starts a server on a free loopback port (the homework's solution, or
the lesson's serial server), runs the checker against it as ``python
check_server.py``, and stops the server: no site build is needed.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import pytest

from helpers import ROOT

FOLDER = ROOT / "examples" / "10_tcp_server"
CHECKER = FOLDER / "check_server.py"
# One of the lesson's own servers (check_the_homework.py), in a process of its
# own (a fork of pytest's threaded process would be unsafe), on a free port.
SERVE = """\
import socket, sys
sys.path.insert(0, sys.argv[1])
import check_the_homework as lesson
listener = socket.create_server(("127.0.0.1", 0))
print(listener.getsockname()[1], flush=True)
getattr(lesson, sys.argv[2])(listener)
"""


def check(port: int, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECKER), "127.0.0.1", str(port), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def running(leak_token):
    """Start one of the lesson's servers; yield (port, pid); stop it afterwards."""
    started = []

    def start_server(name: str) -> tuple[int, int]:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(FOLDER), name],
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(server)
        return int(server.stdout.readline()), server.pid

    yield start_server
    for server in started:
        server.terminate()
        server.communicate(timeout=10)


@pytest.fixture
def solution(leak_token):
    """The homework's solution, ``python homework_server.py 0``: (port, pid)."""
    server = subprocess.Popen(
        [sys.executable, str(FOLDER / "homework_server.py"), "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(server.stdout.readline().split()[3].rstrip(","))
    yield port, server.pid
    server.send_signal(signal.SIGINT)  # Ctrl-C
    server.communicate(timeout=10)


def test_the_homeworks_solution_passes_every_check(solution):
    port, pid = solution
    done = check(port, "--pid", str(pid))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASS") == 4
    assert "verdict: all checks passed" in done.stdout


def test_a_serial_server_fails_the_concurrency_check(running):
    port, pid = running("serial_server")
    done = check(port, "--pid", str(pid))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL (b) concurrency" in done.stdout
    assert "PASS (a)" in done.stdout
    assert "verdict: some checks failed" in done.stdout


def test_nothing_listening_fails_fast_with_a_clear_message(leak_token):
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]  # free now, and nothing listens once closed
    started = time.monotonic()
    done = check(port)
    assert done.returncode == 1
    assert time.monotonic() - started < 5
    assert f"cannot connect to 127.0.0.1:{port}" in done.stdout
    assert "is the server running" in done.stdout


def test_zombie_check_needs_a_real_pid(solution):
    port, _ = solution
    done = check(port, "--pid", "999999999")
    assert done.returncode == 1
    assert "FAIL (d) zombies: there is no process 999999999" in done.stdout
