"""The page itself: its weight, its accessibility, its folded blocks, its print,
the reader's progress.

- ``lean_assets.py``: lighter pages (no assets for unused features, leaner
  code markup, minified stylesheets);
- ``accessibility.py``: every page usable with a keyboard and a screen reader
  (``static/accessibility.js`` and ``.css``, and the templates
  ``docs/_templates/accessible-*.html``);
- ``folded.py``: the ``folded`` directive, hints, answers and solutions in a
  ``<details>`` (``static/folded.css``);
- ``printing.py``: printed pages without the website's navigation, folded
  blocks opened (``static/print.css``);
- ``progress.py``: "I have done this lesson", a checkbox kept in the browser
  and a mark in the sidebar (``static/progress.js`` and ``.css``);
- ``search_ranks.py``: the search lists first the lesson that teaches a word
  (its index entries), not the glossary;
- ``social_meta.py``: the page's description and Open Graph tags, for search
  engines and link previews.

conf.py lists ``page``; ``setup`` sets up each module.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from shared import set_up_modules

MODULES = (
    "accessibility",
    "folded",
    "lean_assets",
    "printing",
    "progress",
    "search_ranks",
    "social_meta",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return set_up_modules(app, __name__, MODULES)
