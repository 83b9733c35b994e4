"""A lesson's figures described by the lesson's title, in the page's language.

sphinx-gallery describes each figure (``alt``) by its file name
("scheduling algorithms", from ``sphx_glr_scheduling_algorithms_001.png``),
in English on every language's page.  Once the page is translated, each of
its figures gets the page's own title instead.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_gallery.directives import imgsgnode

__version__ = "1.0"


def _describe_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    for figure in doctree.findall(imgsgnode):
        # sphinx-gallery writes the alt text into the tag as it is
        figure["alt"] = html.escape(title.astext(), quote=True)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("doctree-resolved", _describe_figures)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
