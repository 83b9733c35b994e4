"""The TCP homework's checker (examples/10_tcp_server/check_server.py), for real.

Each test of ``HOST PORT`` starts a server on a free loopback port (the
homework's solution, or the lesson's serial server), runs the checker against
it as ``python check_server.py``, and stops the server. Each test of ``--run``
lets the checker start the server itself (the solution, the starter with only
TODO 1 done, or a server of tests/fixtures/homework/ broken in the way one check
looks for) and reads its verdicts. No site build is needed.
"""

from __future__ import annotations

import importlib.util
import re
import signal
import socket
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, describe, terminal_env, wait_until_no_process

FOLDER = ROOT / "examples" / "10_tcp_server"
CHECKER = FOLDER / "check_server.py"
SOLUTION = FOLDER / "homework_server.py"
BROKEN = FIXTURES / "homework"
METHODS = ["fork", "forkserver", "spawn"]
_spec = importlib.util.spec_from_file_location("check_server", CHECKER)
assert _spec and _spec.loader
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)
needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="the zombie check reads /proc"
)
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


@pytest.fixture(params=["fork", "forkserver"])
def solution(request, leak_token):
    """The homework's solution, ``python homework_server.py 0``: (port, pid).

    Under each start method in turn, set as ``--run`` sets it.
    """
    method = request.param
    server = subprocess.Popen(
        [sys.executable, "-c", checker.WRAPPER, method, str(SOLUTION), "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    server.method = method  # type: ignore[attr-defined]
    port = int(server.stdout.readline().split()[3].rstrip(","))
    yield port, server.pid, method
    server.send_signal(signal.SIGINT)  # Ctrl-C
    server.communicate(timeout=10)


@needs_proc
def test_the_homeworks_solution_passes_every_check(solution):
    port, pid, method = solution
    done = check(port, "--pid", str(pid))
    assert done.returncode == 0, done.stdout + done.stderr
    if method == "forkserver":  # its children are the fork server's, not its own
        assert done.stdout.count("PASS") == 3
        assert "CANNOT FAIL HERE (d) zombies: under forkserver" in done.stdout
        assert "verdict: no check failed; 1 of 4 could not fail" in done.stdout
    else:
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
    done = check(port)
    assert done.returncode == 1
    # It stops at once: not one check (each with its own waits) was tried.
    assert not re.search(r"^(PASS|FAIL|SKIP)", done.stdout, re.MULTILINE)
    assert f"cannot connect to 127.0.0.1:{port}" in done.stdout
    assert "is the server running" in done.stdout


@needs_proc
def test_zombie_check_needs_a_real_pid(solution):
    port, _, _ = solution
    done = check(port, "--pid", "999999999")
    assert done.returncode == 1
    assert "FAIL (d) zombies: there is no process 999999999" in done.stdout


# --run: the checker starts the server itself, once per start method.


def run(
    script: Path, method: str = "all", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``python check_server.py --run script --start-method method``."""
    return subprocess.run(
        [sys.executable, str(CHECKER), "--run", str(script), "--start-method", method],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )


def verdicts(out: str) -> dict[str, str]:
    """{"a": "PASS", "d": "CANNOT FAIL HERE", ...}: one run's check verdicts."""
    found = re.findall(r"^(PASS|FAIL|SKIP|CANNOT FAIL HERE) \((\w)\)", out, re.M)
    assert len(found) == 6, out
    return {letter: status for status, letter in found}


def with_todo_1_done(starter: str) -> str:
    """The starter with TODO 1 done, and nothing else: it answers each client."""
    todo = re.search(r"^( +)# TODO 1:.*$", starter, re.MULTILINE)
    assert todo, "the starter has no TODO 1 any more"
    done = f'{todo[1]}stream.write(f"{{request.upper()}} (process {{os.getpid()}})\\n")'
    return starter[: todo.start()] + done + starter[todo.end() :]


# Each check, against a server broken in the way it looks for, under a start
# method where that mistake can be seen: FAIL, never PASS.
BROKEN_RUNS = [
    ("a", FOLDER / "homework_starter.py", "fork"),  # answers nothing
    ("b", BROKEN / "serial.py", "forkserver"),
    ("c", BROKEN / "fragile.py", "spawn"),
    ("d", BROKEN / "no_reaping.py", "fork"),
    ("d", BROKEN / "no_reaping.py", "spawn"),
    ("e", BROKEN / "no_shutdown.py", "forkserver"),
    ("f", BROKEN / "no_reuse_address.py", "spawn"),
]
STARTER_WITH_TODO_1 = "starter_with_todo_1.py"  # written into the module's folder


class CheckerRuns:
    """Every ``--run`` of this module, started at once, five at a time.

    They mostly wait on sockets and on servers starting and stopping, so they
    overlap well.  Each has a temp folder (``TMPDIR``) of its own; every
    process they start carries one leak token, checked when all have ended.
    """

    def __init__(self, folder: Path, token: str) -> None:
        self.folder = folder
        starter = (FOLDER / "homework_starter.py").read_text()
        (folder / STARTER_WITH_TODO_1).write_text(with_todo_1_done(starter))
        wanted = [(STARTER_WITH_TODO_1, m) for m in METHODS]
        wanted += [(SOLUTION.name, "all"), ("no_reaping.py", "forkserver")]
        wanted += [(script.name, method) for _, script, method in BROKEN_RUNS]
        wanted += [("no_shutdown.py", "spawn")]
        self.pool = ThreadPoolExecutor(5)
        self.runs = {}
        for index, (name, method) in enumerate(dict.fromkeys(wanted)):
            temp = folder / f"temp-{index}"
            temp.mkdir()
            env = terminal_env(token, TMPDIR=str(temp))
            future = self.pool.submit(run, self.path(name), method, env)
            self.runs[(name, method)] = (future, temp)

    def path(self, name: str) -> Path:
        for folder in (self.folder, FOLDER, BROKEN):
            if (folder / name).exists():
                return folder / name
        raise FileNotFoundError(name)

    def __call__(
        self, name: str, method: str
    ) -> tuple[subprocess.CompletedProcess, Path]:
        """The finished run of ``name`` under ``method``, and its temp folder."""
        future, temp = self.runs[(name, method)]
        return future.result(), temp


@pytest.fixture(scope="module")
def checker_runs(tmp_path_factory):
    token = uuid.uuid4().hex
    runs = CheckerRuns(tmp_path_factory.mktemp("checker-runs"), token)
    yield runs
    runs.pool.shutdown(wait=True)
    left = wait_until_no_process(token)
    assert not left, "processes left behind:\n" + describe(left)


@needs_proc
@pytest.mark.parametrize("method", METHODS)
def test_run_fails_the_starter_with_only_todo_1_done(method, checker_runs):
    done, _ = checker_runs(STARTER_WITH_TODO_1, method)
    assert done.returncode == 1, done.stdout + done.stderr
    found = verdicts(done.stdout)
    assert found["a"] == "PASS", done.stdout  # TODO 1: it answers
    # TODO 2 undone: zombies, except where the fork server reaps the children.
    no_reaping = "CANNOT FAIL HERE" if method == "forkserver" else "FAIL"
    assert found["d"] == no_reaping, done.stdout
    assert found["e"] == "FAIL", done.stdout  # TODO 3 undone: a traceback
    assert "a traceback in its output" in done.stdout
    assert f"verdict: some checks failed, under {method}\n" in done.stdout


@needs_proc
def test_run_passes_the_solution_under_every_start_method(checker_runs):
    done, _ = checker_runs(SOLUTION.name, "all")
    assert done.returncode == 0, done.stdout + done.stderr
    for method in ("fork", "spawn"):
        assert f"verdict under {method}: all checks passed" in done.stdout
    assert "verdict under forkserver: no check failed; 1 of 6 could not" in done.stdout
    assert not re.search(r"^FAIL", done.stdout, re.MULTILINE), done.stdout
    assert done.stdout.count("PASS (d) zombies") == 2  # fork and spawn
    assert done.stdout.count("CANNOT FAIL HERE (d) zombies") == 1
    assert done.stdout.count("PASS (e) Ctrl-C") == 3
    assert done.stdout.count("PASS (f) restart") == 3
    assert "verdict: no check failed; 1 of 18 could not fail" in done.stdout


@needs_proc
@pytest.mark.parametrize(
    ("letter", "script", "method"),
    BROKEN_RUNS,
    ids=[f"{letter}-{script.stem}-{method}" for letter, script, method in BROKEN_RUNS],
)
def test_run_fails_a_server_broken_the_way_a_check_looks_for(
    letter, script, method, checker_runs
):
    done, _ = checker_runs(script.name, method)
    assert done.returncode == 1, done.stdout + done.stderr
    assert verdicts(done.stdout)[letter] == "FAIL", done.stdout


@needs_proc
def test_run_says_the_zombie_check_cannot_fail_under_forkserver(checker_runs):
    done, _ = checker_runs("no_reaping.py", "forkserver")
    found = verdicts(done.stdout)
    assert found["d"] == "CANNOT FAIL HERE", done.stdout
    assert "the fork server, not your server, is your children's parent" in done.stdout
    assert "PASS (d)" not in done.stdout


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_run_leaves_no_file_even_when_it_kills_the_server(method, checker_runs):
    # A server that Ctrl-C does not stop is killed, with its fork server or
    # resource tracker: what they made in the temp folder must go too.
    done, temp = checker_runs("no_shutdown.py", method)
    assert verdicts(done.stdout)["e"] == "FAIL", done.stdout + done.stderr
    assert not list(temp.iterdir())


def test_run_needs_a_server_file(leak_token, tmp_path):
    done = run(tmp_path / "missing.py")
    assert done.returncode == 2
    assert "no such file" in done.stderr
