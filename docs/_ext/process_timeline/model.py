"""From the recorded events of one run to the rows of its timeline."""

from __future__ import annotations

import dataclasses
import json
import signal as _signal
from typing import Any

from . import events


@dataclasses.dataclass
class Row:
    """One process: its life, and what it waited for or held."""

    pid: int
    name: str
    parent: int | None
    daemon: bool
    start: float
    end: float | None = None
    # how it really ended, as its parent learned it (events.py, "status"): n >= 0
    # it exited with n, -n a signal n killed it; None: never learned
    exitcode: int | None = None
    depth: int = 0
    spawned: float = 0.0  # when its parent's start() returned: the rows' order
    # a Python program of its own (started with subprocess, say), not a
    # multiprocessing child: its bar ends when its interpreter exits
    program: bool = False
    holds: list[tuple[float, float, str]] = dataclasses.field(default_factory=list)
    joins: list[tuple[float, float, int]] = dataclasses.field(default_factory=list)
    # the waits of the interpreter's exit for children still running (the
    # implicit join of non-daemon children), one per child
    exit_joins: list[tuple[float, float, int]] = dataclasses.field(default_factory=list)
    gets: list[tuple[float, float]] = dataclasses.field(default_factory=list)
    # its calls of terminate(), kill() or interrupt(): (when, on which child,
    # the signal, who called: "pool" = a pool's terminate(), "exit" = the
    # interpreter's exit (daemons), "executor" = a broken ProcessPoolExecutor,
    # None = the lesson's code; whether that child had already ended, None:
    # not known, in a timeline saved before this was recorded)
    calls: list[tuple[float, int, int, str | None, bool | None]] = dataclasses.field(
        default_factory=list
    )
    # As rows were made up to version 2.1 (saved timelines, samples): the signals
    # it received (when, signal, who sent it).  A Timeline turns them into calls
    # of its parent, who sent them as far as is known.
    signals: list[tuple[Any, ...]] = dataclasses.field(
        default_factory=list, repr=False, compare=False
    )

    @property
    def finish(self) -> float:
        """When it ended (``build`` sets ``end`` on every row it returns)."""
        assert self.end is not None
        return self.end

    @property
    def killed_by(self) -> int | None:
        """The number of the signal that ended it, if one did."""
        if self.exitcode is not None and self.exitcode < 0:
            return -self.exitcode
        return None

    def exit_wait(self) -> tuple[float, float] | None:
        """The whole of its implicit join at exit (one wait after the other)."""
        if not self.exit_joins:
            return None
        return (
            min(t0 for t0, _, _ in self.exit_joins),
            max(t1 for _, t1, _ in self.exit_joins),
        )


@dataclasses.dataclass
class Timeline:
    rows: list[Row]
    t0: float
    t1: float
    code_end: float | None
    locks: dict[str, dict[str, Any]]  # lock id -> {"kind": "Lock"..., "value": n}
    # the code cells that started processes, when the lesson has two or more:
    # (when the cell began, its number from 1, its first line in the file)
    parts: list[tuple[float, int, int]] = dataclasses.field(default_factory=list)

    def name_of(self, pid: int) -> str:
        return next((r.name for r in self.rows if r.pid == pid), str(pid))

    def __post_init__(self) -> None:
        parents = {row.pid: row for row in self.rows}
        for row in self.rows:
            parent = parents.get(row.parent) if row.parent is not None else None
            if parent is not None and row.signals:
                for t, sig, *by in row.signals:
                    parent.calls.append((t, row.pid, sig, by[0] if by else None, None))
                parent.calls.sort(key=lambda call: call[0])
            row.signals = []

    def to_json(self) -> str:
        data = dataclasses.asdict(self)
        for row in data["rows"]:
            del row["signals"]
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Timeline:
        data = json.loads(text)
        rows = []
        for row in data.pop("rows"):
            for key in ("holds", "joins", "exit_joins", "gets", "calls", "signals"):
                # (saved before exit_joins or calls: none known; signals: 2.1)
                row[key] = [tuple(item) for item in row.get(key, [])]
            rows.append(Row(**row))
        data["parts"] = [tuple(part) for part in data.get("parts", [])]
        return cls(rows=rows, **data)


