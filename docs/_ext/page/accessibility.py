"""Every page usable with a keyboard and a screen reader (checked with axe-core).

- Scrollable code, output and timeline blocks can be reached with Tab and
  scrolled with the arrow keys (``static/accessibility.js`` makes exactly the
  ones that scroll focusable, again when the window changes size), and a
  shadow on an edge says there is more beyond it (scrollbars that macOS and
  phones hide say nothing).
- The gallery's thumbnail links keep their text for screen readers
  (sphinx-gallery hides it with ``display: none``).
- furo's two sidebars (both ``<aside>``) get names of their own, and the search
  page gets a level-one heading (``docs/_templates/accessible-*.html``, which
  extend the page templates, whoever overrides them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from shared import serve_static

__version__ = "1.0"

# The templates furo renders, and ours that extend them.
_TEMPLATES = {
    "page.html": "accessible-page.html",
    "search.html": "accessible-search.html",
}


def _template(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> str | None:
    """Render the page with our template that extends the one it asked for."""
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return None
    return _TEMPLATES.get(templatename)


def setup(app: Sphinx) -> ExtensionMetadata:
    serve_static(app, Path(__file__).parent / "static")
    app.add_css_file("accessibility.css")
    app.add_js_file("accessibility.js", loading_method="defer")
    app.connect("html-page-context", _template)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
