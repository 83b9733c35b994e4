"""From the recorded events of one run to the rows of its timeline."""

from __future__ import annotations

import dataclasses
import signal as _signal


@dataclasses.dataclass
class Row:
    """One process: its life, and what it waited for or held."""

    pid: int
    name: str
    parent: int | None
    daemon: bool
    start: float
    end: float | None = None
    exitcode: int | None = None
    depth: int = 0
    spawned: float = 0.0  # when its parent's start() returned: the rows' order
    holds: list = dataclasses.field(default_factory=list)  # (t0, t1, lock id)
    joins: list = dataclasses.field(default_factory=list)  # (t0, t1, child pid)
    gets: list = dataclasses.field(default_factory=list)  # (t0, t1)
    signals: list = dataclasses.field(default_factory=list)  # (t, signal number)


@dataclasses.dataclass
class Timeline:
    rows: list[Row]
    t0: float
    t1: float
    code_end: float | None
    locks: dict  # lock id -> {"kind": "Lock" | "Semaphore" | ..., "value": n}

    def name_of(self, pid: int) -> str:
        return next((r.name for r in self.rows if r.pid == pid), str(pid))


def build(events: list[dict]) -> Timeline | None:
    """The timeline of a run, or None when the run started no process."""
    main = next((e for e in events if e["ev"] == "main"), None)
    spawned = [e for e in events if e["ev"] == "spawned"]
    if main is None or not spawned:
        return None
    events = sorted(events, key=lambda e: e["t"])
    rows = {main["pid"]: Row(main["pid"], "MainProcess", None, False, main["t"])}
    for e in spawned:
        rows[e["child"]] = Row(
            e["child"], e["name"], e["pid"], e["daemon"], e["t"], spawned=e["t"]
        )
    locks = {
        e["lock"]: {"kind": e["kind"], "value": e.get("value")}
        for e in events
        if e["ev"] == "lock_new" and not e["internal"]
    }
    open_holds, open_joins, open_gets = {}, {}, {}
    code_end = None
    for e in events:
        row, ev = rows.get(e["pid"]), e["ev"]
        if ev == "code_end" and e["pid"] == main["pid"]:
            code_end = e["t"]
        if ev == "signal" and e["child"] in rows:
            rows[e["child"]].signals.append((e["t"], e["sig"]))
        if ev == "join_end" and e["child"] in rows and e["exitcode"] is not None:
            target = rows[e["child"]]
            if target.exitcode is None:
                target.exitcode = e["exitcode"]
        if row is None:
            continue
        if ev == "start":
            row.start = e["t"]
        elif ev == "end":
            row.end, row.exitcode = e["t"], e["exitcode"]
        elif ev == "exit" and row.parent is None:
            row.end = e["t"]
        elif ev == "acquire" and e["lock"] in locks:
            open_holds[(row.pid, e["lock"])] = e["t"]
        elif ev == "release" and (row.pid, e["lock"]) in open_holds:
            row.holds.append((open_holds.pop((row.pid, e["lock"])), e["t"], e["lock"]))
        elif ev == "join_begin":
            open_joins[row.pid] = (e["t"], e["child"])
        elif ev == "join_end" and row.pid in open_joins:
            t0, child = open_joins.pop(row.pid)
            row.joins.append((t0, e["t"], child))
        elif ev == "get_begin":
            open_gets[row.pid] = e["t"]
        elif ev == "get_end" and row.pid in open_gets:
            row.gets.append((open_gets.pop(row.pid), e["t"]))
    last = max(e["t"] for e in events)
    for row in rows.values():
        if row.end is None:  # killed: it ended when the signal came, or at the end
            row.end = row.signals[-1][0] if row.signals else last
    ordered = _tree_order(rows)
    return Timeline(ordered, main["t"], max(r.end for r in ordered), code_end, locks)


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
