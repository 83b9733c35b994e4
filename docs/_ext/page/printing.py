"""Printed pages: the lesson without the website around it.

``static/print.css`` (only ``@media print``) hides furo's navigation (both
sidebars, the header, the links to the next page) and prints the folded hints,
answers and solutions of ``folded.py`` opened, since paper cannot open them.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from shared import serve_static

__version__ = "1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    serve_static(app, Path(__file__).parent / "static")
    app.add_css_file("print.css", media="print")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
