"""What a lesson's page offers to download: its zip holds the lesson and every
file of its folder that the lesson uses, in each language."""

from __future__ import annotations

import ast
import html
import re
import zipfile
from pathlib import Path

import pytest

from gallery.offered_files import offered_files  # docs/_ext is on the path
from helpers import EXAMPLE_IDS, EXAMPLES, ROOT, page_of
from i18n import code_comments

LANGUAGES = ["en", "zh_CN"]
HOMEWORK = ROOT / "examples" / "10_tcp_server" / "tcp_server_homework.py"
HOMEWORK_FILES = [
    "check_server.py",
    "homework_client.py",
    "homework_server.py",
    "homework_starter.py",
]


def downloads_of(site: Path, example: Path, language: str) -> dict[str, Path]:
    """{file name: the file} of every download link on a lesson's page."""
    page = page_of(site, example, language)
    links = re.findall(r'href="([^"]*_downloads/[^"]+)"', page.read_text("utf-8"))
    return {Path(link).name: (page.parent / link).resolve() for link in links}


def homework_downloads(site: Path, language: str) -> dict[str, Path]:
    """The downloads of the homework's page and of its checker's page."""
    return {
        **downloads_of(site, HOMEWORK.with_name("check_the_homework.py"), language),
        **downloads_of(site, HOMEWORK, language),
    }


def test_the_homework_offers_its_starter_client_solution_and_checker():
    assert [path.name for path in offered_files(HOMEWORK)] == [
        "check_server.py",
        "homework_client.py",
        "homework_server.py",
        "homework_starter.py",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_homework_zip_holds_what_the_page_says_to_put_next_to_it(site, language):
    offered = homework_downloads(site, language)
    with zipfile.ZipFile(offered[HOMEWORK.with_suffix(".zip").name]) as zipped:
        names = sorted(zipped.namelist())
        assert names == sorted(
            [
                HOMEWORK.name,
                "check_server.py",
                "homework_client.py",
                "homework_server.py",
                "homework_starter.py",
            ]
        )
        # each file as this language's page offers it (zh_CN: in Chinese)
        for name in names:
            assert zipped.read(name) == offered[name].read_bytes(), name


@pytest.mark.parametrize("name", HOMEWORK_FILES)
def test_english_homework_files_are_the_sources(site, name):
    offered = homework_downloads(site, "en")
    assert offered[name].read_bytes() == (HOMEWORK.parent / name).read_bytes()


def without_words(code: str) -> str:
    """``code``'s syntax tree with its docstrings emptied (comments are no node)."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0].value.value = ""
    return ast.dump(tree)


def english_words(code: str) -> list[str]:
    """The comments and docstring paragraphs of ``code`` with no Chinese."""
    return [
        message
        for message in code_comments.messages(code)
        if not re.search(r"[\u3400-\u9fff]", message)
    ]


@pytest.mark.parametrize("name", HOMEWORK_FILES)
def test_chinese_homework_files_are_the_same_code_in_chinese_words(site, name):
    source = (HOMEWORK.parent / name).read_text("utf-8")
    offered = homework_downloads(site, "zh_CN")[name].read_text("utf-8")
    assert without_words(offered) == without_words(source)
    assert len(offered.split("\n")) == len(source.split("\n"))  # line numbers
    assert english_words(source), "the source has words to translate"
    assert english_words(offered) == []
    assert not re.search(r"(?m)^\s*\.\. \w|:(ref|doc|download):`", offered)


def test_chinese_homework_page_shows_the_solution_as_its_download(site):
    page = page_of(site, HOMEWORK, "zh_CN").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "课后练习的参考答案：每个客户端一个进程的 TCP 服务器。" in text
    assert "# 回收已结束的子进程：不留僵尸进程" in text


def test_checker_page_says_in_which_language_the_checker_speaks(site):
    for language, words in (("en", "prints in English"), ("zh_CN", "都用英文输出")):
        page = page_of(site, HOMEWORK.with_name("check_the_homework.py"), language)
        assert words in page.read_text("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_lesson_zip_holds_every_file_its_page_offers(site, language, example):
    offered = downloads_of(site, example, language)
    zipped_name = example.with_suffix(".zip").name
    with zipfile.ZipFile(offered.pop(zipped_name)) as zipped:
        names = set(zipped.namelist())
    assert set(offered) <= names, f"not in {zipped_name}: {set(offered) - names}"
