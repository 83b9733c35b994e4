"""The words our extensions draw, in the page's language, from the ``_ext`` catalog.

Our extensions write their English words as ``_("...")`` (``from ext_words
import _``); ``make gettext`` extracts them into ``_ext.pot``
(tools/extract_messages.py) and each language translates them in
``<locale_dir>/<language>/LC_MESSAGES/_ext.po``, next to the pages' catalogs.
No page can be called ``_ext`` (``docs/_ext`` is excluded), so the name is ours.

A language other than English whose catalog is missing, or lacks a word, is
built with the English word and a warning of type ``ext_words`` (subtypes
``no_catalog`` and ``untranslated``), which ``suppress_warnings`` can silence.
"""

from __future__ import annotations

import gettext
import hashlib
from pathlib import Path

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation, get_translator
from sphinx.util import logging
from sphinx.util.i18n import CatalogInfo, CatalogRepository

from .catalogs import translates

__version__ = "1.0"

CATALOG = "_ext"

_ = get_translation(CATALOG)

logger = logging.getLogger(__name__)


class _Untranslated(gettext.NullTranslations):
    """The catalog chain's end: says that a word stays English (once a process)."""

    def __init__(self, language: str, catalogs: list[str]) -> None:
        super().__init__()
        self.language = language
        self.catalogs = catalogs
        self.reported: set[str] = set()

    def gettext(self, message: str) -> str:
        if message not in self.reported:
            self.reported.add(message)
            logger.warning(
                "%s has no %s translation of %r; it is shown in English",
                " and ".join(self.catalogs),
                self.language,
                message,
                type="ext_words",
                subtype="untranslated",
            )
        return message


def _po_files(app: Sphinx) -> list[Path]:
    """This language's ``_ext.po`` in each of the ``locale_dirs`` that has one."""
    language = app.config.language
    repo = CatalogRepository(
        app.srcdir, app.config.locale_dirs, language, app.config.source_encoding
    )
    found = []
    for locale_dir in repo.locale_dirs:
        po = Path(locale_dir, language, "LC_MESSAGES", CATALOG + ".po")
        if po.is_file():
            found.append(po)
    return found


def _load(app: Sphinx, config: Config) -> None:
    """Compile and register the catalogs first thing at ``config-inited``: the
    site's title needs them there."""
    language = app.config.language
    found = _po_files(app)
    for po in found:
        info = CatalogInfo(str(po.parent), CATALOG, app.config.source_encoding)
        if info.is_outdated():  # as Sphinx does for its own catalog (_init_i18n)
            info.write_mo(language, app.config.gettext_allow_fuzzy_translations)
        app.add_message_catalog(CATALOG, po.parents[2])
    if not found:  # no catalog: the English words, without a lazy proxy
        locale.init([], language, CATALOG)
    if not translates(app):  # the message ids' own language needs no catalog
        return
    if found:
        untranslated = _Untranslated(language, [str(po) for po in found])
        get_translator(CATALOG).add_fallback(untranslated)
    else:
        app.connect("builder-inited", _say_no_catalog)


def _say_no_catalog(app: Sphinx) -> None:
    """All this language's words are English: say so once the build starts."""
    logger.warning(
        "language %s has no %s.po catalog in %s: the words our extensions draw "
        "(timeline, language switcher, title) are shown in English",
        app.config.language,
        CATALOG,
        " or ".join(
            str(Path(app.srcdir, d, app.config.language, "LC_MESSAGES"))
            for d in app.config.locale_dirs
        ),
        type="ext_words",
        subtype="no_catalog",
    )


def _reread_on_change(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Re-read every page when the catalog changed: a page holds the words it drew."""
    digest = hashlib.sha256(app.config.language.encode())
    for po in _po_files(app):
        digest.update(po.read_bytes())
    if getattr(env, "ext_words_catalog", None) == digest.hexdigest():
        return []
    env.ext_words_catalog = digest.hexdigest()  # type: ignore[attr-defined]
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("i18n.catalogs")
    app.connect("config-inited", _load, priority=1)
    app.connect("env-get-outdated", _reread_on_change)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
