"""Chinese full-text search: jieba installed, quiet, and loaded only when needed."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.search import SearchLanguage

__version__ = "1.0"


def _check(app: Sphinx, config: Config) -> None:
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


def _lazy_chinese() -> type[SearchLanguage]:
    """Sphinx's Chinese splitter, but jieba's dictionaries load on the first page.

    Sphinx's own class loads them (0.6 s) whenever the search index is prepared,
    even when no page needs indexing: on every no-op build.
    """
    import jieba
    from sphinx.search.zh import SearchChinese

    class LazyChinese(SearchChinese):
        def init(self, options: dict[str, str]) -> None:
            self._user_words = options.get("dict")
            self._loaded = False
            # what SearchChinese.init sets besides the dictionary
            import snowballstemmer

            self.stemmer = snowballstemmer.stemmer("english")

        def split(self, input: str) -> list[str]:
            if not self._loaded:
                self._loaded = True
                if self._user_words:
                    jieba.load_userdict(self._user_words)
            return super().split(input)

    return LazyChinese


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _check)
    with contextlib.suppress(ImportError):  # no jieba: _check says so in zh builds
        app.add_search_language(_lazy_chinese())
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
