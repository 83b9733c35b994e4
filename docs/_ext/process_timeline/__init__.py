"""A timeline of every process of a lesson's real run, drawn under its output.

The example runner records the events (example_runner/recorder.py); this
extension keeps them next to the generated page, draws the lesson's gallery
thumbnail from them, and renders the chart (SVG plus the same facts in words)
in the language being built, through the ``process-timeline`` directive.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import example_runner

from . import model, svg, thumbnail

__version__ = "1.0"


class ProcessTimeline(SphinxDirective):
    """``.. process-timeline:: NAME.timeline.json``: the chart of a recorded run."""

    required_arguments = 1

    def run(self):
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            events = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise self.error(f"process-timeline: cannot read {rel}: {exc}") from None
        timeline = model.build(events)
        if timeline is None:
            return []
        ident = "timeline-" + Path(rel).name.split(".")[0].replace("_", "-")
        markup = svg.render(timeline, self.config.language or "en", ident)
        return [nodes.raw("", markup, format="html")]


def keep_run(events, script_vars) -> str:
    """Called by the runner after a run: save the events, draw the thumbnail.

    Returns the reST that puts the chart under the lesson's output, or "".
    """
    timeline = model.build(events)
    if timeline is None:
        return ""
    target = Path(script_vars["target_file"])
    record = target.with_name(target.stem + ".timeline.json")
    record.write_text(json.dumps(events), encoding="utf-8")
    images = script_vars["image_path_iterator"]
    if len(images) == 0:  # no figure of its own: the timeline is its thumbnail
        thumbnail.draw(timeline, next(images))
    return f"\n.. process-timeline:: {record.name}\n\n"


def setup(app):
    app.setup_extension("example_runner")
    example_runner.timeline_consumer = keep_run
    app.add_directive("process-timeline", ProcessTimeline)
    app.add_css_file("process-timeline.css")
    app.connect("builder-inited", _add_static)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app) -> None:
    static = os.path.join(os.path.dirname(__file__), "static")
    app.config.html_static_path.append(static)
