"""Lesson code comments: translated in the catalogs, on zh_CN pages and downloads."""

from __future__ import annotations

import ast
import dataclasses
import html
import io
import re
import tokenize
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    ROOT,
    RUN_HERE,
    page_of,
)
from i18n import (
    code_comments,  # docs/_ext is on the path (conftest.py): a broken one fails
)
from terminal_runs import lesson_job

LOCALE = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
CJK = re.compile(r"[\u3400-\u9fff]")


# -- finding and replacing comments ------------------------------------------

SAMPLE = '''\
"""Title
=====
"""
import os  # noqa: F401

# %%
# A text cell: the page's prose, not a code comment.


def f(x):
    # first line of a block
    # second line of it
    s = "# not a comment"  # a trailing comment
    return x  # type: ignore
'''


def test_comments_are_the_code_comments_only():
    found = code_comments.comments(SAMPLE)
    assert [(c.lines, c.column, c.message) for c in found] == [
        ((10, 11), 4, "first line of a block\nsecond line of it"),
        ((12,), 27, "a trailing comment"),
    ]


def test_translation_keeps_every_line_and_the_code():
    chinese = {
        "first line of a block\nsecond line of it": "第一行\n第二行",
        "a trailing comment": "行尾注释",
    }
    new, mismatched = code_comments.translate(SAMPLE, lambda m: chinese.get(m, m))
    assert not mismatched
    assert len(new.splitlines()) == len(SAMPLE.splitlines())
    assert "    # 第一行\n    # 第二行\n" in new
    assert 's = "# not a comment"  # 行尾注释\n' in new
    assert "# A text cell" in new and "# noqa: F401" in new
    assert code_tokens(new) == code_tokens(SAMPLE)


def test_a_comment_translated_on_other_lines_is_refused():
    messages = {c.message for c in code_comments.comments(SAMPLE)}
    new, mismatched = code_comments.translate(
        SAMPLE, lambda m: m + "\nmore" if m in messages else m
    )
    assert new == SAMPLE
    assert len(mismatched) == 2


