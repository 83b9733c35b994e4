"""Translated titles and tooltips on sphinx-gallery's index cards (raw HTML)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.messages.pofile import read_po

__version__ = "1.0"

# One card of a gallery index, as sphinx-gallery writes it: the tooltip, the
# link to the lesson, and the title.
_CARD = re.compile(
    r'(<div class="sphx-glr-thumbcontainer" tooltip=")(?P<tooltip>[^"]*)(">)'
    r"(?P<middle>.*?:doc:`(?P<doc>/[^`]+)`.*?)"
    r'(<div class="sphx-glr-thumbnail-title">)(?P<title>.*?)(</div>)',
    re.S,
)
_MARKUP = re.compile(r"``?|\*\*?|:[a-z:]+:")


def _translate_cards(app, docname, source) -> None:
    if not app.config.language or app.config.language == "en":
        return
    if not (docname == "examples/index" or docname.startswith("examples/")):
        return
    locale = Path(app.srcdir, "locale", app.config.language, "LC_MESSAGES")

    def card(match: re.Match) -> str:
        messages = _catalog(locale / f"{match['doc'].lstrip('/')}.po")
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


def _catalog(path: Path) -> dict[str, str]:
    """The translated, non-fuzzy messages of one catalog."""
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        catalog = read_po(f)
    return {
        m.id: m.string
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


def setup(app):
    app.connect("source-read", _translate_cards)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
