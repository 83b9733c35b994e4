"""``featured-lesson``: a lesson's real output and process timeline on another page.

The home page shows what a lesson printed when this site was built, and the
timeline of that run, taken from the page that sphinx-gallery generated for the
lesson (never pasted, so it is always the output of this build)::

    ```{featured-lesson} examples/07_daemons/heartbeat_monitor
    ```
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"

# How sphinx-gallery writes an output block into a lesson's generated reST.
_OUTPUT = re.compile(
    r"^\.\. rst-class:: sphx-glr-script-out\n\n \.\. code-block:: none\n\n"
    r"((?:(?:    .*)?\n)+)",
    re.M,
)
# How the process timeline puts its chart under the lesson's last output.
_TIMELINE = re.compile(r"^\.\. process-timeline:: (\S+)$", re.M)


def lesson_outputs(source: str) -> list[str]:
    """The text of every output block of a lesson's generated reST, in order."""
    return [
        textwrap.dedent(block).strip("\n") + "\n" for block in _OUTPUT.findall(source)
    ]


class FeaturedLesson(SphinxDirective):
    """The outputs and the timeline of the lesson named by its document name."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        docname = self.arguments[0].strip("/")
        path = Path(self.env.srcdir, docname + ".rst")
        self.env.note_dependency(str(path))
        try:
            source = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise self.error(
                f"featured-lesson: no generated lesson {path}: {exc}"
            ) from None
        outputs = lesson_outputs(source)
        if not outputs:
            raise self.error(f"featured-lesson: {docname} shows no output")
        result: list[nodes.Node] = []
        for text in outputs:
            block = nodes.literal_block(text, text, language="none")
            block["classes"].append("sphx-glr-script-out")
            result.append(block)
        timeline = _TIMELINE.search(source)
        if timeline is not None:
            folder = docname.rsplit("/", 1)[0]
            result.extend(self._timeline(f"/{folder}/{timeline.group(1)}"))
        container = nodes.container(classes=["featured-lesson"])
        container.extend(result)
        return [container]

    def _timeline(self, path: str) -> list[nodes.Node]:
        """The process-timeline directive's own nodes for the recorded run."""
        from process_timeline import ProcessTimeline

        return ProcessTimeline(
            "process-timeline",
            [path],
            {},
            StringList(),
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        ).run()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("process_timeline")
    app.add_directive("featured-lesson", FeaturedLesson)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
