"""Run a program as a terminal would, capture everything its process tree writes.

On POSIX the program's stdout and stderr are the slave side of a fresh
pseudo-terminal, so every process of the tree line-buffers as in a terminal and
the kernel keeps each ``write()`` whole.  Elsewhere (Windows) a pipe is used.

Nothing of the program outlives its run.  It runs under ``_supervisor.py``, in
a session and process group of its own: on Linux the supervisor keeps every
descendant, however it detaches, and reports and kills what is left once the
program has ended.  When the run times out or the build is interrupted, the
supervisor is asked to kill the whole tree, then the process group is killed,
and then (on Linux) every process still carrying the run's tag in its
environment.  Elsewhere, processes that leave the process group are not
contained.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import errno
import io
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import typing
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

# After the main process has exited, how long its descendants may keep the
# terminal open (e.g. the resource tracker reporting leaks) before they are killed.
EXIT_GRACE = 2.0

HAVE_PTY = os.name == "posix"
SUPERVISOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_supervisor.py")
# Every process of a run inherits this variable, with the run's own tag.
TAG_VARIABLE = "EXAMPLE_RUNNER_RUN"

# Programs running now (with their tags), so that an interrupted build can
# kill them all.
_live: dict[subprocess.Popen[bytes], str] = {}
_live_lock = threading.Lock()
# The "stop" of a run that nothing stops early.
NEVER = threading.Event()


@dataclasses.dataclass
class Completed:
    """What a run left: its raw output, exit status, and whether it timed out.

    ``leftovers``: the processes (pid and command line) that were still
    running after the program had ended, and were killed.
    """

    output: bytes
    returncode: int | None
    timed_out: bool
    stopped: bool = False
    leftovers: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    overflowed: bool = False  # it printed more than max_output: stopped there


class _Output:
    """The bytes a run wrote, at most ``limit`` of them: memory stays bounded."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[bytes] = []
        self.size = 0
        self.overflowed = False

    def add(self, data: bytes) -> bool:
        """Keep ``data`` (as much as fits); False once the limit is passed."""
        room = self.limit - self.size
        if len(data) > room:
            data, self.overflowed = data[:room], True
        self.chunks.append(data)
        self.size += len(data)
        return not self.overflowed

    def result(
        self, proc: subprocess.Popen[bytes], timed_out: bool, stopped: bool, stray: list
    ) -> Completed:
        return Completed(
            b"".join(self.chunks),
            proc.returncode,
            timed_out,
            stopped,
            stray,
            self.overflowed,
        )


@dataclasses.dataclass
class _Job:
    """One program to run: what, where, for how long, and where its output goes."""

    argv: list[str]
    cwd: str
    env: dict[str, str]
    timeout: float
    stop: threading.Event
    tag: str
    output: _Output


