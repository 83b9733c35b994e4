"""One build per checkout at a time: the second waits, a killed build blocks nothing."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from helpers import ROOT

LOCK_TOOL = ROOT / "tools" / "build_lock.py"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")


def locked(lockfile, *command, **kwargs):
    return subprocess.Popen(
        [sys.executable, str(LOCK_TOOL), str(lockfile), "--", *command],
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


STEP = """\
import os, sys, time
log, name, until = sys.argv[1:4]
with open(log, "a") as f:
    f.write(name + " starts\\n")
end = time.monotonic() + 60  # bounds a hang only
while until and not os.path.exists(until) and time.monotonic() < end:
    time.sleep(0.02)
with open(log, "a") as f:
    f.write(name + " ends\\n")
"""


def step(log, name, until=None):
    """A command that logs its start and end to ``log``; between the two it
    waits until the file ``until`` exists, if given."""
    script = log.parent / "step.py"
    script.write_text(STEP)
    return [sys.executable, str(script), str(log), name, str(until or "")]


def wait_for(predicate, what, seconds=60.0):
    """Wait until ``predicate()``; the deadline only bounds a hang."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.02)


def test_a_second_build_waits_for_the_first_and_says_for_whom(tmp_path):
    lock, log, go = (
        tmp_path / "_build" / "build.lock",
        tmp_path / "log",
        tmp_path / "go",
    )
    first = locked(lock, *step(log, "first", until=go))
    wait_for(lambda: log.exists() and "first starts" in log.read_text(), "the first")
    second = locked(lock, *step(log, "second"))
    # the second says it waits, and does, while the first holds the lock
    waiting = second.stderr.readline()
    assert second.poll() is None
    go.touch()  # the first build ends
    rest, second_err = second.communicate(timeout=60)
    second_err = waiting + second_err
    _, first_err = first.communicate(timeout=60)
    assert (first.returncode, second.returncode) == (0, 0)
    assert log.read_text().splitlines() == [
        "first starts",
        "first ends",
        "second starts",
        "second ends",
    ]
    assert first_err == ""
    assert second_err.startswith(
        "Waiting for the build already running in this checkout to finish "
        f"(pid {first.pid}: "
    )
    assert len(second_err.splitlines()) == 1


def test_a_killed_build_leaves_no_stale_lock(tmp_path):
    lock = tmp_path / "_build" / "build.lock"
    killed = locked(lock, "sleep", "600", start_new_session=True)
    wait_for(lambda: lock.exists() and str(killed.pid) in lock.read_text(), "lock")
    os.killpg(killed.pid, signal.SIGKILL)  # the build and what it ran
    killed.communicate()
    assert str(killed.pid) in lock.read_text()  # the file stays, the lock does not
    after = locked(lock, "true")
    # taken at once: no "Waiting for the build..." line (a stale lock would
    # make it wait for a process that is gone, and the communicate time out)
    _, err = after.communicate(timeout=60)
    assert after.returncode == 0 and err == ""


def test_the_build_s_exit_status_is_passed_on(tmp_path):
    done = locked(tmp_path / "build.lock", sys.executable, "-c", "raise SystemExit(3)")
    done.communicate(timeout=30)
    assert done.returncode == 3


def copy_makefile_project(dest):
    for name in ("Makefile", "conf.py", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "tools", dest / "tools")
    return dest


def test_make_html_waits_while_another_build_holds_the_checkout(tmp_path):
    project = copy_makefile_project(tmp_path)
    (project / "_build").mkdir()
    with open(project / "_build" / "build.lock", "w") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        holder.write("4242: make livehtml\n")
        holder.flush()
        make = subprocess.Popen(
            ["make", "--no-print-directory", "html", f"VENV={sys.prefix}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            line = make.stderr.readline()
            still_waiting = make.poll() is None  # it said it waits: it does
        finally:
            os.killpg(make.pid, signal.SIGKILL)
            make.communicate()
    assert line == (
        "Waiting for the build already running in this checkout to finish "
        "(pid 4242: make livehtml).\n"
    )
    assert still_waiting
    assert not (project / "_build" / "html").exists()


@pytest.mark.parametrize("target", ["gettext", "livehtml", "offline"])
def test_every_target_that_builds_takes_the_lock(target, tmp_path):
    project = copy_makefile_project(tmp_path)
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", target, f"VENV={sys.prefix}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    first = next(line for line in dry.stdout.splitlines() if "build_lock.py" in line)
    assert "_build/build.lock --" in first
