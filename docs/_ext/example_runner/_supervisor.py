"""Contain one run: start the program, wait for it, then stop whatever it left.

Started by the runner (terminal.py) as ``python -I -S _supervisor.py REPORT
RUNNER_PID PROGRAM ARGS...`` at the top of the run's own session; never imported by
Sphinx.  On Linux it makes itself a child subreaper, so that every process the
program starts stays its descendant however it detaches (``setsid``, a double
fork, a new process group, ``start_new_session``).  When the program has
ended, whatever of its tree is still running after a short grace is written to
REPORT (pid and command line), then killed and reaped.  SIGTERM (the runner's
timeout, or an interrupted build) kills the whole tree at once.  Elsewhere it
only runs the program: what leaves the process group is not contained there.

REPORT (a new file: the runner only names it) gets one JSON object:
``{"returncode": N, "leftovers": [...], "contained": bool}``, with
``returncode`` as ``subprocess`` gives it.  The runner reads and removes it; if
the runner is gone (its build was killed), the supervisor does not write it, or
removes it again, so that no report is left in the temp folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

# How long processes may outlive the program before they count as left behind:
# the resource tracker and the fork server end as soon as they see it gone.
GRACE = 1.5
_PR_SET_CHILD_SUBREAPER = 36


def main(argv: list[str]) -> int:
    report, runner, program = argv[0], int(argv[1]), argv[2:]
    contained = _become_subreaper()
    if os.name != "posix":
        status = subprocess.call(program)
        _write(report, runner, status, [], contained=False)
        return status

    def stop(signum: int, frame: object) -> None:
        _write(report, runner, -signum, _kill_descendants(), contained)
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner decides, not Ctrl-C
    child = os.fork()
    if child == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            os.execv(program[0], program)
        finally:
            os._exit(127)
    code: int | None = None
    while code is None:  # reap orphans as they come, until the program ends
        pid, status = os.waitpid(-1, 0)
        if pid == child:
            code = os.waitstatus_to_exitcode(status)
    deadline = time.monotonic() + GRACE
    while _descendants() and time.monotonic() < deadline:
        _reap()
        time.sleep(0.02)
    _write(report, runner, code, _kill_descendants(), contained)
    return 0


def _become_subreaper() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _descendants() -> dict[int, str]:
    """The living processes below this one: pid -> command line (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":  # a zombie is dead, only not yet reaped
            parents[int(entry)] = int(fields[1])
    found, frontier = {}, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = _command_line(pid)
                frontier.append(pid)
    return found


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return "?"


def _kill_descendants() -> list[dict[str, object]]:
    """Kill every descendant (again, while new ones appear); the ones it found."""
    left = _descendants()
    seen = dict(left)
    deadline = time.monotonic() + 5
    while left and time.monotonic() < deadline:
        for pid in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)
        _reap()
        left = _descendants()
        for pid, command in left.items():
            seen.setdefault(pid, command)
    _reap()
    return [{"pid": pid, "command": command} for pid, command in sorted(seen.items())]


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _write(
    report: str,
    runner: int,
    code: int,
    leftovers: list[dict[str, object]],
    contained: bool,
) -> None:
    """Write REPORT for the runner (process ``runner``, its parent), or remove
    it if the runner has died: this process then has another parent, and
    nobody would read it."""
    if os.getppid() == runner:
        with open(report, "w", encoding="utf-8") as f:
            json.dump(
                {"returncode": code, "leftovers": leftovers, "contained": contained},
                f,
            )
    if os.getppid() != runner:  # checked again: it may have died meanwhile
        with contextlib.suppress(OSError):
            os.unlink(report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
