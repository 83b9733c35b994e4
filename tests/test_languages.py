"""One list of languages: the extensions' words come from catalogs, a new language needs
only its catalog, and a missing word is never English silently."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po
from sphinx.testing.util import SphinxTestApp

from helpers import EXT_DIR, ROOT

sys.path.insert(0, str(ROOT / "tools"))

import extract_messages  # noqa: E402
import languages  # noqa: E402

TEST_ROOT = Path(__file__).resolve().parent / "roots" / "test-languages"
CHINESE = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES" / "_ext.po"
# (the word as Python's repr writes it: in double quotes when it has an apostrophe)
UNTRANSLATED = re.compile(
    r"has no fr translation of ('.*'|\".*\"); it is shown in English"
)


def untranslated(warnings: str) -> list[str]:
    """The words that the warnings say are shown in English."""
    return [ast.literal_eval(word) for word in UNTRANSLATED.findall(warnings)]


# Words that only another builder draws: the EPUB's heading (offline_copies);
# and those only a lesson's download shows (gallery/plain_download.py, whose
# words a site's build checks in every language: test_code_comments.py).
IN_DOWNLOADS = {
    message
    for _line, message, _comments, _context in extract_from_file(
        "python", EXT_DIR / "gallery" / "plain_download.py", keywords={"_": None}
    )
}
NOT_IN_HTML = {"Table of Contents"} | IN_DOWNLOADS


def all_words() -> set[str]:
    """Every message id of the _ext catalog, as `make gettext` extracts them,
    that an HTML build draws."""
    return {m.id for m in extract_messages.messages(EXT_DIR) if m.id} - NOT_IN_HTML


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the test root, so that compiled catalogs land in tmp_path."""
    return Path(shutil.copytree(TEST_ROOT, tmp_path / "project"))


def add_catalog(project: Path, language: str, po: Path | None = None) -> Path:
    """Put a _ext.po for ``language`` in the project: ``po``'s, or an empty one."""
    target = project / "locale" / language / "LC_MESSAGES" / "_ext.po"
    target.parent.mkdir(parents=True)
    if po is not None:
        shutil.copyfile(po, target)
    else:  # what `make update-po` creates for a new language
        catalog = extract_messages.messages(EXT_DIR)
        catalog.locale = language
        with target.open("wb") as out:
            write_po(out, catalog, no_location=True)
    return target


def build(project: Path, language: str, **conf: object) -> tuple[str, str]:
    """Build the project in ``language``; return its page and the warnings."""
    warnings = StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=project,
        confoverrides={"language": language, **conf},
        status=StringIO(),
        warning=warnings,
    )
    try:
        app.build()
        page = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    return page, warnings.getvalue()


def test_english_words_need_no_catalog_and_no_warning(project):
    page, warnings = build(project, "en")
    assert 'aria-label="Languages"' in page
    assert "<title>Timeline &#8212; Python Processes by Example</title>" in page
    assert "alive</li>" in page and "held the semaphore" in page
    assert warnings == ""


def test_chinese_words_come_from_the_committed_catalog(project):
    add_catalog(project, "zh_CN", CHINESE)
    page, warnings = build(project, "zh_CN")
    assert 'aria-label="语言"' in page
    assert "Python 多进程示例教程</title>" in page
    words = ("存活", "守护进程", "持有信号量", "被 SIGTERM 终止", "用文字描述的时间线")
    for word in words:
        assert word in page, word
    assert ">alive<" not in page and "Languages" not in page
    assert warnings == ""  # the catalog has every word
    assert not list(CHINESE.parent.glob("*.mo")), "a .mo in the source tree"


def test_a_new_language_with_an_empty_catalog_names_every_english_word(project):
    add_catalog(project, "fr")
    page, warnings = build(project, "fr")
    assert 'aria-label="Languages"' in page and "alive</li>" in page
    reported = untranslated(warnings)
    assert set(reported) == all_words()
    assert len(reported) == len(set(reported)), "each word is reported once"
    assert warnings.count("[ext_words.untranslated]") == len(reported)


def test_a_word_missing_from_a_catalog_is_reported_alone(project):
    po = add_catalog(project, "fr")
    with po.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id:
            message.string = f"fr:{message.id}"
    del catalog["alive"]  # as when the code has a new word and update-po did not run
    with po.open("wb") as out:
        write_po(out, catalog, no_location=True)
    page, warnings = build(project, "fr")
    assert "alive</li>" in page and 'aria-label="fr:Languages"' in page
    assert untranslated(warnings) == ["alive"]


def test_a_language_without_a_catalog_says_so(project):
    page, warnings = build(project, "fr")
    assert 'aria-label="Languages"' in page
    assert "language fr has no _ext.po catalog in " in warnings
    assert str(project / "locale" / "fr" / "LC_MESSAGES") in warnings
    assert "[ext_words.no_catalog]" in warnings


@pytest.mark.parametrize("catalog", [False, True])
def test_the_warnings_can_be_suppressed(project, catalog):
    if catalog:
        add_catalog(project, "fr")
    _page, warnings = build(project, "fr", suppress_warnings=["ext_words"])
    assert warnings == ""


def test_a_changed_catalog_redraws_the_pages(project):
    po = add_catalog(project, "zh_CN", CHINESE)
    page, _ = build(project, "zh_CN")
    assert "存活</li>" in page
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "存活"', 'msgstr "活着"'),
        encoding="utf-8",
    )
    # Python keeps every catalog it read for the life of the process; each
    # sphinx-build is a new process, as this build must be.
    gettext._translations.clear()  # type: ignore[attr-defined]
    page, _ = build(project, "zh_CN")
    assert "活着</li>" in page


def test_the_site_languages_are_those_of_conf_py():
    assert languages.site_languages() == {"en": "English", "zh_CN": "简体中文"}
    assert languages.translations() == ["zh_CN"]


def test_the_makefile_builds_conf_py_languages_unless_told_otherwise(tmp_path):
    def dry_run(*args: str) -> str:
        # into a build folder of the test's own, built or not (FORCE=1)
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", f"BUILDDIR={tmp_path}", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    landing = f"tools/landing.py {tmp_path}/html"
    assert f"{landing} en zh_CN\n" in dry_run("html", "FORCE=1")
    assert f"{landing} en\n" in dry_run("html", "FORCE=1", "LANGUAGES=en")
    assert "--language zh_CN\n" in dry_run("update-po")
