"""What a lesson asks of the runner, in sphinx-gallery config comments.

A lesson's code may hold these lines (sphinx-gallery removes them from the page):

``# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]``
    run the whole lesson once per start method; the page shows each cell's
    output once per method, forkserver first.
``# sphinx_gallery_runs = 3``
    run it three times under the same start method; the page shows the runs
    side by side, with the lines that moved marked.
``# sphinx_gallery_expect = {"spawn": "RuntimeError"}`` (or one string for all)
    how a run is expected to fail, per start method: an exception's name (the
    last line of the traceback), ``"exit N"`` or ``"timeout"``; alternatives
    are separated by ``|`` (``"AttributeError|PicklingError"``: Python versions
    differ).  Such a run
    shows its real output and does not fail the build; a run that does not
    end as expected does.  Methods not named must succeed.  Where Python
    versions differ, an outcome may be a dict from the version that
    introduced it to the outcome, ``"success"`` included:
    ``{"forkserver": {"3.11": "success", "3.13.8": "ConnectionResetError",
    "3.14": "success", "3.14.1": "ConnectionResetError"}}`` -- the run on a
    Python ends as the entry of the newest version not newer than it says.
``# sphinx_gallery_timeout = 5``
    this lesson's own time limit in seconds (for an expected ``"timeout"``).
``# sphinx_gallery_leaves_processes = True``
    the lesson leaves a process running on purpose (see ``gallery.py``).
``# sphinx_gallery_requires_python = "3.14"``
    the oldest Python the lesson runs on (it uses what that version brought).
    A build on an older Python runs neither the lesson nor its boxes: the page
    says, in place of the output, which Python the lesson needs and which one
    built the site; never an output pasted from elsewhere.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from collections.abc import Mapping
from typing import Any

from .errors import LessonError
from .settings import START_METHODS, Settings

# The order in which a page shows start methods: the reader's likeliest first.
DISPLAY_ORDER = ("forkserver", "spawn", "fork")


@dataclasses.dataclass(frozen=True)
class Variant:
    """One run of a lesson: its start method (None: the default), which
    repetition, and which "Try this" box's change it makes (0: none)."""

    start_method: str | None
    number: int = 1
    try_this: int = 0


@dataclasses.dataclass(frozen=True)
class LessonOptions:
    """A lesson's own options, checked."""

    variants: tuple[Variant, ...]
    by: str  # what tells the variants apart on the page: "start-method" or "run"
    expect: Mapping[str | None, str]  # start method (None: every) -> outcome
    timeout: float
    leaves_processes: bool
    # the Python the lesson needs, when the one that runs the lessons is older
    # (sphinx_gallery_requires_python); None: the lesson runs here
    needs: str | None = None

    def expected(self, variant: Variant) -> str | None:
        """The outcome this variant's run is expected to have, or None (success)."""
        return self.expect.get(variant.start_method, self.expect.get(None))


def read(
    rel: str,
    file_conf: Mapping[str, Any],
    settings: Settings,
    python: tuple[int, ...] = tuple(sys.version_info[:3]),
) -> LessonOptions:
    """The options of the lesson ``rel`` as they apply on the Python ``python``
    (the one that runs the lessons: this one), or a LessonError naming the
    bad one."""
    methods = file_conf.get("start_methods")
    runs = file_conf.get("runs", 1)
    if methods is not None and runs != 1:
        raise LessonError(
            f"{rel}: sphinx_gallery_start_methods and sphinx_gallery_runs cannot "
            "be used together; choose one"
        )
    if not isinstance(runs, int) or isinstance(runs, bool) or not 1 <= runs <= 10:
        raise LessonError(
            f"{rel}: sphinx_gallery_runs must be a whole number from 1 to 10, "
            f"got {runs!r}"
        )
    if methods is not None:
        available = multiprocessing.get_all_start_methods()
        if (
            not isinstance(methods, list | tuple)
            or not methods
            or any(m not in START_METHODS or m not in available for m in methods)
            or len(set(methods)) != len(methods)
        ):
            raise LessonError(
                f"{rel}: sphinx_gallery_start_methods must list start methods "
                f"available here ({', '.join(available)}), got {methods!r}"
            )
        ordered = sorted(methods, key=DISPLAY_ORDER.index)
        variants = tuple(Variant(method) for method in ordered)
        by = "start-method"
    else:
        variants = tuple(Variant(settings.start_method, n + 1) for n in range(runs))
        by = "run"
    return LessonOptions(
        variants=variants,
        by=by,
        expect=_expectations(
            rel, file_conf.get("expect"), methods and list(methods), python
        ),
        timeout=_timeout(rel, file_conf.get("timeout"), settings.timeout),
        leaves_processes=file_conf.get("leaves_processes", False) is True,
        needs=_needs(rel, file_conf.get("requires_python"), python),
    )