def run(
    argv: Sequence[str],
    *,
    cwd: str,
    env: Mapping[str, str],
    timeout: float,
    use_pty: bool = HAVE_PTY,
    stop: threading.Event = NEVER,
    max_output: int = 1_000_000,
) -> Completed:
    """Run ``argv`` to completion (or ``timeout`` seconds) and return its output.

    The run ends early, its processes killed, when the event ``stop`` is set
    or when it has written more than ``max_output`` bytes.
    """
    tag = uuid.uuid4().hex
    # Only named here: the supervisor creates it, so a build killed before the
    # supervisor starts leaves nothing behind.
    report = os.path.join(tempfile.gettempdir(), f"example-run-{tag}.json")
    runner = str(os.getpid())  # the supervisor's parent, while it lives
    supervised = [sys.executable, "-I", "-S", SUPERVISOR, report, runner, *argv]
    env = {**env, TAG_VARIABLE: tag}
    try:
        with terminate_on_sigterm():
            job = _Job(supervised, cwd, env, timeout, stop, tag, _Output(max_output))
            done = _run_pty(job) if use_pty else _run_pipe(job)
        try:
            outcome = json.loads(Path(report).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            outcome = {}  # the supervisor was killed before it could say
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(report)
    if "returncode" in outcome and not (
        done.timed_out or done.stopped or done.overflowed
    ):
        done.returncode = outcome["returncode"]
    if done.timed_out or done.stopped or done.overflowed:
        done.leftovers = []  # killed because the run was cut short: not left by it
    else:
        done.leftovers = outcome.get("leftovers", []) + done.leftovers
    return done


@atexit.register
def kill_all() -> None:
    """Kill every program still running (and everything it started)."""
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        _kill_tree(proc)


def _run_pty(job: _Job) -> Completed:
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    try:
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST  # keep "\n" as "\n": no "\r\n" translation
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        proc = _popen(job, stdout=slave, stderr=slave)
    finally:
        os.close(slave)
    stop, output = job.stop, job.output
    deadline = time.monotonic() + job.timeout
    exited_at = None
    timed_out = False
    try:
        while not stop.is_set() and not output.overflowed:
            now = time.monotonic()
            if now >= deadline:
                timed_out = True
                break
            if exited_at is None and proc.poll() is not None:
                exited_at = now
            if exited_at is not None and now - exited_at > EXIT_GRACE:
                break
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                data = _read(master)
                if not data:  # every writer has closed the terminal
                    break
                output.add(data)
        while (
            not (timed_out or stop.is_set() or output.overflowed)
            and proc.poll() is None
        ):
            timed_out = time.monotonic() >= deadline
            time.sleep(0.05)
    finally:
        stray = _kill_tree(proc)
        while select.select([master], [], [], 0)[0]:
            data = _read(master)
            if not data or not output.add(data):
                break
        os.close(master)
    return output.result(proc, timed_out, stop.is_set(), stray)


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError as exc:  # Linux reports a closed terminal as EIO
        if exc.errno == errno.EIO:
            return b""
        raise


def _run_pipe(job: _Job) -> Completed:
    proc = _popen(job, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    stdout = typing.cast(io.BufferedReader, proc.stdout)
    stop, output = job.stop, job.output

    def read() -> None:
        while (data := stdout.read1(65536)) and output.add(data):
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + job.timeout
    timed_out = False
    try:
        while not stop.is_set() and not output.overflowed and proc.poll() is None:
            timed_out = time.monotonic() >= deadline
            if timed_out:
                break
            time.sleep(0.05)
        reader.join(EXIT_GRACE)
    finally:
        stray = _kill_tree(proc)
        reader.join(EXIT_GRACE)
        stdout.close()
    return output.result(proc, timed_out, stop.is_set(), stray)


def _popen(job: _Job, **streams: Any) -> subprocess.Popen[bytes]:
    kwargs: dict[str, Any] = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # its own session and process group
    else:
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined,unused-ignore]
    proc = subprocess.Popen(
        job.argv,
        cwd=job.cwd,
        env=job.env,
        stdin=subprocess.DEVNULL,
        close_fds=True,
        **streams,
        **kwargs,
    )
    with _live_lock:
        _live[proc] = job.tag
    return proc


def _kill_tree(proc: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    """Kill everything the program started, reap it; the strays found by tag."""
    if proc.poll() is None and os.name == "posix":
        # The supervisor kills its whole tree, detached processes included.
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(EXIT_GRACE + 3)
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    with _live_lock:
        tag = _live.pop(proc, "")
    return _kill_tagged(tag)


def _kill_tagged(tag: str) -> list[dict[str, Any]]:
    """Kill the processes whose environment carries ``tag`` (Linux; else none)."""
    needle = f"{TAG_VARIABLE}={tag}".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*") if tag else []:
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue
        found.append({"pid": int(entry.name), "command": command.decode().strip()})
    return found


class terminate_on_sigterm:
    """Turn SIGTERM into SystemExit while programs run, so their trees are cleaned up.

    A plain SIGTERM would end the build at once, skipping the clean-up that
    kills the examples' processes.  A second SIGTERM (a process group stopped
    as a whole, where the build's parent passes the first one on too) does not
    interrupt that clean-up.  Only the main thread can set the handler.
    """

    def __enter__(self) -> terminate_on_sigterm:
        self._old: Any = None
        self._ending = False
        if threading.current_thread() is threading.main_thread() and hasattr(
            signal, "SIGTERM"
        ):
            self._old = signal.signal(signal.SIGTERM, self._raise)
        return self

    def _raise(self, signum: int, frame: FrameType | None) -> None:
        if self._ending:
            return  # ending already: let the clean-up finish
        self._ending = True
        raise SystemExit(128 + signum)

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


if __name__ == "__main__":  # python terminal.py PROGRAM ARGS...: try it by hand
    done = run(sys.argv[1:], cwd=os.getcwd(), env=os.environ.copy(), timeout=60)
    sys.stdout.buffer.write(done.output)
    sys.exit(done.returncode or 0)
