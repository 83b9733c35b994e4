"""The operating-system facts that issue 24 corrected, each shown for real.

Each correction is held twice: its page (English and Chinese) says the corrected
thing, and a run on this machine shows that the corrected thing is what happens
(a wait status's core-dump bit, the ``fork`` start method's copy of a held lock,
subprocess collecting dropped children, ``Process.interrupt()``'s exit code 1, a
new process group missing a typed Ctrl-C, a zombie under a parent that does not
reap, ``SO_REUSEADDR`` and ``SO_LINGER``). No outcome here waits on a clock:
every wait is for a condition, and its deadline only turns a hang into a failure.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import os
import re
import select
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import (
    ROOT,
    in_script,
    page_of,
    page_text,
    try_this_outputs,
)
from helpers import lesson_lines as lines

EXAMPLES = ROOT / "examples"
LINUX = sys.platform.startswith("linux")
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX only")
linux_only = pytest.mark.skipif(not LINUX, reason="reads Linux's /proc")


def text_of(site, lesson: str, language: str = "en") -> str:
    """The page's text, as read: no space left before punctuation where a code
    span ended (page_text puts one for each tag)."""
    return readable(page_text(page_of(site, EXAMPLES / lesson, language)))


def readable(text: str) -> str:
    text = text.replace("\u2019", "'")  # Sphinx's smart apostrophe
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", text))


def wait_for(condition, seconds: float = 30.0) -> bool:
    """Wait until ``condition()`` holds; False only if it never did in time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def proc_state(pid: int) -> str:
    """A process's state letter in /proc (``Z``: zombie), or ``gone``."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return "gone"
    return text.rsplit(")", 1)[1].split()[0]


def run_script(tmp_path: Path, code: str, **kwargs) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


# -- 3. fork_and_waitpid: the wait status, and fork with threads ---------------


def test_fork_and_waitpid_advises_spawn_or_forkserver_and_names_the_core_bit(site):
    lesson = "17_below_multiprocessing/fork_and_waitpid.py"
    text = text_of(site, lesson)
    assert "plus 128 if the child also dumped core (the core-dump bit)" in text
    assert "os.waitstatus_to_exitcode() (Python 3.9+)" in text
    assert "with the spawn or forkserver start method rather than os.fork()" in text
    assert "The fork start method is os.fork() too, with the same hazard" in text
    assert "it works on Windows too, and a fork" not in text  # the old advice
    zh = page_of(site, EXAMPLES / lesson, "zh_CN").read_text(encoding="utf-8")
    assert "fork_with_threads.html" in zh  # the link to the threads mistake


@posix_only
def test_a_wait_status_carries_a_core_dump_bit_that_the_helper_decodes():
    status = 0x80 | signal.SIGABRT  # killed by SIGABRT, core dumped
    assert os.WIFSIGNALED(status) and os.WCOREDUMP(status)
    assert os.WTERMSIG(status) == signal.SIGABRT
    assert status != signal.SIGABRT  # "a signal as its own number" needs the bit off
    assert os.waitstatus_to_exitcode(status) == -signal.SIGABRT
    assert os.waitstatus_to_exitcode(3 * 256) == 3


FORK_WITH_A_HELD_LOCK = """\
    import multiprocessing, sys, threading

    lock = threading.Lock()

    def child():
        # no thread of this process will ever release a lock copied held
        sys.exit(0 if lock.acquire(timeout=1) else 3)

    if __name__ == "__main__":
        held, done = threading.Event(), threading.Event()
        def holder():
            with lock:
                held.set()
                done.wait()
        threading.Thread(target=holder, daemon=True).start()
        held.wait()
        p = multiprocessing.get_context(sys.argv[1]).Process(target=child)
        p.start()
        p.join()
        done.set()
        print(p.exitcode)
