"""A build's example runs: started in the background, handed over page by page.

sphinx-gallery asks for one example at a time; by then its run has usually
finished in the background.  Examples are independent programs, each in its
own interpreter, so running several at once changes nothing they print.  An
example whose file says ``# sphinx_gallery_parallel = False`` (sphinx-gallery's
own switch) runs alone, before the others: use it for lessons that measure speed.
The others start slowest first, by what they took in earlier builds (history.py).

One ``BuildRuns`` object belongs to one build of one Sphinx application.
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Sequence

from sphinx.application import Sphinx
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from . import history, options, run, terminal, try_this
from .settings import Settings

# The events this extension declares.
ENVIRONMENT_EVENT = "example-run-environment"
FINISHED_EVENT = "example-run-finished"
NOT_RUN_EVENT = "example-not-run"


@dataclasses.dataclass
class _Task:
    """One run of an example (one variant of it) in the background."""

    src_file: str
    blocks: list[run.CodeBlock]
    serial: bool
    variant: options.Variant
    timeout: float
    program: str | None = None  # a changed source to run in place of the file
    history_key: str = ""  # what knows its time in earlier builds (history.key)
    result: run.ExampleRun | None = None
    failure: BaseException | None = None
    done: threading.Event = dataclasses.field(default_factory=threading.Event)


class BuildRuns:
    """The runs of one build; ``take`` hands an example's finished run over."""

    def __init__(self, app: Sphinx, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self._tasks: dict[tuple[str, options.Variant], _Task] = {}
        self._stop = threading.Event()
        self._sigterm: terminal.terminate_on_sigterm | None = None
        self._seconds: dict[str, float] = {}  # what each run took (history.key)
        self.asked = False  # sphinx-gallery asked for a run (gallery.check_called)

    def start(self, examples: Sequence[str]) -> None:
        """Start running ``examples`` in the background (unless jobs is 1)."""
        if self.settings.jobs < 2 or not examples:
            return
        for src in examples:
            file_conf, blocks = split_code_and_text_blocks(src)
            code = [b for b in blocks if b.type == "code"]
            serial = file_conf.get("parallel", True) is False
            try:
                lesson = options.read(src, file_conf, self.settings)
                with open(src, encoding="utf-8") as f:
                    source = f.read()
            except Exception:
                continue  # take() runs it in the foreground and says what is wrong
            if lesson.needs is not None:
                continue  # it does not run on this Python (gallery.py says so)
            for variant in lesson.variants:
                self._tasks[(src, variant)] = _Task(
                    src,
                    code,
                    serial,
                    variant,
                    lesson.timeout,
                    history_key=self._history_key(source, variant),
                )
            try:
                boxes = try_this.read(src, blocks)
                changes = [try_this.apply(src, box, source, code) for box in boxes]
            except Exception:
                continue  # as above
            for box, change in zip(boxes, changes, strict=True):
                timeout = box.timeout or lesson.timeout
                variant = box.variant(self.settings.start_method)
                self._tasks[(src, variant)] = _Task(
                    src,
                    change.blocks,
                    serial,
                    variant,
                    timeout,
                    change.program,
                    self._history_key(change.program, variant),
                )
        # a build that fails or is interrupted before "build-finished" (an
        # error while the gallery is made, Ctrl-C) cleans up when it exits
        atexit.register(self._clean_up)
        self._sigterm = terminal.terminate_on_sigterm().__enter__()
        threading.Thread(target=self._schedule, daemon=True).start()

    def take(
        self,
        src_file: str,
        blocks: Sequence[run.CodeBlock],
        lesson: options.LessonOptions,
    ) -> list[run.ExampleRun]:
        """The runs of this example's code ``blocks``, one per variant of ``lesson``.

        They come from the background, or run now.  The caller removes each
        run's folder (``shutil.rmtree(result.rundir)``).
        """
        results: list[run.ExampleRun] = []
        try:
            for variant in lesson.variants:
                results.append(self._take(src_file, blocks, variant, lesson.timeout))
        except BaseException:
            for result in results:
                shutil.rmtree(result.rundir, ignore_errors=True)
            raise
        return results

    def take_one(
        self,
        src_file: str,
        blocks: Sequence[run.CodeBlock],
        variant: options.Variant,
        timeout: float,
        program: str,
    ) -> run.ExampleRun:
        """The run of one ``variant`` of this example whose whole source, once
        changed, is ``program`` and its code ``blocks`` (see ``take``)."""
        return self._take(src_file, blocks, variant, timeout, program)

    def _take(
        self,
        src_file: str,
        blocks: Sequence[run.CodeBlock],
        variant: options.Variant,
        timeout: float,
        program: str | None = None,
    ) -> run.ExampleRun:
        task = self._tasks.get((src_file, variant))
        if task is not None:
            task.done.wait()  # if Ctrl-C interrupts it, _clean_up has the task
            del self._tasks[(src_file, variant)]
            if task.failure is not None:
                raise task.failure
            if task.result is not None:
                if task.program == program and [
                    (b.lineno, b.content) for b in task.blocks
                ] == [(b.lineno, b.content) for b in blocks]:
                    return task.result
                # the file changed since: run it again in the foreground
                shutil.rmtree(task.result.rundir, ignore_errors=True)
        return self._run(src_file, list(blocks), variant, timeout, program)

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """Stop what still runs (killing its processes); record what each run took."""
        self._clean_up()
        atexit.unregister(self._clean_up)
        history.save(self.settings.history, self._seconds)

    def _history_key(self, program: str, variant: options.Variant) -> str:
        return history.key(program, variant, self.settings.start_method)

    def _clean_up(self) -> None:
        """Stop the runs not taken (killing their processes); remove their folders."""
        self._stop.set()
        for task in self._tasks.values():
            task.done.wait(terminal.EXIT_GRACE + 5)
            if task.result is not None:
                shutil.rmtree(task.result.rundir, ignore_errors=True)
        self._tasks.clear()
        if self._sigterm is not None:
            self._sigterm.__exit__(None, None, None)
            self._sigterm = None

    def _run(
        self,
        src_file: str,
        blocks: list[run.CodeBlock],
        variant: options.Variant,
        timeout: float,
        program: str | None = None,
    ) -> run.ExampleRun:
        rundir = tempfile.mkdtemp(prefix="example-run-")
        extra_env: dict[str, str] = {}
        try:
            main_file = src_file
            if program is not None:
                main_file = _write_program(src_file, program, rundir)
            self.app.emit(ENVIRONMENT_EVENT, rundir, extra_env)
            return run.run_example(
                main_file,
                blocks,
                rundir,
                timeout=timeout,
                start_method=variant.start_method,
                stop=self._stop,
                extra_env=extra_env,
                max_output=self.settings.max_output,
            )
        except BaseException:
            shutil.rmtree(rundir, ignore_errors=True)
            raise

    def _schedule(self) -> None:
        tasks = list(self._tasks.values())
        for task in (t for t in tasks if t.serial):
            self._execute(task)
        pending: queue.Queue[_Task] = queue.Queue()
        seconds = history.load(self.settings.history)
        others = [t for t in tasks if not t.serial]
        for task in history.slow_first(others, lambda t: t.history_key, seconds):
            pending.put(task)
        workers = [
            threading.Thread(target=self._work, args=(pending,), daemon=True)
            for _ in range(min(self.settings.jobs, pending.qsize()))
        ]
        for worker in workers:
            worker.start()

    def _work(self, pending: queue.Queue[_Task]) -> None:
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

    def _execute(self, task: _Task) -> None:
        try:
            if not self._stop.is_set():
                task.result = self._run(
                    task.src_file, task.blocks, task.variant, task.timeout, task.program
                )
                self._seconds[task.history_key] = task.result.elapsed
        except BaseException as exc:  # handed to the build's thread by take()
            task.failure = exc
        finally:
            task.done.set()


def _write_program(src_file: str, program: str, rundir: str) -> str:
    """Write a changed lesson into ``rundir/program/``, next to copies of the
    other files of its folder, as a reader has it; return its path.

    The changed program is a file of its own because the children that spawn
    and forkserver start read their ``__main__`` from its file; the lesson's
    neighbours come along for the lessons that use them (``Path(__file__)``).
    """
    folder = os.path.join(rundir, "program")
    os.mkdir(folder)
    source_folder = os.path.dirname(os.path.abspath(src_file))
    for entry in os.scandir(source_folder):
        if entry.is_file() and entry.name != os.path.basename(src_file):
            shutil.copy2(entry.path, folder)
    main_file = os.path.join(folder, os.path.basename(src_file))
    with open(main_file, "w", encoding="utf-8") as f:
        f.write(program)
    return main_file
