"""The site's title (html_title) in the language being built, from the catalogs."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from i18n.ext_words import _

__version__ = "1.1"


def _choose(app: Sphinx, config: Config) -> None:
    # conf.py's html_title is the message id (tools/extract_messages.py).
    config.html_title = _(config.html_title)


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("i18n.ext_words")  # loads the catalog before config-inited
    app.connect("config-inited", _choose)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
