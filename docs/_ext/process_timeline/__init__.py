"""A timeline of every process of a lesson's real run, drawn under its output.

Who owns what: ``events.py`` defines the kinds of event and what each means;
``recorder.py`` (loaded in every process of a run by ``hook/sitecustomize.py``)
records them; ``model.py`` folds a run's events into rows, once per run;
``svg.py`` draws the chart and its twin in words, ``thumbnail.py`` the gallery
thumbnail.  This module joins them to the example runner through its events.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from shared import serve_static

from . import model, recorder, svg, thumbnail

__version__ = "2.3"

_HOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hook")
_EVENTS_FILE = "timeline.jsonl"
# (in script_vars: the thumbnail this extension drew for the lesson being made)
_THUMBNAIL = "process_timeline_thumbnail"


class ProcessTimeline(SphinxDirective):
    """``.. process-timeline:: NAME.timeline.json``: the chart of a recorded run;
    ``:run: start-method forkserver`` (or ``run 2``) on a page of several runs
    says which one it draws."""

    required_arguments = 1
    option_spec = {"run": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            timeline = model.Timeline.from_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise self.error(
                f"process-timeline: cannot read {rel}: {exc} (written by an older "
                "version? `make clean` removes it)"
            ) from None
        ident = "timeline-" + Path(rel).name.split(".")[0].replace("_", "-")
        by, _, key = self.options.get("run", "").partition(" ")
        if by not in ("", "start-method", "run") or (by and not key):
            raise self.error(
                f"process-timeline: :run: takes 'start-method METHOD' or 'run N', "
                f"not {self.options['run']!r}"
            )
        markup = svg.render(timeline, self.config.language or "en", ident, (by, key))
        # (marked, for pages that show it again: gallery/featured_lesson.py)
        return [nodes.raw("", markup, format="html", process_timeline=rel)]


def recording_environment(rundir: str) -> dict[str, str]:
    """What a run's environment needs so that its processes record their events
    (and that their tracebacks show no frame of the recorder's)."""
    from example_runner.run import HIDDEN_FRAMES

    return {
        "PYTHONPATH": _HOOK,
        "PROCESS_TIMELINE": os.path.join(rundir, _EVENTS_FILE),
        HIDDEN_FRAMES: recorder.__file__,
    }


def recorded_events(rundir: str) -> list[dict[str, Any]]:
    """The events the processes of a run recorded in its folder (cut lines skipped)."""
    from example_runner.run import read_json_lines

    return read_json_lines(os.path.join(rundir, _EVENTS_FILE))


def _prepare_run(app: Sphinx, rundir: str, env: dict[str, str]) -> None:
    env.update(recording_environment(rundir))


def _keep_run(
    app: Sphinx, result: Any, script_vars: dict[str, Any], by: str, key: str
) -> str:
    """Save the run's timeline next to its page; draw the lesson's thumbnail
    from what the run printed and its timeline (unless the lesson has figures).

    Returns the reST that puts the chart under the lesson's output (saying
    which of the page's runs it draws, if the page shows several), or "".
    """
    timeline = model.build(recorded_events(result.rundir))
    images = script_vars["image_path_iterator"]
    # no figure of its own: what it printed, over its timeline; drawn from the
    # first run, again from the first that has a timeline (the chart's)
    mine = script_vars.get(_THUMBNAIL)
    if len(images) == 0 or (mine is not None and timeline is not None):
        path = mine or next(images)
        script_vars[_THUMBNAIL] = path
        printed = "".join(result.outputs)
        if result.failure is not None:
            printed += result.failure[1]
        thumbnail.draw(printed, timeline, path)
    if timeline is None:
        return ""
    target = Path(script_vars["target_file"])
    saved = target.with_name(target.stem + ".timeline.json")
    saved.write_text(timeline.to_json(), encoding="utf-8")
    which = f"   :run: {by} {key}\n" if by != "single" else ""
    return f"\n.. process-timeline:: {saved.name}\n{which}\n"


def _thumbnail_of_a_lesson_not_run(
    app: Sphinx, script_vars: dict[str, Any], needs: str
) -> None:
    """A lesson this Python does not run: its thumbnail says what it needs."""
    if len(script_vars["image_path_iterator"]) == 0:
        path = next(script_vars["image_path_iterator"])
        thumbnail.draw(f"needs Python {needs}\n", None, path)


def setup(app: Sphinx) -> ExtensionMetadata:
    absent = recorder.missing()
    if absent:
        raise ExtensionError(
            "the process timeline's recorder wraps parts of multiprocessing that "
            f"this Python does not have: {', '.join(absent)}; adapt "
            "docs/_ext/process_timeline/recorder.py (and its PATCHED list)"
        )
    app.setup_extension("example_runner")
    app.connect("example-run-environment", _prepare_run)
    app.connect("example-run-finished", _keep_run)
    app.connect("example-not-run", _thumbnail_of_a_lesson_not_run)
    app.add_directive("process-timeline", ProcessTimeline)
    app.add_css_file("process-timeline.css")
    serve_static(app, Path(__file__).parent / "static")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