"""


@posix_only
@pytest.mark.parametrize(
    ("method", "code"), [("fork", "3"), ("forkserver", "0"), ("spawn", "0")]
)
def test_only_the_fork_start_method_copies_a_lock_another_thread_holds(
    tmp_path, method, code
):
    script = tmp_path / "held_lock.py"
    script.write_text(textwrap.dedent(FORK_WITH_A_HELD_LOCK), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", str(script), method],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == [code], done.stderr


# -- 6. the Unix daemon lessons -------------------------------------------------


def body_lines(lesson: Path) -> int:
    """A lesson's lines before its try-this box (the box is the reader's task)."""
    source = lesson.read_text(encoding="utf-8").splitlines()
    return source.index("# .. try-this::") - 1


@pytest.mark.parametrize("name", ["unix_daemon_service.py", "daemon_lets_go.py"])
def test_the_daemon_lessons_keep_within_the_house_limit(name):
    assert body_lines(EXAMPLES / "15_unix_daemons" / name) <= 80


def test_the_new_daemon_lesson_comes_right_after_the_first_one():
    header = (EXAMPLES / "15_unix_daemons" / "GALLERY_HEADER.rst").read_text()
    order = re.search(r"^\.\. lesson-order: (.+)$", header, re.M)[1].split()
    assert order[:2] == ["unix_daemon_service.py", "daemon_lets_go.py"]
    assert ":doc:`daemon_lets_go`" in header


def test_the_daemon_lets_go_of_stdin_umask_and_descriptors(site):
    lesson = "15_unix_daemons/daemon_lets_go.py"
    assert lines(site, lesson) == [
        "main: the pipe is at its end, the daemon kept no copy: True",
        "main: the log file's mode is 0o644",
        "main: the daemon's log file says:",
        "  daemon: my stdin is /dev/null: True",
    ]
    # the try-this box removes os.closerange(): the daemon keeps the write end
    (box,) = try_this_outputs(page_of(site, EXAMPLES / lesson)).values()
    assert "main: the pipe is at its end, the daemon kept no copy: False" in box
    text = text_of(site, lesson)
    assert "Under systemd, do not fork at all" in text
    assert "Type=simple" in text and "Type=notify" in text


@posix_only
def test_the_daemon_ignores_the_callers_umask_and_stdin(tmp_path, leak_token):
    # a caller with umask 0o077 and a pipe on stdin: the log is still 0o644
    # and the daemon's stdin is /dev/null
    lesson = EXAMPLES / "15_unix_daemons" / "daemon_lets_go.py"
    read, write = os.pipe()
    try:
        done = subprocess.run(
            [sys.executable, str(lesson)],
            cwd=tmp_path,
            stdin=read,
            capture_output=True,
            text=True,
            timeout=60,
            umask=0o077,
        )
    finally:
        os.close(read)
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "main: the log file's mode is 0o644" in done.stdout.splitlines()
    assert "  daemon: my stdin is /dev/null: True" in done.stdout.splitlines()
    assert "kept no copy: True" in done.stdout
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_without_a_mode_os_open_makes_an_executable_log(tmp_path):
    # what the lesson had: os.open() without a mode, under the usual umask
    old = os.umask(0o022)
    try:
        os.close(os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT))
        os.close(os.open(tmp_path / "fixed", os.O_WRONLY | os.O_CREAT, 0o644))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "log").st_mode) == 0o755
    assert stat.S_IMODE(os.stat(tmp_path / "fixed").st_mode) == 0o644


def test_the_first_daemon_lesson_says_it_lets_go_and_stops_cleanly(site):
    out = lines(site, "15_unix_daemons/unix_daemon_service.py")
    assert "main: sent SIGTERM; the pid file is there: False" in out
    source = (EXAMPLES / "15_unix_daemons" / "unix_daemon_service.py").read_text()
    for step in ("os.umask(0o022)", "os.devnull", "os.closerange(3", "0o644)"):
        assert step in source


# -- 8. zombie_children: subprocess collects dropped Popen objects --------------


def test_zombie_page_says_subprocess_collects_dropped_popen_objects(site):
    text = text_of(site, "23_common_mistakes/zombie_children.py")
    assert "subprocess does the same for the Popen objects you drop" in text
    assert "each new Popen() checks" in text
    assert "such as os.fork() and subprocess.Popen, do not" not in text


@linux_only
def test_a_dropped_running_popen_is_collected_by_the_next_popen():
    read, write = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=read
    )
    os.close(read)
    pid = child.pid
    with pytest.warns(ResourceWarning, match="still running"):
        del child  # dropped while it runs: subprocess keeps it in _active
    active = subprocess._active  # type: ignore[attr-defined]
    assert pid in [p.pid for p in active]
    os.close(write)  # the child reads the end of its stdin and exits
    assert wait_for(lambda: proc_state(pid) == "Z"), proc_state(pid)
    # nobody collected it yet; the next Popen() does
    subprocess.Popen([sys.executable, "-c", "pass"]).wait()
    assert proc_state(pid) == "gone"
    assert pid not in [p.pid for p in active]


# -- 10. Process.interrupt() ---------------------------------------------------


def test_sigterm_page_says_exactly_what_interrupt_does(site):
    text = text_of(site, "16_signals_shutdown/sigterm_handler_and_finally.py")
    assert "Python 3.14 adds Process.interrupt(), on POSIX only" in text
    assert "prints the KeyboardInterrupt traceback and ends with exit code 1" in text
    assert "This site is built with an older Python" not in text


def test_interrupt_exists_only_in_the_posix_popen_classes():
    folder = Path(__import__("multiprocessing").__file__).parent

    def methods(module: str) -> set[str]:
        tree = ast.parse((folder / f"{module}.py").read_text(encoding="utf-8"))
        (popen,) = [
            n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Popen"
        ]
        return {n.name for n in popen.body if isinstance(n, ast.FunctionDef)}

    if sys.version_info >= (3, 14):
        assert "interrupt" in methods("popen_fork")  # fork, forkserver, spawn
    assert "interrupt" not in methods("popen_spawn_win32")  # Windows


INTERRUPTED = """\
    import multiprocessing, time

    def work(ready):
        try:
            ready.set()
            time.sleep(60)
        finally:
            print("worker: finally", flush=True)

    if __name__ == "__main__":
        ready = multiprocessing.Event()
        worker = multiprocessing.Process(target=work, args=(ready,))
        worker.start()
        ready.wait()
        worker.interrupt()
        worker.join()
        print("exit code", worker.exitcode, flush=True)
