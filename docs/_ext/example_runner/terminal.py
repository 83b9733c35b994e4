"""Run a program as a terminal would, capture everything its process tree writes.

On POSIX the program's stdout and stderr are the slave side of a fresh
pseudo-terminal, so every process of the tree line-buffers as in a terminal and
the kernel keeps each ``write()`` whole.  Elsewhere (Windows) a pipe is used.
The program runs in a process group of its own, and whatever is left of that
group when the program is done, times out or the build is interrupted is killed.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import errno
import os
import select
import signal
import subprocess
import sys
import threading
import time

# After the main process has exited, how long its descendants may keep the
# terminal open (e.g. the resource tracker reporting leaks) before they are killed.
EXIT_GRACE = 2.0

HAVE_PTY = os.name == "posix"

# Programs running now, so that an interrupted build can kill them all.
_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()
# The "stop" of a run that nothing stops early.
NEVER = threading.Event()


@dataclasses.dataclass
class Completed:
    """What a run left: its raw output, exit status, and whether it timed out."""

    output: bytes
    returncode: int | None
    timed_out: bool
    stopped: bool = False


def run(argv, *, cwd, env, timeout, use_pty=HAVE_PTY, stop=NEVER) -> Completed:
    """Run ``argv`` to completion (or ``timeout`` seconds) and return its output.

    The run ends early, its processes killed, when the event ``stop`` is set.
    """
    with terminate_on_sigterm():
        if use_pty:
            return _run_pty(argv, cwd, env, timeout, stop)
        return _run_pipe(argv, cwd, env, timeout, stop)


@atexit.register
def kill_all() -> None:
    """Kill every program still running (and its process group)."""
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        _kill_tree(proc)


def _run_pty(argv, cwd, env, timeout, stop) -> Completed:
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    try:
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST  # keep "\n" as "\n": no "\r\n" translation
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        proc = _popen(argv, cwd, env, stdout=slave, stderr=slave)
    finally:
        os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    exited_at = None
    timed_out = False
    try:
        while not stop.is_set():
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
                chunks.append(data)
        while not timed_out and not stop.is_set() and proc.poll() is None:
            timed_out = time.monotonic() >= deadline
            time.sleep(0.05)
    finally:
        _kill_tree(proc)
        while select.select([master], [], [], 0)[0]:
            data = _read(master)
            if not data:
                break
            chunks.append(data)
        os.close(master)
    return Completed(b"".join(chunks), proc.returncode, timed_out, stop.is_set())


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError as exc:  # Linux reports a closed terminal as EIO
        if exc.errno == errno.EIO:
            return b""
        raise


def _run_pipe(argv, cwd, env, timeout, stop) -> Completed:
    proc = _popen(argv, cwd, env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks: list[bytes] = []
    reader = threading.Thread(
        target=lambda: chunks.extend(iter(lambda: proc.stdout.read1(65536), b"")),
        daemon=True,
    )
    reader.start()
    deadline = time.monotonic() + timeout
    timed_out = False
    try:
        while not stop.is_set() and proc.poll() is None:
            timed_out = time.monotonic() >= deadline
            if timed_out:
                break
            time.sleep(0.05)
        reader.join(EXIT_GRACE)
    finally:
        _kill_tree(proc)
        reader.join(EXIT_GRACE)
        proc.stdout.close()
    return Completed(b"".join(chunks), proc.returncode, timed_out, stop.is_set())


def _popen(argv, cwd, env, **streams) -> subprocess.Popen:
    kwargs = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # its own session and process group
    else:
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        close_fds=True,
        **streams,
        **kwargs,
    )
    with _live_lock:
        _live.add(proc)
    return proc


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill every process left in the program's group, then reap the program."""
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
        _live.discard(proc)


class terminate_on_sigterm:
    """Turn SIGTERM into SystemExit while programs run, so their trees are cleaned up.

    A plain SIGTERM would end the build at once, skipping the clean-up that
    kills the examples' processes.  Only the main thread can set the handler.
    """

    def __enter__(self):
        self._old = None
        if threading.current_thread() is threading.main_thread() and hasattr(
            signal, "SIGTERM"
        ):
            self._old = signal.signal(signal.SIGTERM, self._raise)
        return self

    @staticmethod
    def _raise(signum, frame):
        raise SystemExit(128 + signum)

    def __exit__(self, *exc):
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


if __name__ == "__main__":  # python terminal.py PROGRAM ARGS...: try it by hand
    done = run(sys.argv[1:], cwd=os.getcwd(), env=os.environ.copy(), timeout=60)
    sys.stdout.buffer.write(done.output)
    sys.exit(done.returncode or 0)
