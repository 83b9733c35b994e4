"""The page's description and Open Graph tags, written from the page itself.

Link previews (chat apps, social sites) read ``og:title``, ``og:type``,
``og:url``, ``og:site_name`` and ``og:description``; search engines read
``<meta name="description">``.  sphinxext-opengraph wrote them, but it imports
matplotlib when Sphinx loads it (1.5 s of every build's start) for the social
cards that this site does not draw, so this module writes the five tags and
the description itself:

- the title is the page's own, as text, and the site's name the site's title
  in the page's language;
- the URL is this language's page URL (``pageurl``, which
  ``i18n/language_switcher.py`` sets from ``html_baseurl``); without one (no
  ``html_baseurl``) there is no ``og:url``;
- the description is the start of the page's prose: the text of its first
  paragraphs, white space folded, cut at a word (or, in Chinese, at a
  character) before ``DESCRIPTION_LENGTH`` characters, with `` ...`` when cut.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

DESCRIPTION_LENGTH = 200


def description(
    doctree: nodes.document | None, length: int = DESCRIPTION_LENGTH
) -> str:
    """The start of the prose of ``doctree``: its paragraphs outside titles,
    tables of contents and code, cut short with `` ...``."""
    if doctree is None:
        return ""
    texts = []
    total = 0
    for paragraph in doctree.findall(nodes.paragraph):
        if _skipped(paragraph):
            continue
        text = " ".join(paragraph.astext().split())
        if text:
            texts.append(text)
            total += len(text) + 1
        if total > length:
            break
    return _cut(" ".join(texts), length)


def _skipped(node: nodes.Node) -> bool:
    """Whether a paragraph is in a place that is no prose of the page."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.title | nodes.literal_block | nodes.raw) or (
            isinstance(parent, nodes.Element) and "toctree-wrapper" in parent["classes"]
        ):
            return True
        parent = parent.parent
    return False


def _cut(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 4]
    # at the last space, unless the text runs on without one (Chinese)
    space = cut.rfind(" ")
    if space > length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:，；：、") + " ..."


def _meta(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if pagename in app.env.titles:  # a page of the sources: its title as text
        title = app.env.titles[pagename].astext()
    else:  # a page Sphinx makes (index, search): its title has no markup
        title = html.unescape(context.get("title") or "")
    about = description(doctree)
    tags = {
        "og:title": title,
        "og:type": "website",
        "og:url": context.get("pageurl") or "",
        # the site's title in the page's language (i18n/site_title.py)
        "og:site_name": context.get("docstitle") or app.config.project,
        "og:description": about,
    }
    lines = [
        f'<meta property="{name}" content="{html.escape(value)}" />'
        for name, value in tags.items()
        if value
    ]
    if about:
        lines.append(f'<meta name="description" content="{html.escape(about)}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(lines)


def setup(app: Sphinx) -> ExtensionMetadata:
    # after language_switcher's handler, which sets the page's URL
    app.connect("html-page-context", _meta, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
