"""A reader's own progress: "I have done this lesson", kept in the browser.

Each lesson page gets a checkbox (a real ``<input type="checkbox">`` with its
label) under the lesson; ``static/progress.js`` keeps its state in the
browser's ``localStorage`` (no account, nothing sent anywhere; from
``file://`` too) and marks the sidebar's link to every lesson ticked, on every
page.  Where storage is unavailable (or without JavaScript) the checkbox stays
hidden and nothing is marked.  A lesson is stored by its page name, the same
in every language.  The EPUB has neither.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from i18n.ext_words import _
from shared import serve_static

__version__ = "1.0"


def _is_lesson(pagename: str) -> bool:
    return (
        pagename.startswith("examples/")
        and pagename.count("/") == 2
        and not (pagename.endswith("/index"))
    )


def _web(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def _add_script(app: Sphinx) -> None:
    if not _web(app):
        return
    # the sidebar's mark says "done" in the page's language, on every page
    attributes: dict[str, Any] = {"data-done": _("done")}
    app.add_js_file("progress.js", loading_method="defer", **attributes)
    app.add_css_file("progress.css")


def _add_checkbox(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if not _web(app) or not _is_lesson(pagename) or "body" not in context:
        return
    label = html.escape(_("I have done this lesson"))
    context["body"] += (
        f'<p class="lesson-progress" data-lesson="{html.escape(pagename)}" hidden>'
        '<input type="checkbox" id="lesson-done">'
        f'<label for="lesson-done">{label}</label></p>\n'
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    serve_static(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_script)
    app.connect("html-page-context", _add_checkbox)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
