"""What the lessons on a child's life and on debugging a hang prove (issue 24,
items 6 and 7): their real output on the built site, their try-this boxes, and
the claims of their prose that the output does not show, proved by small
programs run by this Python."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from helpers import (
    ROOT,
    box_lines,
    page_of,
    page_runs,
    run_program,
)
from helpers import lesson_lines as lines

TIED = ROOT / "examples" / "14_lifecycle" / "child_tied_to_parent.py"
AT_FORK = ROOT / "examples" / "14_lifecycle" / "register_at_fork.py"
HUNG = ROOT / "examples" / "22_logging" / "debugging_a_hung_child.py"
METHODS = ["fork", "forkserver", "spawn"]
# From Python 3.13.8 and 3.14.1 the fork server imports the main script once,
# and its children share the module's state (gh-135295).
FORK_SERVER_IMPORTS_MAIN = sys.version_info >= (3, 14, 1) or (
    (3, 13, 8) <= sys.version_info < (3, 14)
)
LINUX = sys.platform.startswith("linux")


def runs_by_method(site, lesson: Path) -> dict[str, list[str]]:
    found = page_runs(page_of(site, lesson))
    assert found is not None, "the page shows one run per start method"
    kind, runs = found
    assert kind == "start-method" and sorted(runs) == METHODS
    return {method: "".join(texts).splitlines() for method, texts in runs.items()}


# -- A child that stops when its parent dies -----------------------------------


def test_the_worker_stops_by_itself_once_its_supervisor_is_killed(site):
    out = lines(site, TIED)
    assert out == [
        "worker: started by supervisor",
        "main: killing the supervisor",
        "worker: supervisor is gone, so I stop",
        "main: the worker stopped by itself: True",
        "main: the supervisor's exit code: -9",
    ]


def test_a_supervisor_that_returns_still_waits_for_its_worker(site):
    # the box: the supervisor returns at once; it joins its worker, which
    # stops only after the kill, as before
    out = box_lines(site, TIED)
    assert out.index("worker: supervisor is gone, so I stop") > out.index(
        "main: killing the supervisor"
    )
    assert "main: the worker stopped by itself: True" in out
    assert "main: the supervisor's exit code: -9" in out


WATCHER = """
    import ctypes, os, signal, sys, time
    import multiprocessing as mp
    from multiprocessing.connection import wait


    def worker(started, survived, mine):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PDEATHSIG
        boss = mp.parent_process()
        mine.value = os.getppid() == boss.pid
        started.set()
        wait([boss.sentinel], timeout=30)  # until the supervisor is gone
        time.sleep(1)  # a SIGTERM from the kernel would end me here
        survived.set()


    def supervisor(ctx, *args):
        ctx.Process(target=worker, args=args).start()
        time.sleep(60)


    if __name__ == "__main__":
        ctx = mp.get_context(sys.argv[1])
        started, survived, mine = ctx.Event(), ctx.Event(), ctx.Value("b", 0)
        boss = ctx.Process(target=supervisor, args=(ctx, started, survived, mine))
        boss.start()
        started.wait(30)
        boss.kill()
        boss.join()
        print(f"os parent: {bool(mine.value)}, survived: {survived.wait(3)}")
