"""How long each run took in earlier builds: the order a build starts its runs in.

A clean build waits for its slowest runs.  Started last, a 10-second lesson
keeps the whole build waiting after every other run has ended; started first,
it runs alongside them.  So a build starts first the runs that took ``SLOW``
seconds or more last time, longest first (runs it never timed first of all),
then the others in file order, the order sphinx-gallery makes the pages in,
so that pages are made while the last runs go.  It records what each run took
in the file ``example_runner_history`` names ("": no record, file order).

The file is only a hint, kept outside the build folder so that ``make clean``
does not forget it.  A run is known by what decides it (the program's text,
its variant, the build's start method), so copies of the project share it; a
missing, unreadable or broken file is an empty one, and entries unused for
``KEEP_DAYS`` go.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

KEEP_DAYS = 30
# A run this long (seconds) starts before the quick ones.
SLOW = 2.0

T = TypeVar("T")


def key(program: str, variant: object, start_method: str | None) -> str:
    """What decides a run's time: its program, its variant, the build's method."""
    text = "\0".join((program, repr(variant), start_method or ""))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def load(path: str) -> dict[str, float]:
    """The seconds each known run took (by ``key``); {} when there is no record."""
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        return {k: float(v[0]) for k, v in entries.items()}
    except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return {}


def slow_first(
    items: Sequence[T], key_of: Callable[[T], str], seconds: Mapping[str, float]
) -> list[T]:
    """``items`` in the order to start them: never timed, then the slow ones
    longest first, then the rest; items that tie keep their order."""

    def rank(item: T) -> float:
        took = seconds.get(key_of(item), float("inf"))
        return -took if took >= SLOW else 0.0

    return sorted(items, key=rank)


def save(path: str, seconds: Mapping[str, float]) -> None:
    """Add ``seconds`` (by ``key``) to the record in ``path``, replacing it
    whole (another build writing at once loses, at worst, its own entries)."""
    if not path or not seconds:
        return
    now = time.time()
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        if not isinstance(entries, dict):
            entries = {}
    except (OSError, ValueError):
        entries = {}
    oldest = now - KEEP_DAYS * 86400
    kept = {
        k: v
        for k, v in entries.items()
        if isinstance(v, list) and len(v) == 2 and _number(v[1]) >= oldest
    }
    kept.update({k: [round(s, 3), round(now)] for k, s in seconds.items()})
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".run-times-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(kept, f)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a hint: a build does not fail for want of it


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0
