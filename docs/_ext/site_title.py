"""The site's title (html_title) in the language being built."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

__version__ = "1.0"


def _choose(app: Sphinx, config: Config) -> None:
    titles = config.site_titles
    config.html_title = titles.get(config.language, config.html_title)


def setup(app: Sphinx) -> dict[str, Any]:
    # Language code -> the site's title in that language.
    app.add_config_value("site_titles", {}, "html", types=[dict])
    app.connect("config-inited", _choose)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