"""


@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("method", METHODS)
def test_pdeathsig_follows_the_parent_for_the_operating_system(tmp_path, method):
    # the prose: under fork and spawn the supervisor is the worker's parent for
    # the operating system and its death sends SIGTERM; under forkserver the
    # fork server is, which lives on: no signal
    out = run_program(tmp_path, WATCHER, method)
    if method == "forkserver":
        assert out == ["os parent: False, survived: True"]
    else:
        assert out == ["os parent: True, survived: False"]


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="os.pidfd_open is Linux's")
def test_a_pidfd_is_ready_for_wait_when_any_process_ends(tmp_path):
    out = run_program(
        tmp_path,
        """
        import os, subprocess, sys
        from multiprocessing.connection import wait

        sleeper = subprocess.Popen([sys.executable, "-c", "input()"],
                                   stdin=subprocess.PIPE)
        fd = os.pidfd_open(sleeper.pid)
        print(f"ready while it runs: {bool(wait([fd], timeout=0.2))}")
        sleeper.stdin.close()  # input() ends, and so does the process
        print(f"ready once it ended: {bool(wait([fd], timeout=30))}")
        sleeper.wait()
        os.close(fd)
        """,
    )
    assert out == ["ready while it runs: False", "ready once it ended: True"]


# -- Fresh state in a forked child: os.register_at_fork() ----------------------


def picks(out: list[str]) -> tuple[int, int]:
    text = "\n".join(out)
    plain = re.search(r"^plain generator, different picks: (\d) of 3$", text, re.M)
    fresh = re.search(r"^reseeded generator, different picks: (\d) of 3$", text, re.M)
    assert plain and fresh, text
    return int(plain[1]), int(fresh[1])


def test_a_copied_generator_repeats_itself_where_the_child_is_a_fork(site):
    runs = runs_by_method(site, AT_FORK)
    assert picks(runs["fork"]) == (1, 3)
    assert picks(runs["spawn"]) == (3, 3)
    # forkserver: like fork once the server imports the script, like spawn before
    assert picks(runs["forkserver"]) == ((1, 3) if FORK_SERVER_IMPORTS_MAIN else (3, 3))


def test_the_random_module_reseeds_itself_in_a_forked_child(site):
    # the box, under fork: random's own generator is reseeded by its own hook
    assert picks(box_lines(site, AT_FORK)) == (3, 3)


# -- Debugging a hung child ----------------------------------------------------


def test_the_hung_resizer_prints_the_stack_of_the_line_it_waits_on(site):
    source = HUNG.read_text(encoding="utf-8").splitlines()
    waits_on = next(
        n
        for n, line in enumerate(source, 1)
        if "photos.get()" in line and "while" in line
    )
    for method, out in runs_by_method(site, HUNG).items():
        text = "\n".join(out)
        assert "resizer: resized cat.jpg" in out, method
        assert "Timeout (0:00:01)!" in out, method
        # most recent call first: Queue.get, then the lesson's line, then run()
        get = re.search(r'queues\.py", line \d+ in get$', text, re.M)
        mine = re.search(
            rf'File "{HUNG.name}", line {waits_on} in resizer$', text, re.M
        )
        run = re.search(r'process\.py", line \d+ in run$', text, re.M)
        assert get and mine and run, f"{method}:\n{text}"
        assert get.start() < mine.start() < run.start(), method


def test_proc_shows_a_sleeping_resizer_whose_parent_depends_on_the_method(site):
    for method, out in runs_by_method(site, HUNG).items():
        assert "main: the resizer still runs after 3 s: True" in out, method
        if not LINUX:
            continue
        assert "main: its State: S (sleeping), its children: 0" in out, method
        mine = method != "forkserver"  # else the fork server is its parent
        assert f"main: its PPid is my pid: {mine}" in out, method


def test_the_log_names_the_resizer_and_the_fix_ends_it(site):
    for method, out in runs_by_method(site, HUNG).items():
        assert out[0] == "[INFO/resizer] child process calling self.run()", method
        exiting = out.index("[INFO/resizer] process exiting with exitcode 0")
        shutting = out.index("[INFO/resizer] process shutting down")
        # from Python 3.13 a child runs its exit handlers after it logs its exit
        assert (exiting < shutting) == (sys.version_info >= (3, 13)), method
        assert "main: the resizer ended with exit code 0" in out, method
        assert out[-1] == "[INFO/MainProcess] process shutting down", method
        # the fork server's temporary folder, a new name every run, is filtered
        assert not any("temp directory" in line for line in out), method


def test_an_unnamed_resizer_logs_as_process_1(site):
    out = box_lines(site, HUNG)
    assert "[INFO/Process-1] child process calling self.run()" in out
    assert not any("[INFO/resizer]" in line for line in out)
