"""furo's hard-coded English (icon titles, aria-labels, the navigation's
toggles) in the page's language, from Sphinx's own catalog."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sphinx.testing.util import SphinxTestApp

from helpers import ROOT

TEST_ROOT = Path(__file__).resolve().parent / "roots" / "test-chrome-words"
SPHINX_PO = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"
TEMPLATES = ROOT / "docs" / "_templates"
ICON_TITLES = ["Contents", "Menu", "Expand", "Light mode", "Dark mode"]
LABELS = ["Toggle site navigation sidebar", "Toggle table of contents sidebar"]


def chinese(message: str) -> str:
    with SPHINX_PO.open("rb") as f:
        return read_po(f)[message].string


def build(tmp_path: Path, language: str) -> str:
    """The index page of the test root built in ``language``."""
    project = Path(shutil.copytree(TEST_ROOT, tmp_path / "project"))
    target = project / "locale" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"
    target.parent.mkdir(parents=True)
    shutil.copyfile(SPHINX_PO, target)
    app = SphinxTestApp(
        "html",
        srcdir=project,
        confoverrides={"language": language, "templates_path": [str(TEMPLATES)]},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def titles_and_labels(page: str) -> list[str]:
    found = re.findall(r'<title>([^<]*)</title>|aria-label="([^"]*)"', page)
    return [html.unescape(a or b) for a, b in found]


@pytest.fixture(scope="module")
def chinese_page(tmp_path_factory) -> str:
    return build(tmp_path_factory.mktemp("zh"), "zh_CN")


@pytest.mark.parametrize("words", ICON_TITLES)
def test_furos_icon_titles_are_in_the_pages_language(chinese_page, words):
    assert f"<title>{chinese(words)}</title>" in chinese_page
    assert f"<title>{words}</title>" not in chinese_page


@pytest.mark.parametrize("words", LABELS)
def test_furos_aria_labels_are_in_the_pages_language(chinese_page, words):
    assert chinese(words) in titles_and_labels(chinese_page)
    assert words not in titles_and_labels(chinese_page)


def test_the_navigation_toggles_name_their_section_in_the_pages_language(
    chinese_page,
):
    toggle = chinese("Toggle navigation of %(title)s") % {"title": "Daemons"}
    assert toggle in titles_and_labels(chinese_page)
    assert not any(v.startswith("Toggle") for v in titles_and_labels(chinese_page))


def test_the_english_site_keeps_furos_words(tmp_path):
    page = build(tmp_path, "en")
    values = titles_and_labels(page)
    assert "Toggle navigation of Daemons" in values
    for words in ICON_TITLES + LABELS:
        assert words in values


def footer(page: str) -> str:
    found = re.search(
        r'<div class="bottom-of-page">(.*?)<div class="right-details">', page, re.S
    )
    assert found, "no footer"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found[1])).split())


def test_the_footer_is_in_the_pages_language(chinese_page):
    words = footer(chinese_page)
    assert "《Python 多进程示例教程》的作者们" in words
    assert "@pradyunsg 的 Furo" in words
    assert not re.search(r"authors|'s|Made with", words), words


def test_the_english_footer_keeps_its_words(tmp_path):
    words = footer(build(tmp_path, "en"))
    assert "The Python Processes by Example authors" in words
    assert "@pradyunsg 's Furo" in words  # the link, then 's
