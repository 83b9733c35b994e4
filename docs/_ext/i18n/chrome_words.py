"""The theme's hard-coded English (icon titles, aria-labels, search) translated.

furo writes some words as they are, in English on every language's page; their
translations are in Sphinx's own catalog (``sphinx.po``), like the theme's
other words.  Each is translated where it is made, never in the written page:

- the icon titles, the page's aria-labels and the footer's "@pradyunsg's
  Furo": ``docs/_templates/page.html`` (with ``chrome-words.html``), which
  extends furo's ``page.html``;
- the copyright holder in the footer (conf.py's ``author``), at
  ``html-page-context``;
- "Toggle navigation of <section>", which furo's Python writes into the
  navigation tree it hands its template (``furo_navigation_tree``, at
  ``html-page-context``): the tree's checkboxes, after furo made it;
- the search page's messages that Sphinx's catalog lacks: a script
  (``chrome-translations.js``) that adds them to the page's translations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from .catalogs import translates

__version__ = "2.0"

_ = get_translation("sphinx")

_TOGGLE = "Toggle navigation of %(title)s"
# furo's own words for _TOGGLE (furo/navigation.py)
_FURO_TOGGLE = "Toggle navigation of "
# The search page's messages that Sphinx's own catalog lacks (searchtools.js
# asks for them with _n(): one form per plural, and Chinese has one).
_SEARCH_PLURAL = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
)
_SEARCH = ("Preparing search...",)
_SCRIPT = "chrome-translations.js"


def translated_navigation(tree: str) -> str:
    """furo's navigation tree (HTML) with its checkboxes' labels translated."""
    toggle = str(_(_TOGGLE))
    if toggle == _TOGGLE:
        return tree
    soup = BeautifulSoup(tree, "html.parser")
    for box in soup.select("input.toctree-checkbox[aria-label]"):
        label = str(box["aria-label"])
        if label.startswith(_FURO_TOGGLE):
            box["aria-label"] = toggle % {"title": label.removeprefix(_FURO_TOGGLE)}
    return str(soup)


def _on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if not translates(app):
        return
    if context.get("furo_navigation_tree"):
        tree = context["furo_navigation_tree"]
        context["furo_navigation_tree"] = translated_navigation(tree)
    author = app.config.author
    if context.get("copyright") and author:
        context["copyright"] = context["copyright"].replace(author, str(_(author)))


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html" and translates(app):
        app.add_js_file(_SCRIPT)


def _write_search_messages(app: Sphinx, exception: BaseException | None) -> None:
    """Add the search messages Sphinx's catalog lacks to the page's translations."""
    if exception is not None or app.builder.format != "html" or not translates(app):
        return
    messages: dict[str, Any] = {m: str(_(m)) for m in _SEARCH}
    messages.update({m: [str(_(m))] for m in _SEARCH_PLURAL})
    script = (
        "// Search messages missing from Sphinx's catalog"
        " (docs/_ext/i18n/chrome_words.py)\n"
        "if (typeof Documentation !== 'undefined') {\n"
        f"  Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages)});\n"
        "}\n"
    )
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / _SCRIPT).write_text(script, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("i18n.catalogs")
    app.connect("builder-inited", _on_builder_inited)
    # after furo's own handler (priority 500), which makes the tree
    app.connect("html-page-context", _on_page_context, priority=600)
    app.connect("build-finished", _write_search_messages)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
