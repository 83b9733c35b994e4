"""Record the life of every process of an example's run, for the timeline.

Loaded at start-up of every interpreter of a build run (see
hook/sitecustomize.py) when PROCESS_TIMELINE names the events file; never part
of the lessons.  Each process appends one JSON line per event (see events.py)
to that file (O_APPEND keeps lines whole).  Nothing is printed and nothing the
lesson sees changes: the wrappers call the original methods and note the moment.
The example runner's audit events say when the example's code begins and ends.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import re
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:
    from . import events
except ImportError:  # loaded by the start-up hook, outside its package
    import _process_timeline_events as events  # type: ignore[import-not-found,no-redef]

_fd: int | None = None
_MP_DIR = ""
_CALLER_CODES: dict[tuple[str, str], str] = {}  # (file, function) -> "pool"...
_STATE = "process_timeline.lock"  # marks a pickled lock's state as ours

# What the recorder wraps, by module and attribute: CPython internals, checked
# by tests/test_sphinx_gallery_contract.py and by the extension's setup().
PATCHED = (
    ("multiprocessing.process", "BaseProcess._bootstrap"),
    ("multiprocessing.process", "BaseProcess._popen"),
    ("multiprocessing.popen_fork", "Popen.wait"),
    ("multiprocessing.popen_fork", "Popen.returncode"),
    ("multiprocessing.popen_fork", "Popen._send_signal"),
    ("multiprocessing.synchronize", "SemLock.__init__"),
    ("multiprocessing.synchronize", "SemLock._make_methods"),
    ("multiprocessing.synchronize", "SemLock.__getstate__"),
    ("multiprocessing.synchronize", "SemLock.__setstate__"),
    ("multiprocessing.synchronize", "SemLock._semlock"),
    ("multiprocessing.queues", "Queue.get"),
    ("subprocess", "Popen._handle_exitstatus"),
)
# What the recorder looks for on the call stack, to say who joined a child or
# sent it a signal (events.py, ``by``): a pool's terminate(), which leaving
# ``with Pool()`` calls, the interpreter's exit handler of multiprocessing,
# which joins the children still running (the implicit join), and a
# ProcessPoolExecutor that a dead worker broke, which stops all its workers.
CALLERS = (
    ("multiprocessing.pool", "Pool._terminate_pool", "pool"),
    ("multiprocessing.util", "_exit_function", "exit"),
    (
        "concurrent.futures.process",
        "_ExecutorManagerThread.terminate_broken",
        "executor",
    ),
)
_AUDIT = {"example_runner.main": "main", "example_runner.code_end": "code_end"}


def missing() -> list[str]:
    """The attributes in PATCHED that this Python does not have."""
    absent = []
    for module_name, path in (*PATCHED, *((m, p) for m, p, _ in CALLERS)):
        try:
            obj: Any = importlib.import_module(module_name)
        except ImportError:
            absent.append(f"{module_name} (module)")
            continue
        if "." not in path:  # a function of the module
            if not callable(getattr(obj, path, None)):
                absent.append(f"{module_name}.{path}")
            continue
        owner, attribute = path.split(".", 1)
        cls = getattr(obj, owner, None)
        if attribute in ("_semlock", "_popen", "returncode"):  # set in __init__
            found = cls is not None and f"self.{attribute}" in _source(cls.__init__)
        else:
            found = cls is not None and hasattr(cls, attribute)
        if not found:
            absent.append(f"{module_name}.{path}")
    return absent


def _source(function: Any) -> str:
    import inspect

    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def emit(kind: str, /, **fields: Any) -> None:
    """Append one event of this process to the events file."""
    if _fd is None:
        return
    record = events.make(kind, time.monotonic(), os.getpid(), **fields)
    with contextlib.suppress(OSError):  # a full disk must not break the lesson
        os.write(_fd, (json.dumps(record) + "\n").encode())


def _caller() -> str | None:
    """Who is joining or signalling a child (see CALLERS), or None: the lesson."""
    if not _CALLER_CODES:
        import multiprocessing

        # the standard library's folder: the callers' modules are not imported
        stdlib = os.path.dirname(os.path.dirname(multiprocessing.__file__))
        for module, path, who in CALLERS:
            filename = os.path.join(stdlib, *module.split(".")) + ".py"
            _CALLER_CODES[(filename, path.split(".")[-1])] = who
    frame: Any = sys._getframe(2)  # the caller of the wrapper that asks
    while frame is not None:
        code = frame.f_code
        by = _CALLER_CODES.get((code.co_filename, code.co_name))
        if by is not None:
            return by
        frame = frame.f_back
    return None


def install(path: str) -> None:
    """Start recording this process's events into ``path``."""
    global _fd
    _fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    # Registered before multiprocessing registers its own exit handler, so it
    # runs after it: after non-daemon children were joined and daemons stopped.
    atexit.register(lambda: emit("exit"))
    name = program_name(getattr(sys, "orig_argv", sys.argv))
    if name is not None:
        emit("program", ppid=os.getppid(), name=name)
    sys.addaudithook(_on_audit)
    _patch_processes()
    _patch_locks()
    _patch_queues()
    _patch_subprocess()


