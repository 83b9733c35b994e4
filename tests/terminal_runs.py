"""Terminal runs of lessons, the references pages are compared with: run in a
pool, once per test session, and cached on disk by what decides them.

A reference is what ``python lesson.py`` shows in a terminal (helpers'
``run_in_terminal``), as normalised lines. What decides it: the lesson's
folder (the lesson and its neighbours, byte for byte), the program's own text
(a try-this box's change), the Python, the platform and the start method. A
reference whose run went wrong (an unexpected exit status, a process left
behind) is never cached, so the next session runs it again.

Lessons mostly sleep, so several run at once; a lesson that measures speed
(``# sphinx_gallery_parallel = False``) runs alone first, with nothing else of
ours running, as the build runs it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import helpers

# Where references are kept between sessions (never in the checkout).
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / "processes-by-example"
    / "terminal-runs"
)
# Bump when what a reference holds, or how it is made, changes.
FORMAT = "1"
JOBS = 3 * (os.cpu_count() or 1)


@dataclasses.dataclass(frozen=True)
class Job:
    """One terminal run: ``lesson`` (a file under examples/), with its text
    replaced by ``program`` if given, under ``start_method`` as the default."""

    lesson: Path
    start_method: str | None = None
    program: str | None = None
    timeout: float = 120
    # the outcome the run is expected to have (options.outcome's words), if
    # it is expected to fail; None: it must exit with 0
    expect: str | None = None


@dataclasses.dataclass
class Reference:
    """What the terminal showed: normalised lines, the exit status, the text."""

    lines: Counter
    status: int
    output: str
    problems: list[str]


def lesson_job(lesson: Path, start_method: str | None = None) -> Job:
    """The run of ``lesson`` as it is, under ``start_method`` as the default
    (None: the platform's), expected to end as the lesson says."""
    return Job(lesson, start_method, expect=expected_outcome(lesson, start_method))


def expected_outcome(lesson: Path, start_method: str | None) -> str | None:
    """How the lesson says its run under ``start_method`` ends, if not well."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    from example_runner import options, settings

    file_conf, _ = split_code_and_text_blocks(str(lesson))
    read = options.read(lesson.name, file_conf, settings.Settings())
    # a lesson that names no start method runs under the platform's default
    method = start_method or multiprocessing.get_all_start_methods()[0]
    return read.expected(options.Variant(method))


def runs_alone(lesson: Path) -> bool:
    return "# sphinx_gallery_parallel = False" in lesson.read_text(encoding="utf-8")


def _key(job: Job) -> str:
    digest = hashlib.sha256()
    for entry in sorted(job.lesson.parent.iterdir()):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    digest.update(
        json.dumps(
            [
                FORMAT,
                job.lesson.name,
                job.program,
                job.start_method,
                job.expect,
                sys.version,
                sys.executable,
                platform.platform(),
                hashlib.sha256(Path(helpers.__file__).read_bytes()).hexdigest(),
                hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
            ]
        ).encode()
    )
    return digest.hexdigest()


def _run(job: Job, environment: dict[str, str]) -> Reference:
    """Run ``job`` in a terminal of its own, in folders removed afterwards,
    in ``environment`` (with its own leak token)."""
    base = Path(tempfile.mkdtemp(prefix="terminal-"))
    try:
        root = helpers.long_path(base)
        folder = root / "examples" / job.lesson.parent.name
        shutil.copytree(job.lesson.parent, folder)
        script = folder / job.lesson.name
        if job.program is not None:
            script.write_text(job.program, encoding="utf-8")
        cwd = root / "cwd"
        cwd.mkdir()
        token = uuid.uuid4().hex
        output, status = helpers.run_in_terminal(
            script,
            cwd,
            helpers.terminal_env(token, environment),
            timeout=job.timeout,
            start_method=job.start_method,
        )
        problems = []
        left = helpers.wait_until_no_process(token)
        if left:  # a socket lives as long as a process that holds it: none here
            problems.append(
                f"python {job.lesson.name} left processes:\n" + helpers.describe(left)
            )
        if job.expect is None and status != 0:
            problems.append(f"python {job.lesson.name} exited with {status}:\n{output}")
        if job.expect is not None and not ended_as(job.expect, output, status):
            problems.append(
                f"{job.lesson.name} expects {job.expect} under {job.start_method}, "
                f"but exited with {status}:\n{output}"
            )
        lines = helpers.line_multiset(output, root, lesson=script)
        return Reference(lines, status, output, problems)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def ended_as(expected: str, output: str, status: int) -> bool:
    """Whether a terminal run that printed ``output`` and exited with ``status``
    ended as ``expected`` says (sphinx_gallery_expect's words: exception names
    or "exit N", alternatives separated by "|"; "timeout" is not run here)."""
    if status == 0:
        return False
    output = helpers.COLOUR.sub("", output)
    for outcome in expected.split("|"):
        if outcome.startswith("exit "):
            code = int(outcome.split()[1])
            # killed by signal N: "exit -N" to the runner, 128 + N in a terminal
            if status == code or (code < 0 and status == 128 - code):
                return True
        # the uncaught exception: a line "[module.]Name: message" or "Name"
        elif re.search(rf"^(\w+\.)*{re.escape(outcome)}(:|$)", output, re.M):
            return True
    return False


class TerminalRuns:
    """The session's references: ``get`` waits for one, ``prefetch`` starts many."""

    def __init__(self, cache: Path | None = CACHE) -> None:
        self.cache = cache
        # the runs' environment: as it was before any test changed it
        self.environment = dict(os.environ)
        self._futures: dict[Job, Future[Reference]] = {}
        self._lock = threading.Lock()
        self._alone = ThreadPoolExecutor(1, thread_name_prefix="alone")
        self._together = ThreadPoolExecutor(JOBS, thread_name_prefix="together")
        # a lesson that runs alone waits until no other runs, and the others
        # wait while it runs
        self._quiet = threading.Condition()
        self._running = 0  # runs going on that do not run alone
        self._alone_running = False

    def prefetch(self, jobs: list[Job]) -> None:
        """Start ``jobs`` in the background: those that run alone first."""
        for job in sorted(jobs, key=lambda j: not runs_alone(j.lesson)):
            self._submit(job)

    def get(self, job: Job) -> Reference:
        return self._submit(job).result()

    def close(self) -> None:
        for pool in (self._together, self._alone):
            pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, job: Job) -> Future[Reference]:
        with self._lock:
            if job not in self._futures:
                alone = runs_alone(job.lesson)
                pool = self._alone if alone else self._together
                self._futures[job] = pool.submit(self._reference, job, alone)
            return self._futures[job]

    def _reference(self, job: Job, alone: bool) -> Reference:
        key = _key(job)
        cached = self._load(key)
        if cached is not None:
            return cached
        with self._quiet:
            self._quiet.wait_for(
                lambda: not self._alone_running and not (alone and self._running)
            )
            if alone:
                self._alone_running = True
            else:
                self._running += 1
        try:
            found = _run(job, self.environment)
        finally:
            with self._quiet:
                if alone:
                    self._alone_running = False
                else:
                    self._running -= 1
                self._quiet.notify_all()
        if not found.problems:
            self._store(key, found)
        return found

    def _load(self, key: str) -> Reference | None:
        if self.cache is None:
            return None
        try:
            data = json.loads((self.cache / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return Reference(Counter(data["lines"]), data["status"], data["output"], [])

    def _store(self, key: str, found: Reference) -> None:
        if self.cache is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        data = {"lines": found.lines, "status": found.status, "output": found.output}
        partial = self.cache / f"{key}.{os.getpid()}.tmp"
        partial.write_text(json.dumps(data), "utf-8")
        partial.replace(self.cache / f"{key}.json")
