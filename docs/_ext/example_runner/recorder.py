"""Record the life of every process of an example's run, for the timeline.

Loaded at start-up of every interpreter of a build run (see
timeline_hook/sitecustomize.py) when PROCESS_TIMELINE names the events file;
never part of the lessons.  Each process appends one JSON line per event to
that file (O_APPEND keeps lines whole).  Nothing is printed and nothing the
lesson sees changes: the wrappers call the original methods and note the moment.
"""

import atexit
import contextlib
import json
import os
import sys
import time

_fd = None
_MP_DIR = None


def emit(event, **fields):
    """Append one event of this process to the events file."""
    if _fd is None:
        return
    record = {"t": time.monotonic(), "pid": os.getpid(), "ev": event, **fields}
    with contextlib.suppress(OSError):  # a full disk must not break the lesson
        os.write(_fd, (json.dumps(record) + "\n").encode())


def install(path):
    """Start recording this process's events into ``path``."""
    global _fd
    _fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    # Registered before multiprocessing registers its own exit handler, so it
    # runs after it: after non-daemon children were joined and daemons stopped.
    atexit.register(lambda: emit("exit"))
    _patch_processes()
    _patch_locks()
    _patch_queues()


def _patch_processes():
    # The hooks sit where the lessons' own exceptions never pass through them,
    # so a traceback a lesson prints looks as it does without recording.
    import multiprocessing.process as process

    bootstrap = process.BaseProcess._bootstrap

    def _bootstrap(self, *args, **kwargs):
        emit("start", name=self.name, daemon=self.daemon)
        code = bootstrap(self, *args, **kwargs)
        emit("end", exitcode=code)
        return code

    process.BaseProcess._bootstrap = _bootstrap
    if os.name != "posix":
        return
    from multiprocessing import popen_fork

    popen = popen_fork.Popen
    init, wait, send = popen.__init__, popen.wait, popen._send_signal

    def _init(self, process_obj):
        init(self, process_obj)  # (a fork child never comes back from here)
        emit(
            "spawned", child=self.pid, name=process_obj.name, daemon=process_obj.daemon
        )

    def _wait(self, timeout=None):
        emit("join_begin", child=self.pid)
        code = wait(self, timeout)
        emit("join_end", child=self.pid, exitcode=code)
        return code

    def _send_signal(self, sig):
        emit("signal", child=self.pid, sig=int(sig))
        return send(self, sig)

    popen.__init__, popen.wait, popen._send_signal = _init, _wait, _send_signal


def _patch_locks():
    try:
        from multiprocessing import synchronize
    except ImportError:  # no working sem_open on this platform
        return
    global _MP_DIR
    _MP_DIR = os.path.dirname(synchronize.__file__)
    semlock = synchronize.SemLock
    init, make = semlock.__init__, semlock._make_methods

    def _init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        emit(
            "lock_new",
            lock=_ident(self),
            kind=type(self).__name__,
            internal=_made_inside_multiprocessing(),
            value=_value(self),
        )

    def _make_methods(self):
        make(self)
        acquire, release, ident = self.acquire, self.release, _ident(self)

        def _acquire(*args, **kwargs):
            got = acquire(*args, **kwargs)
            if got:
                emit("acquire", lock=ident)
            return got

        def _release():
            emit("release", lock=ident)
            return release()

        self.acquire, self.release = _acquire, _release

    semlock.__init__, semlock._make_methods = _init, _make_methods
    semlock.__enter__ = lambda self: self.acquire()
    semlock.__exit__ = lambda self, *exc: self.release()


def _ident(lock):
    # Under fork the semaphore has no name, but every process sees it at the
    # same address; elsewhere its name travels with it to the children.
    return lock._semlock.name or f"at-{id(lock._semlock):x}"


def _value(lock):
    try:
        return lock._semlock._get_value()
    except (NotImplementedError, OSError):
        return None


def _made_inside_multiprocessing():
    """True for the locks that Event, Queue, Barrier... make for themselves."""
    frame = sys._getframe(2)  # the caller of SemLock.__init__
    inside = 0
    while frame is not None and frame.f_code.co_filename.startswith(_MP_DIR):
        if not frame.f_code.co_filename.endswith("context.py"):
            inside += 1
        frame = frame.f_back
    return inside > 1


def _patch_queues():
    from multiprocessing import queues

    get = queues.Queue.get

    def _get(self, block=True, timeout=None):
        if not block:
            return get(self, block, timeout)
        emit("get_begin")
        try:
            return get(self, block, timeout)
        finally:
            emit("get_end")

    queues.Queue.get = _get
