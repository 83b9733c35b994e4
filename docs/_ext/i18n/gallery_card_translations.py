"""Translated titles and tooltips on sphinx-gallery's index cards (raw HTML)."""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

from gallery.contract import CARD

from .catalogs import page_messages, translates

__version__ = "1.0"

# A regex over HTML: sphinx-gallery writes each card as raw HTML into the
# index's reST (gallery/contract.py's CARD), so no document node holds its words.
_MARKUP = re.compile(r"``?|\*\*?|:[a-z:]+:")


def _translate_cards(app: Sphinx, docname: str, source: list[str]) -> None:
    if not translates(app):
        return
    if not (docname == "examples/index" or docname.startswith("examples/")):
        return

    def card(match: re.Match[str]) -> str:
        messages = page_messages(app, match["doc"].lstrip("/"))
        title = html.unescape(match["title"])
        tooltip = _plain(html.unescape(match["tooltip"]))
        # The card shows the title as plain text, its msgid may hold markup
        # (a title such as ``daemon=True`` is not ...).
        new_title = messages.get(title) or next(
            (
                _plain(text)
                for msgid, text in messages.items()
                if _plain(msgid) == _plain(title)
            ),
            title,
        )
        new_tooltip = next(
            (
                _plain(text)
                for msgid, text in messages.items()
                if _plain(msgid) == tooltip
            ),
            match["tooltip"],
        )
        return (
            f"{match[1]}{html.escape(new_tooltip)}{match[3]}{match['middle']}"
            f"{match[6]}{html.escape(new_title)}{match[8]}"
        )

    source[0] = CARD.sub(card, source[0])


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("gallery.contract")  # stops the build if its shapes changed
    app.setup_extension("i18n.catalogs")
    app.connect("source-read", _translate_cards)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
