"""Lighter pages: no assets for unused features, leaner code markup and stylesheets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

__version__ = "1.0"

# sphinx-gallery adds these to every page; this site has no Binder links, no
# DataFrame or rich-HTML outputs and no example tags.
_UNUSED = {
    "sg_gallery-binder.css",
    "sg_gallery-dataframe.css",
    "sg_gallery-rendered-html.css",
    "sg-tags.js",
}
# Stylesheets that ship with comments and indentation.
_MINIFY = ("pygments.css", "sg_gallery.css")

# Pygments wraps every run of spaces in its own span, and every punctuation
# mark in another; neither changes what the reader sees.  A regex over HTML:
# Pygments writes this markup inside Sphinx's writer, where no document node
# holds it (a code block is one literal_block node, its spans are Pygments').
_WHITESPACE_SPAN = re.compile(r'<span class="w">(\s*)</span>')
_SAME_CLASS_SPANS = re.compile(r'<span class="(\w+)">([^<]*)</span><span class="\1">')


def _lighten_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [
                asset
                for asset in context[key]
                if getattr(asset, "filename", str(asset)).rsplit("/", 1)[-1]
                not in _UNUSED
            ]
    if "body" in context:
        context["body"] = merge_code_spans(context["body"])


def merge_code_spans(html: str) -> str:
    """The same highlighted code with fewer, merged spans."""
    html = _WHITESPACE_SPAN.sub(r"\1", html)
    merged = None
    while merged != html:
        merged, html = html, _SAME_CLASS_SPANS.sub(r'<span class="\1">\2', html)
    return html


def minify_css(css: str) -> str:
    """Drop comments and indentation; selectors and values are left as they are."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    return re.sub(r"\s*([{};])\s*", r"\1", css).strip()


def _minify_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for name in _MINIFY:
        path = Path(app.outdir, "_static", name)
        if path.is_file():
            path.write_text(
                minify_css(path.read_text(encoding="utf-8")), encoding="utf-8"
            )


def setup(app: Sphinx) -> dict[str, Any]:
    # after the other extensions have added their files
    app.connect("html-page-context", _lighten_page, priority=900)
    # after furo, which writes its own pygments.css when the build finishes
    app.connect("build-finished", _minify_stylesheets, priority=900)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
