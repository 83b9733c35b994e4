"""``.. timeline-sample::``: a made-up run drawn by process_timeline.svg.

It also brings example_runner's directives that draw words (runner-outputs,
lesson-environment, the try-this boxes, the note on short paths), without the
runner itself.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from example_runner import display, paths, try_this
from process_timeline import svg
from process_timeline.model import Row, Timeline


def sample() -> Timeline:
    """A main process, a daemon child inside a semaphore, a child ended by a signal,
    a worker stopped by its pool's terminate() and one the exit waits for."""
    main = Row(1, "MainProcess", None, False, 0.0, 1.0, joins=[(0.1, 0.9, 2)])
    main.exit_joins.append((0.96, 0.99, 5))
    daemon = Row(2, "Process-1", 1, True, 0.1, 0.9, 0, depth=1)
    daemon.holds.append((0.2, 0.5, "S"))
    daemon.gets.append((0.5, 0.6))
    killed = Row(3, "Process-2", 1, False, 0.1, 0.8, -15, depth=1)
    killed.signals.append((0.8, 15, None))
    killed.holds.append((0.3, 0.4, "L"))
    worker = Row(4, "ForkPoolWorker-1", 1, True, 0.2, 0.7, -15, depth=1)
    worker.signals.append((0.7, 15, "pool"))
    late = Row(5, "Process-3", 1, False, 0.3, 0.99, 0, depth=1)
    locks = {"S": {"kind": "Semaphore", "value": 2}, "L": {"kind": "Lock"}}
    return Timeline([main, daemon, killed, worker, late], 0.0, 1.0, 0.95, locks)


class TimelineSample(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        markup = svg.render(sample(), self.config.language, "timeline-sample")
        return [nodes.raw("", markup, format="html")]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("timeline-sample", TimelineSample)
    display.setup(app)
    paths.setup(app)
    try_this.setup(app)
    return {"version": "1.0", "parallel_read_safe": True}
