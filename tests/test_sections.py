"""Section pages introduce their section (docs/_ext/gallery/section_intro.py)."""

from __future__ import annotations

import re

import pytest

from helpers import EXAMPLES, ROOT

_INTRO = re.compile(r'<div class="section-intro[^"]*">(.*?)\n</div>', re.S)
SECTIONS = sorted({example.parent.name for example in EXAMPLES})


def intro(html: str) -> str:
    found = _INTRO.findall(html)
    return found[0] if len(found) == 1 else ""


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
