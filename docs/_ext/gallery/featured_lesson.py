"""``featured-lesson``: a lesson's real output and process timeline on another page.

The home page shows what a lesson printed when this site was built, and the
timeline of that run, taken from the lesson's own page (never pasted, so it
is always the output of this build)::

    ```{featured-lesson} examples/07_daemons/heartbeat_monitor
    ```

The directive leaves a placeholder; once the page is resolved, it is replaced
by copies of the lesson page's output blocks (the nodes of class
``sphx-glr-script-out``, which the example runner draws) and its timeline (the node the
``process-timeline`` directive made), taken from the lesson's doctree.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from .contract import OUTPUT_CLASS

__version__ = "2.0"

logger = logging.getLogger(__name__)


class featured_lesson(nodes.General, nodes.Element):
    """Where a lesson's outputs and timeline go (``lesson``: its docname)."""


class FeaturedLesson(SphinxDirective):
    """The outputs and the timeline of the lesson named by its document name."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        docname = self.arguments[0].strip("/")
        path = Path(self.env.srcdir, docname + ".rst")
        if docname not in self.env.found_docs or not path.is_file():
            raise self.error(f"featured-lesson: no generated lesson {path}")
        # the lesson's page changes with each run: so does this one
        self.env.note_dependency(str(path))
        placeholder = featured_lesson(lesson=docname)
        self.set_source_info(placeholder)
        return [placeholder]


def lesson_parts(lesson: nodes.document) -> list[nodes.Element]:
    """Copies of a lesson page's output blocks, then of its timeline."""
    outputs = [
        copy.deepcopy(block)
        for block in lesson.findall(nodes.Element)
        if OUTPUT_CLASS in block["classes"]
    ]
    timelines = [
        copy.deepcopy(node)
        for node in lesson.findall(nodes.raw)
        if node.get("process_timeline")
    ]
    return outputs + timelines


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(featured_lesson)):
        lesson = placeholder["lesson"]
        parts = lesson_parts(app.env.get_doctree(lesson))
        if not any(OUTPUT_CLASS in part["classes"] for part in parts):
            logger.warning(
                "featured-lesson: %s shows no output", lesson, location=placeholder
            )
        container = nodes.container(classes=["featured-lesson"])
        container.extend(parts)
        placeholder.replace_self(container)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("process_timeline")
    app.add_node(featured_lesson)
    app.add_directive("featured-lesson", FeaturedLesson)
    app.connect("doctree-resolved", _fill)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
