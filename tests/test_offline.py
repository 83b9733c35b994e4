"""The home page and the offline copies (EPUB and zipped site) of each language."""

from __future__ import annotations

import gzip
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse
from xml.etree import ElementTree

import pytest

from helpers import (
    EXAMPLES,
    ROOT,
    SECTION_ORDER,
    needs_python,
    page_of,
    page_outputs,
)
from offline_copies import offline_name  # docs/_ext is on the path (conftest.py)

LANGUAGES = ["en", "zh_CN"]
FEATURED = ROOT / "examples" / "07_daemons" / "heartbeat_monitor.py"
PAGE_LIMIT = 60 * 1024  # every page with its CSS and JS, gzipped
CJK = re.compile(r"[\u4e00-\u9fff]")


class _Links(HTMLParser):
    """Every href and src of a page, with the tag that holds it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value:
                self.links.append((tag, value))


def links_of(markup: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(markup)
    return parser.links


def home(site: Path, language: str) -> Path:
    return site / "_build" / "html" / language / "index.html"


@pytest.fixture(scope="session", params=LANGUAGES)
def epub(site, request) -> tuple[str, zipfile.ZipFile]:
    language = request.param
    path = site / "_build" / "html" / language / "offline"
    with zipfile.ZipFile(path / offline_name(language, "epub")) as book:
        yield language, book


# -- The home page -----------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_the_featured_lessons_real_output(site, language):
    shown = page_outputs(home(site, language))
    assert shown, "the home page shows no lesson output"
    assert shown == page_outputs(page_of(site, FEATURED, language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_the_featured_lessons_timeline(site, language):
    text = home(site, language).read_text(encoding="utf-8")
    lesson = page_of(site, FEATURED, language).read_text(encoding="utf-8")
    chart = re.compile(r"<figure class=\"process-timeline\".*?</figure>", re.S)
    assert chart.search(text), "no process timeline on the home page"
    # the same run: the same facts in words as on the lesson's page
    words = re.compile(r"<details.*?</details>", re.S)
    assert words.findall(chart.search(text).group()) == words.findall(
        chart.search(lesson).group()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_lists_every_section_in_learning_order(site, language):
    text = home(site, language).read_text(encoding="utf-8")
    article = text.split('id="furo-main-content"', 1)[1]
    listed = re.findall(r'href="examples/(\d\d_[a-z_]+)/index.html"', article)
    assert sorted(SECTION_ORDER) == sorted({p.parent.name for p in EXAMPLES})
    assert list(dict.fromkeys(listed)) == SECTION_ORDER


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_links_to_both_offline_copies(site, language):
    page = home(site, language)
    hrefs = {href for _, href in links_of(page.read_text(encoding="utf-8"))}
    for suffix in ("epub", "zip"):
        href = f"offline/{offline_name(language, suffix)}"
        assert href in hrefs
        assert (page.parent / href).stat().st_size > 100_000


def test_every_page_weighs_at_most_60_kb_gzipped_with_its_css_and_js(site):
    html = site / "_build" / "html"
    sizes: dict[Path, int] = {}
    heavy = []
    for page in sorted(html.rglob("*.html")):
        if page.name == "search.html" or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        total = len(gzip.compress(text.encode()))
        for tag, ref in links_of(text):
            if tag not in ("link", "script") or not re.search(r"\.(css|js)$", ref):
                continue
            asset = (page.parent / ref).resolve()
            if asset.is_file():
                if asset not in sizes:
                    sizes[asset] = len(gzip.compress(asset.read_bytes()))
                total += sizes[asset]
        if total > PAGE_LIMIT:
            heavy.append(f"{page.relative_to(html)}: {total / 1024:.1f} KB")
    assert not heavy, heavy


# -- The EPUB ----------------------------------------------------------------


def test_epub_is_a_zip_with_its_mimetype_first(epub):
    _, book = epub
    first = book.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    assert book.testzip() is None


def test_epub_pages_are_well_formed_and_every_internal_link_resolves(epub):
    language, book = epub
    names = set(book.namelist())
    broken = []
    pages = [n for n in names if n.endswith(".xhtml")]
    assert len(pages) > len(EXAMPLES)
    for name in pages:
        markup = book.read(name).decode("utf-8")
        ElementTree.fromstring(markup.split("\n", 1)[1])  # XHTML is XML
        for _, ref in links_of(markup):
            url, fragment = urldefrag(ref)
            if urlparse(ref).scheme:
                continue  # another host (e.g. the site's alternate languages)
            url = url.split("?", 1)[0]  # a stylesheet's ?v=<checksum>
            target = str(Path(name).parent / unquote(url)) if url else name
            target = _normal(target)
            if target not in names:
                broken.append(f"{name}: {ref}")
            elif fragment and f'id="{fragment}"' not in book.read(target).decode():
                broken.append(f"{name}: {ref} (no such anchor)")
    opf = book.read("content.opf").decode("utf-8")
    for ref in re.findall(r'<item [^>]*href="([^"]+)"', opf):
        if unquote(ref) not in names:
            broken.append(f"content.opf: {ref}")
    assert not broken, f"broken links in the {language} EPUB: {broken[:20]}"


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def test_epub_lessons_show_their_output_and_timelines(epub, site):
    language, book = epub
    missing = []
    for example in EXAMPLES:
        rel = example.relative_to(ROOT / "examples").with_suffix(".xhtml")
        text = book.read(f"examples/{rel.as_posix()}").decode("utf-8")
        if "sphx-glr-script-out" not in text and not (
            needs_python(example) and "runner-needs" in text
        ):
            missing.append(f"{rel}: no output (nor the note of a lesson not run)")
        web = page_of(site, example, language).read_text(encoding="utf-8")
        if '<figure class="process-timeline"' in web and "<svg" not in text:
            missing.append(f"{rel}: no timeline")
        if re.search(r'class="[^"]*\bsphx-glr-download\b|href="[./]*_downloads/', text):
            missing.append(f"{rel}: download links (they only work on the website)")
    assert not missing, missing


def test_epub_says_its_language_and_the_chinese_one_reads_in_chinese(epub):
    language, book = epub
    tag = language.replace("_", "-")
    opf = book.read("content.opf").decode("utf-8")
    assert f"<dc:language>{tag}</dc:language>" in opf
    index = book.read("index.xhtml").decode("utf-8")
    assert re.search(f'<html [^>]*\\blang="{tag}"', index)
    prose = re.sub(r"<pre.*?</pre>|<[^>]+>", " ", index, flags=re.S)
    if language == "zh_CN":
        assert len(CJK.findall(prose)) > 200
    else:
        assert not CJK.search(prose)


def test_epub_names_its_authors_and_says_what_it_is_in_its_language(epub):
    language, book = epub
    opf = book.read("content.opf").decode("utf-8")
    fields = {
        name: unescape(re.search(f"<dc:{name}[^>]*>([^<]*)</dc:{name}>", opf)[1])
        for name in ("creator", "publisher", "rights", "description")
    }
    for name, value in fields.items():
        if language == "zh_CN":
            assert CJK.search(value) and "authors" not in value, (name, value)
        else:
            assert not CJK.search(value), (name, value)


def _nav(book: zipfile.ZipFile) -> tuple[str, dict[str, str]]:
    """The EPUB's table of contents: its heading, and {page: its entry's text}."""
    xhtml = "{http://www.w3.org/1999/xhtml}"
    nav = ElementTree.fromstring(book.read("nav.xhtml"))
    heading = "".join(nav.find(f".//{xhtml}h1").itertext()).strip()
    entries = {
        a.get("href"): " ".join("".join(a.itertext()).split())
        for a in nav.iter(f"{xhtml}a")
    }
    return heading, entries


def _heading(page: str) -> str:
    """A page's title (its h1, without the headerlink)."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    h1 = re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", h1, flags=re.S)
    return " ".join(unescape(h1).split())


