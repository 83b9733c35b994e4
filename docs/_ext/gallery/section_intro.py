"""A section's full introduction, shown on the section's own page only.

sphinx-gallery writes a section's ``GALLERY_HEADER.rst`` twice: on the
section's page (``examples/<section>/index``) and again on the page of all
lessons (``examples/index``), where every section's header stands one after the
other. A section's page is what "Next" leads to, so it introduces the section
properly (what it teaches, what to know first, what each lesson shows); on
the page of all lessons, that would make two dozen introductions in a row. So
the header keeps its first paragraph for both pages and puts the rest in::

    .. section-intro::

       What you should know first: ...

       - :doc:`lesson_one`: what it shows.

which draws its content on the section's page and nothing elsewhere.  Its
paragraphs are translated like the rest of the page (the section's catalog).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"


class SectionIntro(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        # The section's own page is <gallery>/<section>/index; the gallery's
        # page of all sections is <gallery>/index.
        if self.env.docname.count("/") < 2 or not self.env.docname.endswith("/index"):
            return []
        container = nodes.container(classes=["section-intro"])
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("section-intro", SectionIntro)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
