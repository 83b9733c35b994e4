"""How this package reads translations: the source language, a page's catalog.

- ``i18n_source_language`` (a declared config value, conf.py sets it from its
  ``language``): the language the sources are written in.  A build of it
  translates nothing; ``translates(app)`` says whether this build does.
- ``page_messages(app, docname)``: the translated messages of one page's
  catalog, as Sphinx compiled it (``.mo``) in the build's own ``locale_dirs``
  (``-D locale_dirs`` included), read once per build.

The pages themselves are translated by Sphinx; our extensions' own words by
``ext_words`` (``_("...")``); the theme's by Sphinx's catalog (``sphinx.po``).
What else needs a page's messages (the code comments, the gallery's cards)
asks here.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.mofile import read_mo
from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository, docname_to_domain

__version__ = "1.0"


def source_language(app: Sphinx) -> str:
    """The language the sources (and every message id) are written in."""
    return str(app.config.i18n_source_language)


def translates(app: Sphinx) -> bool:
    """Whether this build writes a language other than the source language."""
    return bool(app.config.language) and app.config.language != source_language(app)


def page_messages(app: Sphinx, docname: str) -> dict[str, str]:
    """The translated messages of ``docname``'s catalog ({} when it has none)."""
    if not translates(app):
        return {}
    domain = docname_to_domain(docname, app.config.gettext_compact)
    repo = CatalogRepository(
        app.srcdir,
        app.config.locale_dirs,
        app.config.language,
        app.config.source_encoding,
    )
    for catalog in repo.catalogs:
        mo = Path(catalog.mo_path)
        if catalog.domain == domain and mo.is_file():
            return _read(str(mo), mo.stat().st_mtime_ns)
    return {}


@functools.lru_cache(maxsize=256)
def _read(mo_path: str, mtime: int) -> dict[str, str]:
    """A compiled catalog's messages (singular ones, translated)."""
    with open(mo_path, "rb") as f:
        catalog = read_mo(f)
    return {
        message.id: message.string
        for message in catalog
        if isinstance(message.id, str)
        and message.id
        and isinstance(message.string, str)
        and message.string
    }


def setup(app: Sphinx) -> dict[str, object]:
    # "en" unless conf.py says otherwise; changes which builds translate
    app.add_config_value("i18n_source_language", "en", "env", types=(str,))
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
