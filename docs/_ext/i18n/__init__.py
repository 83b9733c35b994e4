"""Every word the site draws, in the page's language, and the languages' links.

The pages' own words are translated by Sphinx from ``docs/locale/``; this
package translates what Sphinx's catalogs do not reach:

- ``catalogs.py``: the one way the others read translations: which language
  is the source (``i18n_source_language``) and a page's catalog as the build
  compiled it;
- ``ext_words.py``: ``_("...")``, the words our extensions draw, from the
  ``_ext`` catalog (``from i18n.ext_words import _``);
- ``chrome_words.py``: the theme's hard-coded English (icon titles,
  aria-labels, search messages);
- ``site_title.py``: the site's title (``html_title``) in the language built;
- ``output_label.py``: sphinx-gallery's "Out:" label, as a stylesheet;
- ``code_comments.py``: the lessons' code comments, on the pages and in the
  downloads;
- ``gallery_card_translations.py``: the titles and tooltips of the gallery's
  index cards (raw HTML);
- ``chinese_search.py``: a Chinese search that finds the course's terms;
- ``language_switcher.py``: the links between the language editions
  (switcher, hreflang, canonical and each language's own URL).

conf.py lists ``i18n``; ``setup`` sets up each module.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from shared import set_up_modules

MODULES = (
    "catalogs",
    "chinese_search",
    "chrome_words",
    "code_comments",
    "ext_words",
    "gallery_card_translations",
    "language_switcher",
    "output_label",
    "site_title",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return set_up_modules(app, __name__, MODULES)