def test_epub_contents_lists_every_section_and_lesson_by_its_title(epub):
    language, book = epub
    _, entries = _nav(book)
    pages = [f"examples/{folder}/index.xhtml" for folder in SECTION_ORDER] + [
        "examples/"
        + example.relative_to(ROOT / "examples").with_suffix(".xhtml").as_posix()
        for example in EXAMPLES
    ]
    missing = [
        f"{page}: {entries.get(page)!r}"
        for page in pages
        if entries.get(page) != _heading(book.read(page).decode("utf-8"))
    ]
    assert not missing, f"{len(missing)} of {len(pages)} not in the contents: {missing}"


def test_epub_contents_heading_is_in_the_books_language(epub):
    language, book = epub
    heading, entries = _nav(book)
    if language == "zh_CN":
        assert CJK.search(heading), heading
        assert not re.search("[A-Za-z]", heading), heading
        assert "Table of Contents" not in book.read("content.opf").decode("utf-8")
    else:
        assert heading == "Table of Contents"


# -- The zipped site ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_zipped_site_holds_the_whole_site_under_one_folder(site, language):
    folder = site / "_build" / "html" / language
    with zipfile.ZipFile(folder / "offline" / offline_name(language, "zip")) as zipped:
        names = zipped.namelist()
    root = offline_name(language, "zip")[: -len(".zip")]
    assert all(n.startswith(root + "/") for n in names)
    pages = {n.split("/", 1)[1] for n in names if n.endswith(".html")}
    built = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.html")
        if "offline" not in p.parts
    }
    assert pages == built
    assert f"{root}/searchindex.js" in names
    # the copies are not in the zip: its home page links to the published ones
    with zipfile.ZipFile(folder / "offline" / offline_name(language, "zip")) as zipped:
        index = zipped.read(f"{root}/index.html").decode("utf-8")
    published = f"/{language}/offline/{offline_name(language, 'epub')}"
    assert re.search(f'href="https?://[^"]+{re.escape(published)}"', index)
