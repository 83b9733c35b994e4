"""Chinese full-text search: jieba must be installed, and quiet."""

from __future__ import annotations

import logging

from sphinx.errors import ConfigError

__version__ = "1.0"


def _check(app, config) -> None:
    if not config.language or not config.language.startswith("zh"):
        return
    try:
        import jieba
    except ImportError:
        # Without jieba Sphinx indexes no Chinese word at all, and says nothing.
        raise ConfigError(
            "Chinese search needs jieba: install requirements.txt (make html does)"
        ) from None
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter


def setup(app):
    app.connect("config-inited", _check)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
