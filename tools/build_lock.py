"""Run a build while holding the checkout's build lock: one build at a time.

Usage: python tools/build_lock.py LOCKFILE -- COMMAND [ARGS...]

Two builds in one checkout would both write sphinx-gallery's generated sources
into docs/examples/ and break each other.  The Makefile runs every target that
builds through this script.  When another build holds the lock, this one says
which (its pid and command) on one line and waits for it to finish.

The lock is the operating system's (``flock``) on LOCKFILE, held by this
process and the command it runs, so it is released however the build ends,
even when it is killed: a killed build never leaves a stale lock.  The file
only records who holds the lock, for the message.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    lockfile, command = Path(argv[0]), argv[2:]
    lockfile.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lockfile, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        print(
            f"Waiting for the build already running in this checkout to finish "
            f"(pid {holder or '?'}).",
            file=sys.stderr,
            flush=True,
        )
        fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}: {shlex.join(command)}\n".encode(), 0)
    child = subprocess.Popen(command, pass_fds=(fd,))
    # Ctrl-C reaches the command too (same process group): let it decide, and
    # pass SIGTERM on to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