"""


@posix_only
def test_interrupt_ends_an_uncaught_worker_with_exit_code_1_and_a_traceback(
    tmp_path,
):
    import multiprocessing

    if sys.version_info < (3, 14):  # why the lesson, run on 3.11 too, does not call it
        assert not hasattr(multiprocessing.Process, "interrupt")
        return
    done = run_script(tmp_path, INTERRUPTED)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["worker: finally", "exit code 1"]
    assert "Traceback (most recent call last):" in done.stderr
    assert done.stderr.rstrip().endswith("KeyboardInterrupt")


# -- 11. a new process group leaves the terminal's foreground ------------------


def test_ctrl_c_page_warns_that_a_new_group_misses_a_typed_ctrl_c(site):
    text = text_of(site, "16_signals_shutdown/ctrl_c_process_group.py")
    assert "a new group is not the terminal's foreground process group" in text
    assert "reaches make but no longer this program or its workers" in text


# Run as the terminal's session leader (under script): a child still in the
# foreground group, then in a group of its own, and the Ctrl-C typed after.
NEW_GROUP = """\
    import os, signal, sys

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # children too
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    if (pid := os.fork()) == 0:
        os.close(ready_r)
        os.close(go_w)  # so that the leader's end, if it dies, ends the read
        before = os.tcgetpgrp(0) == os.getpgrp()
        os.setpgid(0, 0)  # what ctrl_c_process_group.py does
        after = os.tcgetpgrp(0) == os.getpgrp()
        os.write(ready_w, b"x")
        os.read(go_r, 1)  # the session leader got the typed Ctrl-C
        got = signal.SIGINT in signal.sigpending()
        print(f"child: foreground before {before}, after {after}, got Ctrl-C {got}")
        os._exit(0)
    os.close(ready_w)
    os.close(go_r)
    os.read(ready_r, 1)
    print("leader: type Ctrl-C", flush=True)
    signal.sigwait({signal.SIGINT})  # the terminal sends it to its foreground group
    print("leader: got Ctrl-C", flush=True)
    os.write(go_w, b"x")
    os.waitpid(pid, 0)
"""


@posix_only
@pytest.mark.skipif(not shutil.which("script"), reason="util-linux script")
def test_after_setpgid_a_typed_ctrl_c_no_longer_reaches_the_program(tmp_path):
    # util-linux's script makes a pseudo-terminal whose session leader is the
    # program (exec), and passes on what is written to its input, as typed:
    # no fork of this (threaded) test process
    script = tmp_path / "new_group.py"
    script.write_text(textwrap.dedent(NEW_GROUP), encoding="utf-8")
    terminal = subprocess.Popen(
        in_script([sys.executable, str(script)]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = b""
    deadline = time.monotonic() + 60  # bounds a hang only
    try:
        while b"child:" not in output and time.monotonic() < deadline:
            if select.select([terminal.stdout], [], [], 1)[0]:
                chunk = os.read(terminal.stdout.fileno(), 1024)
                if not chunk:  # every writer has exited
                    break
                output += chunk
                if b"leader: type Ctrl-C" in chunk:
                    terminal.stdin.write(b"\x03")  # Ctrl-C, typed
                    terminal.stdin.flush()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(terminal.pid, signal.SIGKILL)
        terminal.communicate()
    text = output.decode().replace("\r\n", "\n")
    assert "leader: got Ctrl-C" in text, text
    assert "child: foreground before True, after False, got Ctrl-C False" in text


# -- 12. orphans: a new parent that does not reap ------------------------------


def test_orphan_page_and_glossary_name_subreapers_and_containers(site):
    text = text_of(site, "15_unix_daemons/orphan_new_parent.py")
    assert "on Linux a process may ask to adopt the orphans" in text
    assert "PR_SET_CHILD_SUBREAPER" in text and "docker run --init" in text
    assert "so an orphan never stays a zombie for long" not in text
    glossary = page_text(site / "_build" / "html" / "en" / "glossary.html")
    assert "on Linux only, the nearest ancestor" in glossary
    assert "PR_SET_CHILD_SUBREAPER" in glossary and "docker run --init" in glossary
    assert "PR_SET_CHILD_SUBREAPER" in page_text(
        site / "_build" / "html" / "zh_CN" / "glossary.html"
    )


NO_REAPER = """\
    import ctypes, os, sys

    PR_SET_CHILD_SUBREAPER = 36
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    me = os.getpid()
    if (parent := os.fork()) == 0:
        if os.fork() == 0:  # the orphan to be
            while os.getppid() != me:  # until its parent has gone
                os.sched_yield()
            os._exit(0)  # it ends; this subreaper never collects it
        os._exit(0)
    os.waitpid(parent, 0)  # collect only the parent
    print(me, flush=True)
    sys.stdin.read()  # stay, without reaping, until the test is done
    os.waitpid(-1, 0)  # then collect it, so that no zombie outlives the test
