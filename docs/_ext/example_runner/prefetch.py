"""Run the examples that need running concurrently, as soon as the build starts.

sphinx-gallery asks for one example at a time; by then its run has usually
finished in the background.  Examples are independent programs, each in its
own interpreter, so running several at once changes nothing they print.  An
example whose file says ``# sphinx_gallery_parallel = False`` (sphinx-gallery's
own switch) runs alone, before the others: use it for lessons that measure speed.
"""

from __future__ import annotations

import dataclasses
import os
import queue
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from sphinx_gallery.gen_rst import get_md5sum
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from . import run, terminal


@dataclasses.dataclass
class Task:
    """One example's run in the background."""

    src_file: str
    blocks: list
    serial: bool
    figures_dir: str = ""
    result: run.ExampleRun | None = None
    elapsed: float = 0.0
    failure: BaseException | None = None
    done: threading.Event = dataclasses.field(default_factory=threading.Event)


class Prefetch:
    """A build's background runs; ``take`` hands one over to sphinx-gallery."""

    def __init__(
        self,
        jobs: int,
        timeout: float,
        start_method: str | None,
        record_timeline: bool = False,
    ) -> None:
        self.jobs = jobs
        self.record_timeline = record_timeline
        self.timeout = timeout
        self.start_method = start_method
        self.tasks: dict[str, Task] = {}
        self.executed: list[str] = []  # in the order the runs started
        self._stop = threading.Event()
        self._sigterm = terminal.terminate_on_sigterm()

    def start(self, examples: list[str]) -> None:
        for src in examples:
            file_conf, blocks = split_code_and_text_blocks(src)
            code = [b for b in blocks if b.type == "code"]
            serial = file_conf.get("parallel", True) is False
            self.tasks[src] = Task(src, code, serial)
        self._sigterm.__enter__()
        threading.Thread(target=self._schedule, daemon=True).start()

    def take(self, src_file: str, blocks) -> Task | None:
        """The finished task for this example, or None if it was not run here."""
        task = self.tasks.pop(src_file, None)
        if task is None:
            return None
        task.done.wait()
        if task.failure is not None:
            raise task.failure
        if [(b.lineno, b.content) for b in task.blocks] != [
            (b.lineno, b.content) for b in blocks if b.type == "code"
        ]:  # the file changed since: run it again in the foreground
            shutil.rmtree(task.figures_dir, ignore_errors=True)
            return None
        return task

    def shutdown(self) -> None:
        """Stop what still runs (killing its processes) and remove leftovers."""
        self._stop.set()
        for task in self.tasks.values():
            task.done.wait(terminal.EXIT_GRACE + 5)
            shutil.rmtree(task.figures_dir, ignore_errors=True)
        self.tasks.clear()
        self._sigterm.__exit__(None, None, None)

    def _schedule(self) -> None:
        tasks = list(self.tasks.values())
        for task in (t for t in tasks if t.serial):
            self._execute(task)
        pending: queue.Queue[Task] = queue.Queue()
        for task in (t for t in tasks if not t.serial):
            pending.put(task)
        workers = [
            threading.Thread(target=self._work, args=(pending,), daemon=True)
            for _ in range(min(self.jobs, pending.qsize()))
        ]
        for worker in workers:
            worker.start()

    def _work(self, pending: queue.Queue) -> None:
        while not self._stop.is_set():
            try:
                task = pending.get_nowait()
            except queue.Empty:
                return
            self._execute(task)
        while True:  # stopped: release whoever waits for the rest
            try:
                pending.get_nowait().done.set()
            except queue.Empty:
                return

    def _execute(self, task: Task) -> None:
        try:
            if self._stop.is_set():
                return
            self.executed.append(task.src_file)
            task.figures_dir = tempfile.mkdtemp(prefix="example-figures-")
            started = time.perf_counter()
            task.result = run.run_example(
                task.src_file,
                task.blocks,
                task.figures_dir,
                timeout=self.timeout,
                start_method=self.start_method,
                stop=self._stop,
                record_timeline=self.record_timeline,
            )
            task.elapsed = time.perf_counter() - started
        except BaseException as exc:  # handed to the build's thread by take()
            task.failure = exc
        finally:
            task.done.set()


def stale_examples(gallery_conf: dict, srcdir: str) -> list[str]:
    """Examples whose output sphinx-gallery does not have cached (by checksum)."""
    if (
        not gallery_conf.get("plot_gallery", True)
        or str(gallery_conf.get("plot_gallery")) == "False"
    ):
        return []
    pattern = re.compile(gallery_conf.get("filename_pattern", r"/plot"))
    ignore = re.compile(gallery_conf.get("ignore_pattern", r"__init__\.py"))
    rerun = gallery_conf.get("run_stale_examples", False)
    found = []
    examples_dirs = _as_list(gallery_conf.get("examples_dirs", "../examples"))
    gallery_dirs = _as_list(gallery_conf.get("gallery_dirs", "auto_examples"))
    for examples_dir, gallery_dir in zip(examples_dirs, gallery_dirs, strict=False):
        examples = Path(srcdir, examples_dir).resolve()
        for src in sorted(examples.rglob("*.py")):
            path = os.path.normpath(src)
            if ignore.search(src.name) or not pattern.search(path):
                continue
            md5 = Path(srcdir, gallery_dir, src.relative_to(examples)).with_suffix(
                ".py.md5"
            )
            cached = md5.is_file() and md5.read_text() == get_md5sum(src, mode="t")
            if rerun or not cached:
                found.append(path)
    return found


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
