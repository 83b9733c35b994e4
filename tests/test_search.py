"""Unit tests of what the search finds: chinese_search and download_note.

The built site's search, run by its own JavaScript, is tested in test_site.py
(Node) and test_browser.py (Chromium).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.errors import ConfigError, ExtensionError

from gallery import download_note
from helpers import ROOT
from i18n import chinese_search

# -- chinese_search ---------------------------------------------------------------


def config(tmp_path: Path, terms: str | None, words: str | None) -> SimpleNamespace:
    options = {}
    if terms is not None:
        (tmp_path / "terms.toml").write_text(terms, encoding="utf-8")
    if words is not None:
        (tmp_path / "words.txt").write_text(words, encoding="utf-8")
        options["dict"] = "words.txt"
    return SimpleNamespace(
        chinese_search_terms="terms.toml" if terms is not None else "",
        html_search_options=options,
        language="zh_CN",
    )


TERMS = """
[deny]
words = ["lock"]

[[term]]
en = "lock"
zh = "锁"

[[term]]
en = "daemon"
zh = "守护进程"
also = ["守护子进程"]

[[term]]
en = "fork server"
zh = "fork 服务器"
"""


def test_course_terms_are_the_glossarys_chinese_forms_and_the_dictionarys(tmp_path):
    words = chinese_search.course_terms(
        config(tmp_path, TERMS, "套接字 50 n\n\n屏障\n"), tmp_path
    )
    assert set(words) == {"锁", "守护进程", "守护子进程", "服务器", "套接字", "屏障"}


def test_the_sites_terms_include_what_a_beginner_searches():
    site = SimpleNamespace(
        chinese_search_terms="docs/locale/zh_CN/terms.toml",
        html_search_options={"dict": str(ROOT / "docs" / "chinese_words.txt")},
    )
    words = set(chinese_search.course_terms(site, ROOT))
    for word in ("进程", "锁", "池", "队列", "管道", "信号", "套接字", "守护进程"):
        assert word in words, word
    for word in ("信号量", "僵尸进程", "孤儿进程", "互斥锁", "抢票", "事件", "屏障"):
        assert word in words, word


def test_a_broken_terms_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"terms\.toml"):
        chinese_search.course_terms(config(tmp_path, "[[term]\nzh = 1", None), tmp_path)
    with pytest.raises(ConfigError, match=r"terms\.toml.*number 1 has no Chinese"):
        chinese_search.course_terms(
            config(tmp_path, '[[term]]\nen = "lock"\n', None), tmp_path
        )


def test_a_dictionary_line_that_is_no_chinese_word_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"words\.txt, line 2: 'lock'"):
        chinese_search.course_terms(config(tmp_path, None, "锁\nlock 50 n\n"), tmp_path)


class SetUpBy:
    """What chinese_search's setup gives Sphinx: its config-inited handler and
    its search language (what a Sphinx application would keep)."""

    def __init__(self) -> None:
        self.handlers: dict[str, object] = {}
        self.languages: list[type] = []
        chinese_search.setup(self)  # type: ignore[arg-type]

    def add_config_value(self, *args, **kwargs) -> None:
        pass

    def connect(self, event, handler) -> None:
        self.handlers[event] = handler

    def add_search_language(self, cls) -> None:
        self.languages.append(cls)


def test_the_configured_terms_reach_the_search_language(tmp_path):
    conf = config(tmp_path, TERMS, "套接字\n")
    SetUpBy().handlers["config-inited"](SimpleNamespace(confdir=tmp_path), conf)
    assert set(conf.html_search_options["course_terms"].split()) >= {"锁", "套接字"}
    assert conf.html_search_options["dict"] == "words.txt"


@pytest.fixture(scope="module")
def splitter():
    (language,) = SetUpBy().languages
    return language({"course_terms": "守护进程 套接字 锁 池"})


def test_a_term_is_a_word_wherever_it_stands(splitter):
    words = splitter.split("每个守护进程用互斥锁保护它的套接字和进程池")
    assert {"守护进程", "锁", "套接字", "池"} <= set(words)
    assert "互斥" in words  # jieba's own words stay


def test_only_the_one_character_terms_are_kept_alone(splitter):
    assert splitter.word_filter("锁")
    assert splitter.word_filter("池")
    assert not splitter.word_filter("的")
    assert splitter.word_filter("套接字")


# -- download_note ---------------------------------------------------------------


def lesson_doctree() -> nodes.document:
    document = new_document("lesson.rst", get_default_settings())
    only = addnodes.only(expr="html")
    note = nodes.note(classes=[download_note.NOTE_CLASS])
    note += nodes.paragraph(text="Go to the end to download the full example code.")
    only += note
    document += only
    section = nodes.section()
    section += nodes.title(text="Joining many processes")
    section += nodes.note("", nodes.paragraph(text="A note of the lesson's own."))
    document += section
    return document


def test_the_download_note_and_its_empty_only_block_are_removed():
    doctree = lesson_doctree()
    assert download_note.remove_download_note(doctree) == 1
    assert not list(doctree.findall(addnodes.only))
    assert doctree.astext().startswith("Joining many processes")
    assert "A note of the lesson's own." in doctree.astext()  # other notes stay


def test_the_note_check_passes_with_the_installed_sphinx_gallery():
    download_note.check_note_class()


def test_the_note_check_stops_the_build_when_the_note_changes_its_class(monkeypatch):
    from sphinx_gallery import gen_rst

    monkeypatch.setattr(
        gen_rst, "EXAMPLE_HEADER", ".. note::\n   :class: sphx-glr-note\n\n   Go\n"
    )
    with pytest.raises(ExtensionError, match=r"download_note\.py"):
        download_note.check_note_class()


# -- What the search lists first (page/search_ranks.py, the lessons' index
# entries): the lesson that teaches the word, for the words readers type ------

HOMEWORK = "examples/10_tcp_server/tcp_server_homework"
FIRST_THREE = [
    ("zh_CN", "僵尸进程", "examples/23_common_mistakes/zombie_children"),
    ("zh_CN", "孤儿进程", "examples/15_unix_daemons/orphan_new_parent"),
    ("zh_CN", "管道", "examples/12_communication/pipe"),
    ("zh_CN", "信号", "examples/16_signals_shutdown/sigterm_handler_and_finally"),
    ("zh_CN", "进程池", "examples/13_pools/pool_map"),
    ("zh_CN", "共享内存", "examples/18_shared_state/shared_memory_block"),
    ("zh_CN", "端口被占用", HOMEWORK),
    ("zh_CN", "Address already in use", HOMEWORK),
    ("en", "Address already in use", HOMEWORK),
    ("en", "zombie", "examples/23_common_mistakes/zombie_children"),
    ("en", "orphan", "examples/15_unix_daemons/orphan_new_parent"),
    ("en", "shared memory", "examples/18_shared_state/shared_memory_block"),
]


def listed(site, language: str, query: str) -> list[str]:
    """The pages the search page lists, in the order it shows them (it shows the
    last of the script's results first), each once."""
    from helpers import run_search

    shown: list[str] = []
    for page in reversed(run_search(site, language, query)):
        if page not in shown:
            shown.append(page)
    return shown


@pytest.mark.parametrize(("language", "query", "lesson"), FIRST_THREE)
def test_the_lesson_that_teaches_a_word_is_among_the_first_three(
    site, language, query, lesson
):
    assert lesson in listed(site, language, query)[:3], listed(site, language, query)


@pytest.mark.parametrize(
    ("language", "lesson"),
    [
        ("zh_CN", "examples/08_locks/tickets_with_lock"),
        ("zh_CN", "examples/12_communication/pipe"),
        ("en", "examples/08_locks/tickets_with_lock"),
        ("en", "examples/23_common_mistakes/no_main_guard"),
    ],
)
def test_a_query_that_is_a_pages_title_lists_that_page_first(site, language, lesson):
    from bs4 import BeautifulSoup

    page = site / "_build" / "html" / language / f"{lesson}.html"
    title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1
    query = title.get_text().rstrip("#¶ ").strip()
    assert listed(site, language, query)[0] == lesson, (
        query,
        listed(site, language, query)[:5],
    )


@pytest.mark.parametrize(
    ("language", "query"), [("zh_CN", "守护进程"), ("en", "daemon"), ("en", "zombie")]
)
def test_the_glossary_is_listed_after_the_lessons(site, language, query):
    shown = listed(site, language, query)
    lessons = [page for page in shown if page.startswith("examples/")]
    assert "glossary" in shown and lessons
    assert shown.index("glossary") > shown.index(lessons[0]), shown[:6]
