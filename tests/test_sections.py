"""Section pages introduce their section (docs/_ext/gallery/section_intro.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

SECTIONS = sorted({example.parent.name for example in EXAMPLES})


def intro(html: str) -> str:
    """The markup inside the page's one section introduction ("" if none)."""
    from bs4 import BeautifulSoup

    found = BeautifulSoup(html, "html.parser").select("div.section-intro")
    return found[0].decode_contents() if len(found) == 1 else ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_section_page_introduces_its_lessons(site, language):
    problems = []
    for section in SECTIONS:
        if section == "00_scheduling":  # being moved; its header is left alone
            continue
        page = site / "_build" / "html" / language / "examples" / section / "index.html"
        text = intro(page.read_text(encoding="utf-8"))
        if not text:
            problems.append(f"{section}: no introduction")
            continue
        lessons = sorted(p.stem for p in EXAMPLES if p.parent.name == section)
        linked = sorted(set(re.findall(r'href="([a-z_]+)\.html"', text)))
        if not set(lessons) <= set(linked):
            problems.append(f"{section}: lessons {lessons}, linked {linked}")
        words = re.sub(r"<[^>]+>", "", text)
        chinese = len(re.findall("[\u4e00-\u9fff]", words))
        if language == "zh_CN" and chinese < 40:
            problems.append(f"{section}: the introduction is not in Chinese")
        if language == "en" and len(words) < 120:
            problems.append(f"{section}: a very short introduction")
    assert not problems, "\n".join(problems)


def test_the_page_of_all_lessons_keeps_only_the_first_paragraphs(site):
    page = site / "_build" / "html" / "en" / "examples" / "index.html"
    assert "section-intro" not in page.read_text(encoding="utf-8")


def test_every_section_header_has_an_introduction():
    for header in sorted((ROOT / "examples").glob("*/GALLERY_HEADER.rst")):
        if header.parent.name == "00_scheduling":
            continue
        text = header.read_text(encoding="utf-8")
        assert ".. section-intro::" in text, header
        for lesson in (p.stem for p in EXAMPLES if p.parent == header.parent):
            assert f":doc:`{lesson}`" in text, f"{header}: no line for {lesson}"


# -- Find a mistake by its message ---------------------------------------------

MISTAKES = "23_common_mistakes"


def error_table(site, language: str) -> list[tuple[list[str], str]]:
    """The mistakes page's table: each row's code literals (sorted: a translation
    may put them in another order) and its lesson link."""
    from bs4 import BeautifulSoup

    page = site / "_build" / "html" / language / "examples" / MISTAKES / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("div.section-intro table")
    assert table is not None, f"{language}: the mistakes page has no table"
    rows = []
    for row in table.select("tbody tr"):
        what, lesson = row.find_all("td")
        literals = [" ".join(code.get_text().split()) for code in what.select("code")]
        rows.append((sorted(literals), lesson.find("a")["href"]))
    return rows


def page_words(page) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    # prose has typographic quotes (Sphinx's smartquotes), outputs straight ones
    text = soup.get_text(" ").translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.split())


def test_the_mistakes_page_opens_with_the_errors_readers_see(site):
    rows = error_table(site, "en")
    folder = site / "_build" / "html" / "en" / "examples" / MISTAKES
    lessons = {p.stem for p in EXAMPLES if p.parent.name == MISTAKES}
    problems = []
    for literals, href in rows:
        target = (folder / href).resolve()
        if not target.is_file():
            problems.append(f"{href}: no such page")
            continue
        words = page_words(target)
        for literal in literals:  # each, as that lesson shows or names it
            pieces = [p.strip() for p in literal.split("...") if p.strip()]
            if not all(piece in words for piece in pieces):
                problems.append(f"{href} does not show {literal!r}")
    assert not problems, "\n".join(problems)
    linked = {Path(href).stem for _, href in rows}
    # every lesson whose mistake shows a symptom has its row
    assert lessons - linked <= {"main_guard_fix", "module_level_target"}


def test_the_chinese_mistakes_table_keeps_the_errors_words_and_links(site):
    assert error_table(site, "zh_CN") == error_table(site, "en")


OPENS = {"en": "What you see:", "zh_CN": "你看到的："}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_mistake_lesson_opens_with_what_the_reader_sees(site, language):
    """The first paragraph under a mistake's title is its symptom, with the
    words of its row in the table (so a reader who arrived by the table, or by
    a search, knows at once that she is on the right page)."""
    from bs4 import BeautifulSoup

    folder = site / "_build" / "html" / language / "examples" / MISTAKES
    table = {Path(href).stem: literals for literals, href in error_table(site, "en")}
    problems = []
    for lesson in sorted(p.stem for p in EXAMPLES if p.parent.name == MISTAKES):
        page = folder / f"{lesson}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if not soup.h1.get_text().startswith(("Mistake", "错误")):
            continue  # the fixes
        first = soup.h1.find_next("p")
        text = " ".join(first.get_text().split())
        if not text.startswith(OPENS[language]):
            problems.append(f"{lesson}: opens with {text[:60]!r}")
            continue
        shown = {" ".join(c.get_text().split()) for c in first.select("code")}
        if missing := [lit for lit in table.get(lesson, []) if lit not in shown]:
            problems.append(f"{lesson}: its table row's {missing} not in {shown}")
    assert not problems, "\n".join(problems)
