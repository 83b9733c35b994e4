"""Each page's description and Open Graph tags (docs/_ext/page/social_meta.py),
and a build's start without matplotlib (sphinxext-opengraph imported it)."""

from __future__ import annotations

import html
import re
import subprocess
import sys

from docutils.core import publish_doctree

from helpers import ROOT, copy_site, page_of
from page.social_meta import DESCRIPTION_LENGTH, description

LESSON = ROOT / "examples" / "01_first_steps" / "pid_and_ppid.py"
SITE_URL = "https://processes-by-example.readthedocs.io/"


def meta(page) -> dict[str, str]:
    text = page.read_text(encoding="utf-8")
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)" />', text)
    return {name: html.unescape(value) for name, value in found}


def test_a_description_is_the_start_of_the_prose_titles_and_code_left_out():
    doctree = publish_doctree(
        "Title\n=====\n\nFirst words of the page.\n\n::\n\n   code()\n\n"
        "Second paragraph, which goes on.\n"
    )
    assert (
        description(doctree)
        == "First words of the page. Second paragraph, which goes on."
    )


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis():
    doctree = publish_doctree("Title\n=====\n\n" + "word " * 100)
    text = description(doctree)
    assert len(text) <= DESCRIPTION_LENGTH and text.endswith("word ...")


def test_chinese_prose_with_no_spaces_is_cut_at_a_character():
    doctree = publish_doctree("标题\n====\n\n" + "进程" * 200)
    text = description(doctree)
    assert len(text) <= DESCRIPTION_LENGTH
    assert text.startswith("进程进程") and text.endswith(" ...")


def test_a_lesson_page_has_its_title_url_and_prose_in_each_language(site):
    for language in ("en", "zh_CN"):
        page = page_of(site, LESSON, language)
        tags = meta(page)
        rel = "examples/01_first_steps/pid_and_ppid.html"
        assert tags["og:url"] == f"{SITE_URL}{language}/{rel}"
        assert tags["og:type"] == "website"
        title, site_name = re.search(
            r"<title>(.*?) - (.*?)</title>", page.read_text("utf-8")
        ).groups()
        assert tags["og:title"] == html.unescape(title)
        assert tags["og:site_name"] == html.unescape(site_name)
        assert tags["description"] == tags["og:description"]
        assert 40 < len(tags["description"]) <= DESCRIPTION_LENGTH
    english = meta(page_of(site, LESSON, "en"))["description"]
    chinese = meta(page_of(site, LESSON, "zh_CN"))["description"]
    assert english.startswith("Every process has a number")
    assert re.search(r"[\u4e00-\u9fff]", chinese)


def test_sphinx_starts_the_site_without_importing_matplotlib(tmp_path):
    # lessons draw in their own interpreters; sphinx-gallery's import of it at
    # config-inited is hidden by the runner (example_runner/gallery.py)
    (tmp_path / "project").mkdir()
    project = copy_site(tmp_path / "project")  # the gallery writes into its sources
    code = (
        "import sys\n"
        "from sphinx.application import Sphinx\n"
        f"Sphinx({str(project / 'docs')!r}, {str(project)!r},"
        f" {str(tmp_path / 'out')!r}, {str(tmp_path / 'doctrees')!r}, 'html',"
        " status=None, warning=None,"
        # the start-up only: the gallery is set up, its lessons are not run
        " confoverrides={'plot_gallery': '0'})\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