@dataclasses.dataclass
class Builder:
    """A timeline while its events are folded in (see events.APPLY)."""

    main_pid: int
    rows: dict[int, Row]
    locks: dict[str, dict[str, Any]]
    code_end: float | None = None
    cells: list[tuple[float, int, int]] = dataclasses.field(default_factory=list)
    open_holds: dict[tuple[int, str], float] = dataclasses.field(default_factory=dict)
    open_joins: dict[int, tuple[float, int, str | None]] = dataclasses.field(
        default_factory=dict
    )
    open_gets: dict[int, float] = dataclasses.field(default_factory=dict)
    # child -> when its parent learned its exit status
    status_seen: dict[int, float] = dataclasses.field(default_factory=dict)


def build(recorded: list[events.Event]) -> Timeline | None:
    """The timeline of a run, or None when the run started no process (of
    multiprocessing, or a Python program that recorded itself)."""
    main = next((e for e in recorded if e["ev"] == "main"), None)
    if main is None:
        return None
    spawned = [e for e in recorded if e["ev"] == "spawned"]
    programs = [e for e in recorded if e["ev"] == "program" and e["pid"] != main["pid"]]
    if not spawned and not programs:
        return None
    rows = {main["pid"]: Row(main["pid"], "MainProcess", None, False, main["t"])}
    for e in spawned:
        rows[e["child"]] = Row(
            e["child"], e["name"], e["pid"], e["daemon"], e["t"], spawned=e["t"]
        )
    for e in programs:
        rows.setdefault(
            e["pid"],
            Row(e["pid"], e["name"], e["ppid"], False, e["t"], spawned=e["t"]),
        ).program = True
    for row in rows.values():  # started through a program that records nothing
        if row.program and row.parent not in rows:  # (a shell): under the main
            row.parent = main["pid"]
    locks = {
        e["lock"]: {"kind": e["kind"], "value": e.get("value")}
        for e in recorded
        if e["ev"] == "lock_new" and not e["internal"]
    }
    builder = Builder(main["pid"], rows, locks)
    for e in sorted(recorded, key=lambda e: e["t"]):
        events.APPLY[e["ev"]](builder, e)
    last = max(e["t"] for e in recorded)
    for row in rows.values():
        if row.end is None:  # it never returned from its target: killed, or lost
            row.end = max(row.start, _end_unseen(row, rows, builder, last))
    ordered = _tree_order(rows)
    ends = [r.end for r in ordered if r.end is not None]
    parts = _parts(builder.cells, [r.spawned for r in ordered if r.parent is not None])
    return Timeline(ordered, main["t"], max(ends), builder.code_end, locks, parts)


def _parts(
    cells: list[tuple[float, int, int]], starts: list[float]
) -> list[tuple[float, int, int]]:
    """The cells in which processes were started, if there are two or more."""
    if not cells:  # (a run recorded before cells were)
        return []
    bounds = [t for t, _, _ in cells[1:]] + [float("inf")]
    parts = [
        cell
        for cell, until in zip(cells, bounds, strict=True)
        if any(cell[0] <= t < until for t in starts)
    ]
    return parts if len(parts) > 1 else []


def _end_unseen(row: Row, rows: dict[int, Row], b: Builder, last: float) -> float:
    """About when a process that recorded no end of its own ended: at the call
    that sent the signal that killed it, else before the first call that found
    it ended, else when its parent learned that it had ended, else at the end."""
    calls = sorted(
        (t, sig, ended)
        for other in rows.values()
        for t, child, sig, _by, ended in other.calls
        if child == row.pid
    )
    fatal = [t for t, sig, ended in calls if sig == row.killed_by and not ended]
    found_ended = [t for t, _sig, ended in calls if ended]
    return min(fatal[:1] + found_ended[:1] + [b.status_seen.get(row.pid, last)])


def _tree_order(rows: dict[int, Row]) -> list[Row]:
    children: dict[int | None, list[Row]] = {}
    for row in rows.values():
        children.setdefault(row.parent, []).append(row)
    ordered = []

    def visit(row: Row, depth: int) -> None:
        row.depth = depth
        ordered.append(row)
        for child in sorted(children.get(row.pid, []), key=lambda r: r.spawned):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    return ordered


def most_inside(timeline: Timeline, lock: str) -> int:
    """The largest number of processes that held ``lock`` at the same time."""
    moments = []
    for row in timeline.rows:
        for t0, t1, held in row.holds:
            if held == lock:
                moments += [(t0, 1), (t1, -1)]
    inside = most = 0
    for _, step in sorted(moments, key=lambda m: (m[0], m[1])):
        inside += step
        most = max(most, inside)
    return most


def signal_name(number: int) -> str:
    try:
        return _signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
