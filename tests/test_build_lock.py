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


def step(log, name, seconds=0.0):
    """A command that logs its start and end to ``log``, with a pause between."""
    code = (
        f"import time; open({str(log)!r}, 'a').write('{name} starts\\n'); "
        f"time.sleep({seconds}); open({str(log)!r}, 'a').write('{name} ends\\n')"
    )
    return [sys.executable, "-c", code]


def test_a_second_build_waits_for_the_first_and_says_for_whom(tmp_path):
    lock, log = tmp_path / "_build" / "build.lock", tmp_path / "log"
    first = locked(lock, *step(log, "first", 2))
    time.sleep(1)
    second = locked(lock, *step(log, "second"))
    _, second_err = second.communicate(timeout=30)
    _, first_err = first.communicate(timeout=30)
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
    killed = locked(lock, "sleep", "60", start_new_session=True)
    deadline = time.monotonic() + 10
    while str(killed.pid) not in lock.read_text() if lock.exists() else True:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)  # the build and what it ran
    killed.communicate()
    assert str(killed.pid) in lock.read_text()  # the file stays, the lock does not
    started = time.monotonic()
    after = locked(lock, "true")
    _, err = after.communicate(timeout=30)
    assert after.returncode == 0 and err == ""
    assert time.monotonic() - started < 10


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
            time.sleep(0.5)
            still_waiting = make.poll() is None
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