"""


@linux_only
def test_an_orphan_under_a_new_parent_that_does_not_reap_stays_a_zombie(tmp_path):
    script = tmp_path / "no_reaper.py"
    script.write_text(textwrap.dedent(NO_REAPER), encoding="utf-8")
    reaper = subprocess.Popen(
        [sys.executable, str(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        me = int(reaper.stdout.readline())

        def children():
            return [
                int(p.name)
                for p in Path("/proc").iterdir()
                if p.name.isdigit()
                and proc_field(int(p.name), 1) == str(me)  # its ppid
            ]

        assert wait_for(lambda: any(proc_state(c) == "Z" for c in children()))
        (orphan,) = children()
        assert proc_state(orphan) == "Z"  # adopted, ended, never collected
    finally:
        reaper.stdin.close()  # the subreaper ends; init collects what it left
        reaper.wait(timeout=30)


def proc_field(pid: int, index: int) -> str:
    """Field ``index`` after the state in /proc/<pid>/stat (1: the ppid)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return ""
    return text.rsplit(")", 1)[1].split()[index]


# -- 16. SO_REUSEADDR and SO_LINGER ---------------------------------------------


def test_tcp_pages_say_posix_not_linux_and_macos(site):
    text = text_of(site, "10_tcp_server/tcp_server_homework.py")
    assert "sets it for you on POSIX systems (Linux, macOS, the BSDs)" in text
    assert "Not on Windows, which does not need it" in text
    assert "sets it for you on Linux and macOS" not in text
    assert "create_server sets SO_REUSEADDR on POSIX (Windows needs none)" in text


@posix_only
def test_create_server_sets_so_reuseaddr_here_and_not_on_windows():
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert server.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0
    # the standard library's own condition, next to its note on Windows
    source = Path(socket.__file__).read_text(encoding="utf-8")
    create_server = source[source.index("def create_server(") :]
    condition = create_server.index("if os.name not in ('nt', 'cygwin')")
    assert create_server.index("SO_REUSEADDR", condition) - condition < 120


def load_check_server(monkeypatch, platform: str):
    monkeypatch.setattr(sys, "platform", platform)
    spec = importlib.util.spec_from_file_location(
        f"check_server_{platform}", EXAMPLES / "10_tcp_server" / "check_server.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_server_packs_struct_linger_per_platform(monkeypatch):
    # POSIX: struct linger { int l_onoff; int l_linger; }
    posix = load_check_server(monkeypatch, "linux").LINGER_RESET
    assert posix == struct.pack("ii", 1, 0)
    # Windows: struct linger { u_short l_onoff; u_short l_linger; }
    windows = load_check_server(monkeypatch, "win32").LINGER_RESET
    assert windows == struct.pack("HH", 1, 0) and len(windows) == 4


@posix_only
def test_check_servers_linger_closes_with_a_reset(monkeypatch):
    linger = load_check_server(monkeypatch, sys.platform).LINGER_RESET
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname(), timeout=30)
        conn, _ = server.accept()
        with conn:
            conn.settimeout(30)  # only turns a hang into a failure
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            size = struct.calcsize("ii")
            got = client.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, size)
            assert struct.unpack("ii", got)[0] != 0  # lingering is on
            client.close()
            with pytest.raises(ConnectionResetError):
                conn.recv(1)