def code_tokens(code: str) -> list[tuple[int, str, tuple[int, int]]]:
    """Every token but comments, with its position: what Python runs (a line's
    end moves with the comment before it, so only its line counts; docstrings
    are prose, in the reader's language, where they start)."""
    docstrings = {
        (node.body[0].lineno, node.body[0].col_offset)
        for node in ast.walk(ast.parse(code))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    return [
        (
            t.type,
            "a docstring"
            if t.type == tokenize.STRING and t.start in docstrings
            else t.string,
            (t.start[0], 0) if t.type == tokenize.NEWLINE else t.start,
        )
        for t in tokenize.generate_tokens(io.StringIO(code).readline)
        if t.type not in (tokenize.COMMENT, tokenize.NL)
    ]


# -- the catalogs ------------------------------------------------------------


def catalog_of(example: Path) -> dict[str, tuple[str, bool]]:
    rel = example.relative_to(ROOT / "examples").with_suffix(".po")
    po = LOCALE / "examples" / rel
    if not po.is_file():
        return {}
    with po.open("rb") as f:
        return {m.id: (m.string, m.fuzzy) for m in read_po(f) if m.id}


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_code_comment_has_a_chinese_translation(example):
    catalog = catalog_of(example)
    problems = []
    for comment in code_comments.comments(example.read_text(encoding="utf-8")):
        string, fuzzy = catalog.get(comment.message, ("", False))
        if not string or fuzzy:
            problems.append(f"missing or fuzzy: {comment.message!r}")
        elif string.count("\n") != comment.message.count("\n"):
            problems.append(f"not on {len(comment.lines)} line(s): {string!r}")
        elif not CJK.search(string):
            problems.append(f"not Chinese: {string!r}")
    assert not problems, "\n".join(problems)


# -- the built site ----------------------------------------------------------


def shown_comments(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [
        html.unescape(c)
        for c in re.findall(r'<span class="c1">(.*?)</span>', text, re.S)
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_zh_cn_pages_show_chinese_comments(site, example):
    expected = len(code_comments.comments(example.read_text(encoding="utf-8")))
    english = shown_comments(page_of(site, example, "en"))
    chinese = shown_comments(page_of(site, example, "zh_CN"))
    assert len(chinese) == len(english)
    kept = [c for c in chinese if not CJK.search(c)]
    assert len(chinese) - len(kept) >= expected > 0 or expected == 0
    for comment in kept:  # only tools' comments stay as they are: none to translate
        assert code_comments.comments(comment + "\n") == [], comment


CONCEPTS = sorted((ROOT / "docs" / "concepts").glob("*.md"))


@pytest.mark.parametrize("concept", CONCEPTS, ids=[c.stem for c in CONCEPTS])
def test_zh_cn_concept_pages_show_chinese_comments(site, concept):
    rel = concept.relative_to(ROOT / "docs").with_suffix(".html")
    english = shown_comments(site / "_build" / "html" / "en" / rel)
    chinese = shown_comments(site / "_build" / "html" / "zh_CN" / rel)
    assert len(chinese) == len(english)
    kept = [c for c in chinese if not CJK.search(c)]
    assert [c for c in kept if code_comments.comments(c + "\n")] == []


def download(site: Path, example: Path, language: str, suffix: str) -> Path:
    page = page_of(site, example, language)
    name = example.with_suffix(suffix).name
    links = re.findall(
        rf'href="([^"]*_downloads/[^"]*/{re.escape(name)})"',
        page.read_text(encoding="utf-8"),
    )
    assert links, f"no download of {name} on {page}"
    return (page.parent / links[0]).resolve()


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_zh_cn_download_is_the_lesson_with_chinese_comments(site, example):
    original = example.read_text(encoding="utf-8")
    english = download(site, example, "en", ".py").read_text(encoding="utf-8")
    chinese = download(site, example, "zh_CN", ".py").read_text(encoding="utf-8")
    for script in (english, chinese):  # the same program, line for line
        assert code_tokens(script) == code_tokens(original)
        assert len(script.splitlines()) == len(original.splitlines())
        assert not [line for line in script.splitlines() if MARKUP.search(line)]
    for comment in code_comments.comments(chinese):
        assert CJK.search(comment.message), comment.message
    # the prose too: every paragraph of the docstring and of the text cells
    chinese_prose = prose_paragraphs(chinese)
    assert len(chinese_prose) >= len(prose_paragraphs(english)) > 0
    untranslated = [p for p in chinese_prose if not CJK.search(p)]
    assert not untranslated, untranslated
    with zipfile.ZipFile(download(site, example, "zh_CN", ".zip")) as zipped:
        assert zipped.read(example.name).decode("utf-8") == chinese


def test_zh_cn_zip_of_all_lessons_has_the_chinese_downloads(site):
    index = site / "_build" / "html" / "zh_CN" / "examples" / "index.html"
    link = re.search(
        r'href="([^"]*_downloads/[^"]*\.zip)"', index.read_text(encoding="utf-8")
    )
    assert link
    with zipfile.ZipFile((index.parent / link[1]).resolve()) as zipped:
        names = set(zipped.namelist())
        assert names == {str(e.relative_to(ROOT / "examples")) for e in EXAMPLES}
        for example in EXAMPLES:
            rel = str(example.relative_to(ROOT / "examples"))
            chinese = download(site, example, "zh_CN", ".py").read_bytes()
            assert zipped.read(rel) == chinese, rel


# reST a reader would see: roles, directives, link targets, settings; double
# backquotes in comments (a docstring in the code may use them, as Python's do)
MARKUP = re.compile(
    r":(ref|doc|download|func|mod):`|^\s*#?\s*\.\. |sphinx_gallery_|>`_|^\s*#.*``"
)


def prose_paragraphs(script: str) -> list[str]:
    """The paragraphs of a download's docstring and text cells (code left out)."""
    lines = script.split("\n")
    prose: list[str | None] = [None] * len(lines)  # None: not a line of prose
    if lines[0] == '"""':
        for n in range(1, lines.index('"""', 1)):
            prose[n] = lines[n].strip()
    n = 0
    while n < len(lines):
        n += 1
        if lines[n - 1].rstrip() == "# %%":
            while n < len(lines) and lines[n].startswith("#"):
                prose[n] = lines[n][1:].strip()
                n += 1
    paragraphs, current = [], []
    for text in [*prose, None]:
        if text and not re.fullmatch(r"[=\-~^]+", text):  # (a title's underline)
            current.append(text)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


# Programs whose tokens are the same print the same, except where a traceback
# quotes a line of the lesson, comment and all: a lesson keeps the comments of
# a line that raises on a line of their own, so that its Chinese download
# prints exactly what the English one prints. Those lessons' downloads are run.
def test_zh_cn_downloads_that_print_a_traceback_print_what_the_lesson_prints(
    site, terminal_runs
):
    english = {e: lesson_job(e) for e in RUN_HERE}
    terminal_runs.prefetch(list(english.values()))
    chinese = {}
    for example, job in english.items():
        if any("Traceback" in line for line in terminal_runs.get(job).lines):
            program = download(site, example, "zh_CN", ".py").read_text("utf-8")
            chinese[example] = dataclasses.replace(job, program=program)
    assert chinese, "no lesson prints a traceback: this test would prove nothing"
    terminal_runs.prefetch(list(chinese.values()))
    differ = []
    for example, job in chinese.items():
        found, expected = terminal_runs.get(job), terminal_runs.get(english[example])
        if found.problems or found.lines != expected.lines:
            differ.append(
                f"{example.name}: {found.problems}\n"
                f"only in the zh_CN run: {dict(found.lines - expected.lines)}\n"
                f"only in the lesson's run: {dict(expected.lines - found.lines)}"
            )
    assert not differ, "\n".join(differ)


BOXES = [e for e in EXAMPLES if ".. try-this::" in e.read_text(encoding="utf-8")]


@pytest.mark.parametrize("example", BOXES, ids=lambda p: p.name)
def test_zh_cn_try_this_diff_shows_the_lines_of_the_readers_file(site, example):
    """The "-" line of a box is a line of the zh_CN download, its comment in
    Chinese; the "+" line's comment is in Chinese too."""
    from bs4 import BeautifulSoup

    page = page_of(site, example, "zh_CN").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    diffs = soup.select("aside.try-this pre.literal-block")
    assert diffs, "no box's diff on the page"
    chinese = download(site, example, "zh_CN", ".py").read_text(encoding="utf-8")
    lines = {line.strip() for line in chinese.splitlines()}
    problems = []
    for diff in diffs:
        for line in diff.get_text().splitlines():
            mark, code = line[:2], line[2:]
            if mark == "- " and code.strip() not in lines:
                problems.append(f"not a line of the download: {code!r}")
            for comment in code_comments.comments(code) if mark else []:
                if not CJK.search(comment.message):
                    problems.append(f"an English comment: {comment.message!r}")
    assert not problems, "\n".join(problems)
