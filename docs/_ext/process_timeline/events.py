"""The process events of a recorded run: each kind, its fields, and what it means.

The recorder (``recorder.py``, inside the lesson's processes) writes one JSON
object per event: ``{"t": <time.monotonic()>, "pid": <os.getpid()>, "ev":
<kind>, <fields>...}``.  ``model.build`` folds them into the rows of a timeline
with the functions in ``APPLY``.  To add a kind of event: declare it in
``FIELDS`` and ``APPLY`` here, emit it in the recorder, draw it in ``svg.py``.

This module is also loaded inside every process of a lesson's run: it imports
nothing.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeAlias

    from .model import Builder

    Event: TypeAlias = dict[str, Any]

# kind -> its fields, besides "t", "pid" and "ev"
FIELDS: dict[str, tuple[str, ...]] = {
    "main": (),  # the example's main code begins (its process is the root row)
    "code_end": (),  # ... and ends; the interpreter then shuts down
    # the example's code cell ``number`` (1: the first) begins, at ``line``
    "cell": ("number", "line"),
    "exit": (),  # a process's interpreter exits (its atexit handlers run)
    # an interpreter starts that is not one of multiprocessing's own (a Python
    # program the lesson started with subprocess, say): its parent ``ppid``, and
    # ``name``, how its command line reads ("python homework_server.py")
    "program": ("ppid", "name"),
    "spawned": ("child", "name", "daemon"),  # start() made child ``child``
    "start": ("name", "daemon"),  # a child begins to run its target
    # ... and returns from it; ``exitcode``: what it is about to exit with, as
    # the child sees it (the time its bar ends, never how it ended: see status)
    "end": ("exitcode",),
    # how child ``child`` really ended, the moment its parent learned it:
    # multiprocessing set its Popen's returncode (in poll() or wait(), which
    # join(), is_alive() and exitcode call; under forkserver it is read from the
    # fork server's pipe).  ``exitcode`` as Process.exitcode: n >= 0 it exited
    # with n, -n a signal n killed it.  No such event: the status was never read.
    "status": ("child", "exitcode"),
    # waiting for a child; ``by``: "exit" when the interpreter's exit handler
    # (multiprocessing.util._exit_function) joins it, "pool" inside a pool's
    # terminate(), "executor" when a broken ProcessPoolExecutor stops its
    # workers, else None (a join() of the lesson's code)
    "join_begin": ("child", "by"),
    "join_end": ("child",),
    # a call of terminate(), kill() or interrupt() on child ``child`` (drawn at
    # the caller, ``pid``): signal ``sig``, sent unless its status was already
    # known; ``by`` as for join_begin; ``ended``: the child had already ended
    # (its status was known or waiting to be read), so the signal did nothing
    "signal": ("child", "sig", "by", "ended"),
    # a Lock, RLock, Semaphore... made by the lesson (internal: by multiprocessing)
    "lock_new": ("lock", "kind", "internal", "value"),
    "acquire": ("lock",),
    "release": ("lock",),
    "get_begin": (),  # a blocking Queue.get() begins
    "get_end": (),
}


def make(kind: str, t: float, pid: int, /, **fields: Any) -> Event:
    """One event, checked against its declaration."""
    if set(fields) != set(FIELDS[kind]):
        raise ValueError(f"event {kind!r} has fields {FIELDS[kind]}, got {fields}")
    return {"t": t, "pid": pid, "ev": kind, **fields}


def _code_end(b: Builder, e: Event) -> None:
    if e["pid"] == b.main_pid:
        b.code_end = e["t"]


def _cell(b: Builder, e: Event) -> None:
    if e["pid"] == b.main_pid:
        b.cells.append((e["t"], e["number"], e["line"]))


def _signal(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows and e["child"] in b.rows:
        b.rows[e["pid"]].calls.append(
            (e["t"], e["child"], e["sig"], e["by"], e["ended"])
        )


def _start(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows:
        b.rows[e["pid"]].start = e["t"]


def _end(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows:
        b.rows[e["pid"]].end = e["t"]


def _status(b: Builder, e: Event) -> None:
    target = b.rows.get(e["child"])
    if target is not None and target.exitcode is None:
        target.exitcode = e["exitcode"]
        b.status_seen[e["child"]] = e["t"]


def _exit(b: Builder, e: Event) -> None:
    row = b.rows.get(e["pid"])
    if row is not None and (row.parent is None or row.program):
        row.end = e["t"]


def _acquire(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows and e["lock"] in b.locks:
        b.open_holds[(e["pid"], e["lock"])] = e["t"]


def _release(b: Builder, e: Event) -> None:
    started = b.open_holds.pop((e["pid"], e["lock"]), None)
    if started is not None:
        b.rows[e["pid"]].holds.append((started, e["t"], e["lock"]))


def _join_begin(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows:
        b.open_joins[e["pid"]] = (e["t"], e["child"], e["by"])


def _join_end(b: Builder, e: Event) -> None:
    begun = b.open_joins.pop(e["pid"], None)
    if begun is None:
        return
    t0, child, by = begun
    row = b.rows[e["pid"]]
    (row.exit_joins if by == "exit" else row.joins).append((t0, e["t"], child))


def _get_begin(b: Builder, e: Event) -> None:
    if e["pid"] in b.rows:
        b.open_gets[e["pid"]] = e["t"]


def _get_end(b: Builder, e: Event) -> None:
    started = b.open_gets.pop(e["pid"], None)
    if started is not None:
        b.rows[e["pid"]].gets.append((started, e["t"]))


def _nothing(b: Builder, e: Event) -> None:
    """Events that make rows or locks (see model.build) change nothing else."""


# kind -> how the event changes the timeline being built, in time order
APPLY: dict[str, Callable[[Builder, Event], None]] = {
    "main": _nothing,
    "program": _nothing,
    "code_end": _code_end,
    "cell": _cell,
    "exit": _exit,
    "spawned": _nothing,
    "start": _start,
    "end": _end,
    "status": _status,
    "join_begin": _join_begin,
    "join_end": _join_end,
    "signal": _signal,
    "lock_new": _nothing,
    "acquire": _acquire,
    "release": _release,
    "get_begin": _get_begin,
    "get_end": _get_end,
}
