"""Chinese full-text search that finds the course's terms, 锁 and 池 included.

Sphinx splits Chinese text into words with jieba and drops every one-character
word, so 锁 (lock) and 池 (pool) were not indexed, and a term jieba does not
know (套接字) was cut into pieces that no reader searches for. Here the course's
terms are words of the index wherever they appear on a page, whatever jieba
makes of the text around them, one-character terms too. They come from the
glossary's terms (``chinese_search_terms``: terms.toml, each ``zh`` and ``also``)
and from ``html_search_options["dict"]`` (a jieba dictionary: one word per line,
then optionally its frequency and part of speech) for words that are no term.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tomllib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.search import SearchLanguage

__version__ = "2.0"

# How the course's terms reach the search language: a key of
# html_search_options, so that a changed list re-indexes every page.
_OPTION = "course_terms"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# jieba's weight of a word of ours: high enough to be kept whole
_FREQUENCY = 50


def _is_chinese(language: str | None) -> bool:
    return bool(language) and str(language).startswith("zh")


def _terms_of_glossary(path: Path) -> list[str]:
    """The Chinese words of terms.toml: each term's ``zh`` and ``also`` forms.

    A term written with a Latin word (``fork 服务器``) gives its Chinese part.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"chinese_search_terms: cannot read {path}: {error}"
        ) from None
    words: list[str] = []
    for number, term in enumerate(data.get("term", []), start=1):
        forms = (
            [term.get("zh"), *term.get("also", [])] if isinstance(term, dict) else []
        )
        if not forms[:1] or not all(isinstance(form, str) for form in forms):
            raise ConfigError(
                f"chinese_search_terms: {path}: [[term]] number {number} has no "
                'Chinese form: it needs zh = "..." (and also = ["..."] if any)'
            )
        for form in forms:
            words.extend(_CJK_RUN.findall(form))
    return words


def _words_of_dictionary(path: Path) -> list[str]:
    """The words of a jieba dictionary: the first field of each line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"html_search_options['dict']: cannot read {path}: {error}"
        ) from None
    words = []
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        if not _CJK_RUN.fullmatch(fields[0]):
            raise ConfigError(
                f"html_search_options['dict']: {path}, line {number}: {fields[0]!r} "
                "is not a Chinese word (one word a line, then optionally its "
                "frequency and part of speech)"
            )
        words.append(fields[0])
    return words


def course_terms(config: Config, confdir: str | Path) -> list[str]:
    """Every Chinese word the search must find (paths relative to ``confdir``)."""
    words: list[str] = []
    if config.chinese_search_terms:
        words += _terms_of_glossary(Path(confdir, config.chinese_search_terms))
    dictionary = (config.html_search_options or {}).get("dict")
    if dictionary:
        words += _words_of_dictionary(Path(confdir, dictionary))
    return sorted(set(words), key=lambda word: (-len(word), word))


def _check(app: Sphinx, config: Config) -> None:
    if not _is_chinese(config.language):
        return
    try:
        import jieba
    except ImportError:
        # Without jieba Sphinx indexes no Chinese word at all, and says nothing.
        raise ConfigError(
            "Chinese search needs jieba: install requirements.txt (make html does)"
        ) from None
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter
    # The search language gets its options, and every page is indexed again
    # when they change (html_search_options is an "html" config value).
    config.html_search_options = {
        **(config.html_search_options or {}),
        _OPTION: " ".join(course_terms(config, app.confdir)),
    }


# The search page's query splitter (language_data.js). Sphinx's own splits on
# spaces and punctuation only, so 进程锁 was one word that no page has. Here a
# run of Chinese characters is cut into the longest words of the index, from
# the left; a character that starts no word of the index (的) is left out,
# unless nothing else is left. "fork服务器" becomes fork and 服务器.
_JS_SPLITTER = r"""
var splitQuery = (query) => {
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) => Object.hasOwn(index.terms || {}, word)
    || Object.hasOwn(index.titleterms || {}, word);
  const words = [];
  const unknown = [];
  const parts = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/u)
    .flatMap((part) => part.split(/(\p{Script=Han}+)/u))
    .filter((part) => part);
  for (const part of parts) {
    if (!/^\p{Script=Han}+$/u.test(part) || known(part)) {
      words.push(part);
      continue;
    }
    for (let start = 0; start < part.length; ) {
      let end = part.length;
      while (end > start + 1 && !known(part.slice(start, end))) end--;
      const word = part.slice(start, end);
      (known(word) ? words : unknown).push(word);
      start = end;
    }
  }
  return words.length ? words : unknown;
};
"""


def _lazy_chinese() -> type[SearchLanguage]:
    """Sphinx's Chinese splitter, with the course's terms always kept whole.

    jieba's dictionaries load on the first page: Sphinx's own class loads them
    (0.6 s) whenever the search index is prepared, on every no-op build too.
    """
    import jieba
    from sphinx.search.zh import SearchChinese

    class CourseChinese(SearchChinese):
        def init(self, options: dict[str, str]) -> None:
            self._terms = options.get(_OPTION, "").split()
            self._single = {term for term in self._terms if len(term) == 1}
            self._loaded = False
            # what SearchChinese.init sets besides the dictionary
            import snowballstemmer

            self.stemmer = snowballstemmer.stemmer("english")

        def split(self, input: str) -> list[str]:
            if not self._loaded:
                self._loaded = True
                for term in self._terms:
                    jieba.add_word(term, _FREQUENCY)
            words = super().split(input)
            # a term is a word of the page wherever it stands: 锁 in 互斥锁
            return words + [term for term in self._terms if term in input]

        def word_filter(self, stemmed_word: str) -> bool:
            return stemmed_word in self._single or super().word_filter(stemmed_word)

        # the search page splits a query with this, not with jieba
        js_splitter_code = _JS_SPLITTER

    return CourseChinese


def setup(app: Sphinx) -> dict[str, Any]:
    # terms.toml, relative to conf.py: its zh and also forms are search words
    app.add_config_value("chinese_search_terms", "", "html", types=[str])
    app.connect("config-inited", _check)
    with contextlib.suppress(ImportError):  # no jieba: _check says so in zh builds
        app.add_search_language(_lazy_chinese())
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
