"""The theme's hard-coded English (icon titles, aria-labels, search) translated."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation

__version__ = "1.0"

_ = get_translation("sphinx")

# Words furo writes into every page as they are: icon <title>s and aria-labels.
# Their translations live in the sphinx.po catalog, like the theme's other words.
_FIXED = (
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
    "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
)
_TOGGLE = "Toggle navigation of %(title)s"
_CHROME = re.compile(
    r'(?P<open><title>|aria-label="|title=")(?P<text>[^<"]*)(?P<close></title>|")'
)
_ALT = re.compile(r'(alt=")([^"]*)(")')
# The search page's messages that Sphinx's own catalog lacks (searchtools.js
# asks for them with _n(): one form per plural, and Chinese has one).
_SEARCH_PLURAL = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
)
_SEARCH = ("Preparing search...",)
_SCRIPT = "chrome-translations.js"


def _translate_chrome(text: str, title: str, stem: str) -> str:
    """A rendered page with the theme's English words in the page's language."""
    fixed = {english: str(_(english)) for english in _FIXED}
    toggle = str(_(_TOGGLE))

    def chrome(match: re.Match[str]) -> str:
        words = html.unescape(match["text"])
        if words in fixed:
            words = fixed[words]
        elif words.startswith("Toggle navigation of ") and toggle != _TOGGLE:
            words = toggle % {"title": words.removeprefix("Toggle navigation of ")}
        else:
            return match[0]
        return f"{match['open']}{html.escape(words, quote=True)}{match['close']}"

    def alt(match: re.Match[str]) -> str:
        # sphinx-gallery names a lesson's figures after its file: use its title
        if title and html.unescape(match[2]) == stem.replace("_", " "):
            return f"{match[1]}{html.escape(title, quote=True)}{match[3]}"
        return match[0]

    return _ALT.sub(alt, _CHROME.sub(chrome, text))


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html" or app.config.language in (None, "", "en"):
        return
    templates = app.builder.templates
    render = templates.render

    def translated_render(template: str, context: dict[str, Any]) -> str:
        page = render(template, context)
        title = re.sub(r"<[^>]+>", "", str(context.get("title") or ""))
        stem = str(context.get("pagename", "")).rsplit("/", 1)[-1]
        return _translate_chrome(page, html.unescape(title), stem)

    templates.render = translated_render
    app.add_js_file(_SCRIPT)


def _write_search_messages(app: Sphinx, exception: BaseException | None) -> None:
    """Add the search messages Sphinx's catalog lacks to the page's translations."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.language in (None, "", "en"):
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
    app.connect("builder-inited", _on_builder_inited)
    app.connect("build-finished", _write_search_messages)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
