"""The real site, built once (as `make html` builds it) from a copy of the sources."""

from __future__ import annotations

import re

import pytest

from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    ROOT,
    SECTION_ORDER,
    page_of,
    page_outputs,
    page_text,
)


def test_landing_page_sends_readers_to_the_english_site(site):
    landing = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in landing
    assert "navigator.languages" in landing
    assert (site / "_build" / "html" / "en" / "index.html").is_file()


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_example_has_a_page_with_its_output(site, example):
    page = page_of(site, example)
    assert page.is_file()
    assert page_outputs(page), f"{page.name} shows no output"
    assert "Download Python source code" in page_text(page)


def test_examples_leave_nothing_in_the_sources(site):
    copied = sorted(p.relative_to(site) for p in (site / "examples").rglob("*"))
    original = sorted(
        p.relative_to(ROOT)
        for p in (ROOT / "examples").rglob("*")
        if "__pycache__" not in p.parts
    )
    assert copied == original


def test_gallery_lists_the_lessons_in_learning_order(site):
    index = (site / "_build" / "html" / "en" / "examples" / "index.html").read_text(
        encoding="utf-8"
    )
    folders = re.findall(r'href="(\d\d_[a-z_]+)/[a-z_]+\.html"', index)
    seen = list(dict.fromkeys(folders))
    assert seen == [folder for folder in SECTION_ORDER if folder in seen]
    assert seen.index("23_common_mistakes") == seen.index("11_start_methods") + 1
    assert len(seen) == len({p.parent.name for p in EXAMPLES})


def test_sidebar_lists_every_lesson_section_once_under_lessons(site):
    page = page_of(site, ROOT / "examples" / "09_semaphores" / "ticket_windows.py")
    text = page.read_text(encoding="utf-8")
    tree = text.split('<div class="sidebar-tree">', 1)[1].split("</nav>", 1)[0]
    assert tree.count(">Semaphores</a>") == 1
    assert tree.count(">Lessons</a>") == 1
    # the sections are nested inside the Lessons entry, not beside it
    lessons = tree.index(">Lessons</a>")
    assert tree.index(">First steps</a>") > lessons
    assert tree.index(">Glossary</a>") > tree.index(
        ">Exit codes, terminate and kill</a>"
    )