def _needs(rel: str, raw: object, python: tuple[int, ...]) -> str | None:
    """The version ``raw`` names if ``python`` is older than it, else None."""
    if raw is None:
        return None
    version = _version(raw)
    if version is None:
        raise LessonError(
            f"{rel}: sphinx_gallery_requires_python must be a Python version "
            f"such as '3.14' or '3.13.8', got {raw!r}"
        )
    return str(raw) if python < version else None


def _version(key: object) -> tuple[int, ...] | None:
    """``key`` ("3.14", "3.13.8") as numbers, or None if it is no version."""
    parts = key.split(".") if isinstance(key, str) else []
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def _expectations(
    rel: str, raw: object, methods: list[str] | None, python: tuple[int, ...]
) -> dict[str | None, str]:
    if raw is None:
        return {}
    if isinstance(raw, str | dict) and not (
        isinstance(raw, dict) and raw and all(m in START_METHODS for m in raw)
    ):
        every = _outcome(rel, raw, python)
        return {} if every is None else {None: every}
    if isinstance(raw, dict) and all(m in (methods or ()) for m in raw):
        by_method = {m: _outcome(rel, v, python) for m, v in raw.items()}
        return {m: v for m, v in by_method.items() if v is not None}
    raise LessonError(
        f"{rel}: sphinx_gallery_expect must be an outcome or a dict from the "
        f"lesson's start methods to outcomes, got {raw!r}"
    )


def _outcome(rel: str, value: object, python: tuple[int, ...]) -> str | None:
    """The outcome ``value`` names on ``python`` (None: success)."""
    if isinstance(value, dict):
        value = _on_version(rel, value, python)
    if isinstance(value, str) and value.strip():
        return None if value.strip() == "success" else value.strip()
    raise LessonError(
        f"{rel}: an expected outcome is an exception's name, 'exit N', 'timeout' "
        f"or 'success', got {value!r}"
    )


def _on_version(rel: str, by_version: dict, python: tuple[int, ...]) -> object:
    """The entry of ``by_version`` for the newest version not newer than ``python``."""
    since = {}
    for key, value in by_version.items():
        version = _version(key)
        if version is None:
            raise LessonError(
                f"{rel}: sphinx_gallery_expect: {key!r} is not a Python version "
                "such as '3.11' or '3.13.8' (outcomes by version map the version "
                "that brought an outcome to it)"
            )
        since[version] = value
    applies = [v for v in sorted(since) if v <= python]
    if not applies:
        raise LessonError(
            f"{rel}: sphinx_gallery_expect says nothing for Python "
            f"{'.'.join(map(str, python))}: its oldest version is "
            f"{'.'.join(map(str, min(since)))}"
        )
    return since[applies[-1]]


def _timeout(rel: str, raw: object, default: float) -> float:
    if raw is None:
        return default
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw > 0:
        return float(raw)
    raise LessonError(
        f"{rel}: sphinx_gallery_timeout must be a positive number of seconds, "
        f"got {raw!r}"
    )


def outcome(
    error: Mapping[str, Any] | None, returncode: int | None, timed_out: bool
) -> str:
    """How a run ended, in the words of ``sphinx_gallery_expect``."""
    if timed_out:
        return "timeout"
    if error is not None:
        if error.get("type"):
            return str(error["type"])
        last = error["traceback"].rstrip().splitlines()[-1]
        return last.split(":", 1)[0].rsplit(".", 1)[-1].strip()
    if returncode:
        return f"exit {returncode}"
    return "success"