def program_name(argv: list[str]) -> str | None:
    """How a Python command line reads on the chart ("python server.py"); None
    for the interpreters multiprocessing starts (a spawn child, the fork
    server, the resource tracker), which are drawn as what they are."""
    args = argv[1:]
    if "-c" in args:
        at = args.index("-c")
        code = args[at + 1] if at + 1 < len(args) else ""
        # (3.14's fork server: "import sys; from multiprocessing.forkserver ...")
        if re.search(r"\bfrom multiprocessing\.\w+ import (main|spawn_main)\b", code):
            return None
        rest = args[at + 2 :]  # a -c program that runs a script it is given
    elif "-m" in args:
        at = args.index("-m")
        return " ".join(["python", "-m", *args[at + 1 : at + 2]])
    else:
        rest = args
    scripts = [a for a in rest if a.endswith(".py")]
    if scripts:
        return "python " + os.path.basename(scripts[0])
    return "python -c" if "-c" in args else "python"


def _patch_subprocess() -> None:
    if os.name != "posix":
        return
    import subprocess

    popen: Any = subprocess.Popen
    handle = popen._handle_exitstatus

    # subprocess sets returncode here once it learns how a child ended (wait(),
    # poll(), run()): its real exit status, as for a multiprocessing child.
    def _handle_exitstatus(self: Any, *args: Any, **kwargs: Any) -> None:
        handle(self, *args, **kwargs)
        emit("status", child=self.pid, exitcode=self.returncode)

    popen._handle_exitstatus = _handle_exitstatus


def _on_audit(name: str, args: tuple[Any, ...]) -> None:
    if name in _AUDIT:
        emit(_AUDIT[name])
    elif name == "example_runner.cell":
        emit("cell", number=args[0] + 1, line=args[1])


def _patch_processes() -> None:
    # The hooks sit where the lessons' own exceptions never pass through them,
    # so a traceback a lesson prints looks as it does without recording.
    import multiprocessing.process as process

    base: Any = process.BaseProcess  # its internals are not typed
    bootstrap = base._bootstrap

    def _bootstrap(self: Any, *args: Any, **kwargs: Any) -> Any:
        emit("start", name=self.name, daemon=self.daemon)
        code = bootstrap(self, *args, **kwargs)
        emit("end", exitcode=code)
        return code

    base._bootstrap = _bootstrap

    # start() sets self._popen once the child exists (a failed start never
    # does, so its traceback has no frame of ours): the moment it was spawned.
    def _get_popen(self: Any) -> Any:
        return self.__dict__.get("_recorded_popen")

    def _set_popen(self: Any, value: Any) -> None:
        self.__dict__["_recorded_popen"] = value
        if value is not None and getattr(value, "pid", None):
            emit("spawned", child=value.pid, name=self.name, daemon=self.daemon)

    base._popen = property(_get_popen, _set_popen)
    if os.name != "posix":
        return
    from multiprocessing import popen_fork

    # The Popen of fork, and of spawn and forkserver (its subclasses), on POSIX.
    popen: Any = popen_fork.Popen
    wait, send = popen.wait, popen._send_signal

    def _wait(self: Any, timeout: float | None = None) -> Any:
        emit("join_begin", child=self.pid, by=_caller())
        code = wait(self, timeout)
        emit("join_end", child=self.pid)
        return code

    def _send_signal(self: Any, sig: int) -> None:
        ended = _has_ended(self)
        emit("signal", child=self.pid, sig=int(sig), by=_caller(), ended=ended)
        return send(self, sig)

    # multiprocessing sets returncode once, when it learns how the child ended
    # (poll() and wait(), under every start method): its real exit status.
    def _get_returncode(self: Any) -> Any:
        return self.__dict__.get("_recorded_returncode")

    def _set_returncode(self: Any, value: Any) -> None:
        if value is not None and self.__dict__.get("_recorded_returncode") is None:
            emit("status", child=self.pid, exitcode=value)
        self.__dict__["_recorded_returncode"] = value

    popen.wait, popen._send_signal = _wait, _send_signal
    popen.returncode = property(_get_returncode, _set_returncode)


