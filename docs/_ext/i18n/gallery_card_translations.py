"""Translated titles and tooltips on sphinx-gallery's index cards (raw HTML)."""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .catalogs import page_messages, translates

__version__ = "1.0"

# One card of a gallery index, as sphinx-gallery writes it: the tooltip, the
# link to the lesson, and the title.  A regex over HTML: sphinx-gallery writes
# each card as raw HTML into the index's reST, so no document node holds its
# words.
_CARD = re.compile(
    r'(<div class="sphx-glr-thumbcontainer" tooltip=")(?P<tooltip>[^"]*)(">)'
    r"(?P<middle>.*?:doc:`(?P<doc>/[^`]+)`.*?)"
    r'(<div class="sphx-glr-thumbnail-title">)(?P<title>.*?)(</div>)',
    re.S,
)
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

    source[0] = _CARD.sub(card, source[0])


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


# What the card check fills sphinx-gallery's template with.
_SAMPLE = {
    "intro": "The tooltip &amp; intro",
    "title": "The lesson's title",
    "doc_name": "/examples/01_topic/a_lesson",
    "thumbnail": "examples/01_topic/images/thumb/sphx_glr_a_lesson_thumb.png",
    "tags": "",
}


def check_card_format() -> None:
    """Stop unless ``_CARD`` still reads the cards sphinx-gallery writes.

    The cards are raw HTML in the gallery index, made from sphinx-gallery's
    ``backreferences.THUMBNAIL_TEMPLATE``; if that template changes shape, the
    cards would silently stay in English.
    """
    import sphinx_gallery
    from sphinx_gallery import backreferences

    template = getattr(backreferences, "THUMBNAIL_TEMPLATE", None)
    try:
        card = _CARD.search(template.format(**_SAMPLE)) if template else None
    except (KeyError, IndexError, ValueError):  # a placeholder was renamed
        card = None
    if card is None or (card["tooltip"], card["doc"], card["title"]) != (
        _SAMPLE["intro"],
        _SAMPLE["doc_name"],
        _SAMPLE["title"],
    ):
        raise ExtensionError(
            f"gallery_card_translations: the gallery cards of sphinx-gallery "
            f"{sphinx_gallery.__version__} (backreferences.THUMBNAIL_TEMPLATE) no "
            "longer have the shape that _CARD in docs/_ext/"
            "gallery_card_translations.py reads, so the Chinese gallery would show "
            "English cards. Adapt _CARD to the new template (and its unit tests in "
            "tests/test_page_extensions.py), or reinstall the sphinx-gallery version "
            "pinned in requirements.txt (make html does)."
        )


def setup(app: Sphinx) -> dict[str, Any]:
    check_card_format()
    app.setup_extension("i18n.catalogs")
    app.connect("source-read", _translate_cards)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
