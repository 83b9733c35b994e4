"""What a lesson's page offers to download: its zip holds the lesson and every
file of its folder that the lesson uses, in each language."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from gallery.lesson_zip import offered_files  # docs/_ext is on the path
from helpers import EXAMPLE_IDS, EXAMPLES, ROOT, page_of

LANGUAGES = ["en", "zh_CN"]
HOMEWORK = ROOT / "examples" / "10_tcp_server" / "tcp_server_homework.py"


def downloads_of(site: Path, example: Path, language: str) -> dict[str, Path]:
    """{file name: the file} of every download link on a lesson's page."""
    page = page_of(site, example, language)
    links = re.findall(r'href="([^"]*_downloads/[^"]+)"', page.read_text("utf-8"))
    return {Path(link).name: (page.parent / link).resolve() for link in links}


def test_the_homework_offers_its_starter_client_solution_and_checker():
    assert [path.name for path in offered_files(HOMEWORK)] == [
        "check_server.py",
        "homework_client.py",
        "homework_server.py",
        "homework_starter.py",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_homework_zip_holds_what_the_page_says_to_put_next_to_it(site, language):
    offered = downloads_of(site, HOMEWORK, language)
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
        # the lesson as this language offers it (zh_CN: Chinese comments),
        # the other files as they are
        assert zipped.read(HOMEWORK.name) == offered[HOMEWORK.name].read_bytes()
        for name in names:
            if name != HOMEWORK.name:
                assert zipped.read(name) == (HOMEWORK.parent / name).read_bytes()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_lesson_zip_holds_every_file_its_page_offers(site, language, example):
    offered = downloads_of(site, example, language)
    zipped_name = example.with_suffix(".zip").name
    with zipfile.ZipFile(offered.pop(zipped_name)) as zipped:
        names = set(zipped.namelist())
    assert set(offered) <= names, f"not in {zipped_name}: {set(offered) - names}"