def _has_ended(popen: Any) -> bool:
    """Whether a child had ended before a signal was sent to it, seen without
    reading its status (the lesson's multiprocessing reads it when it wants)."""
    if popen.returncode is not None:
        return True
    import select

    # Its sentinel is ready once it has ended: under fork and spawn when the
    # pipe's end it held is closed (unless a child of its own keeps that end
    # open), under forkserver when the fork server has written its status.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        poller = select.poll()
        poller.register(popen.sentinel, select.POLLIN)
        if poller.poll(0):
            return True
    # Under fork and spawn the child is ours: a zombie, left for the lesson to
    # collect (WNOWAIT).  Under forkserver it is the fork server's.
    with contextlib.suppress(OSError, AttributeError):
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, popen.pid, flags) is not None
    return False


def _patch_locks() -> None:
    try:
        from multiprocessing import synchronize
    except ImportError:  # no working sem_open on this platform
        return
    global _MP_DIR
    _MP_DIR = os.path.dirname(synchronize.__file__)
    semlock: Any = synchronize.SemLock
    init, make = semlock.__init__, semlock._make_methods
    getstate, setstate = semlock.__getstate__, semlock.__setstate__

    def _init(self: Any, *args: Any, **kwargs: Any) -> None:
        # known before init() makes the lock's methods (see _make_methods)
        self._recorded_internal = _made_inside_multiprocessing()
        init(self, *args, **kwargs)
        emit(
            "lock_new",
            lock=_ident(self),
            kind=type(self).__name__,
            internal=self._recorded_internal,
            value=_value(self),
        )

    def _make_methods(self: Any) -> None:
        make(self)
        if getattr(self, "_recorded_internal", False):
            # The locks of a Queue, a Value, an Event... are never drawn, and a
            # recorded use costs about 100 us: a lesson that takes a Value's
            # lock 10,000 times would print slower timings than in a terminal.
            return
        acquire, release, ident = self.acquire, self.release, _ident(self)

        def _acquire(*args: Any, **kwargs: Any) -> bool:
            got = acquire(*args, **kwargs)
            if got:
                emit("acquire", lock=ident)
            return got

        def _release() -> None:
            emit("release", lock=ident)
            return release()

        self.acquire, self.release = _acquire, _release

    # A lock sent to a spawn or forkserver child takes its mark along (every
    # process of a recorded run has these wrappers, so both ends agree).
    def _getstate(self: Any) -> Any:
        return (_STATE, getstate(self), getattr(self, "_recorded_internal", False))

    def _setstate(self: Any, state: Any) -> None:
        if isinstance(state, tuple) and len(state) == 3 and state[0] == _STATE:
            _, state, self._recorded_internal = state
        setstate(self, state)

    semlock.__init__, semlock._make_methods = _init, _make_methods
    semlock.__getstate__, semlock.__setstate__ = _getstate, _setstate
    semlock.__enter__ = lambda self: self.acquire()
    semlock.__exit__ = lambda self, *exc: self.release()


def _ident(lock: Any) -> str:
    # Under fork the semaphore has no name, but every process sees it at the
    # same address; elsewhere its name travels with it to the children.
    return lock._semlock.name or f"at-{id(lock._semlock):x}"


def _value(lock: Any) -> int | None:
    try:
        return lock._semlock._get_value()
    except (NotImplementedError, OSError):
        return None


def _made_inside_multiprocessing() -> bool:
    """True for the locks that Event, Queue, Barrier... make for themselves."""
    frame: Any = sys._getframe(2)  # the caller of SemLock.__init__
    inside = 0
    while frame is not None and frame.f_code.co_filename.startswith(_MP_DIR):
        if not frame.f_code.co_filename.endswith("context.py"):
            inside += 1
        frame = frame.f_back
    return inside > 1


def _patch_queues() -> None:
    from multiprocessing import queues

    queue: Any = queues.Queue
    get = queue.get

    def _get(self: Any, block: bool = True, timeout: float | None = None) -> Any:
        if not block:
            return get(self, block, timeout)
        emit("get_begin")
        try:
            return get(self, block, timeout)
        finally:
            emit("get_end")

    queue.get = _get
