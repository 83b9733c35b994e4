"""Fast unit tests of the small page extensions, each on a tiny Sphinx project.

The projects are in tests/roots/test-<name>/ and are built with sphinx.testing
(as Sphinx and sphinx-gallery test their own extensions), always from a copy in
pytest's temporary folder (``copy_test_root=True``), never in the sources.
The full builds of the real site (test_site.py, test_i18n.py) stay for the
behaviour end to end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from gallery.lesson_order import LessonOrder, lesson_order
from page import lean_assets


def html_of(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def built(app):
    app.build()
    assert app.statuscode == 0
    assert not app.warning.getvalue(), app.warning.getvalue()
    return app


# -- lean_assets ---------------------------------------------------------------


@pytest.fixture
def lean_site(make_app, app_params):
    args, kwargs = app_params
    return built(make_app(*args, **kwargs))


@pytest.mark.sphinx("html", testroot="lean-assets", copy_test_root=True)
def test_lean_assets_drops_the_gallery_assets_the_site_does_not_use(lean_site):
    page = html_of(lean_site, "index")
    for unused in (
        "sg_gallery-binder.css",
        "sg_gallery-dataframe.css",
        "sg_gallery-rendered-html.css",
        "sg-tags.js",
    ):
        assert unused not in page
    assert "_static/sg_gallery.css" in page  # what the site uses stays


@pytest.mark.sphinx("html", testroot="lean-assets", copy_test_root=True)
def test_lean_assets_leaves_no_whitespace_spans_in_highlighted_code(lean_site):
    page = html_of(lean_site, "index")
    code = page.split('<div class="highlight">', 1)[1].split("</pre>", 1)[0]
    assert '<span class="w">' not in code
    # the code reads the same
    text = re.sub(r"<[^>]+>", "", code).replace("&quot;", '"')
    assert text.startswith("from multiprocessing import Process\n\nif __name__")


def test_merge_code_spans_joins_neighbours_of_one_class_and_unwraps_spaces():
    html = (
        '<span class="p">(</span><span class="p">)</span><span class="w"> </span>'
        '<span class="n">x</span><span class="p">[</span><span class="p">]</span>'
    )
    assert lean_assets.merge_code_spans(html) == (
        '<span class="p">()</span> <span class="n">x</span><span class="p">[]</span>'
    )


@pytest.mark.sphinx("html", testroot="lean-assets", copy_test_root=True)
def test_lean_assets_minifies_the_gallery_and_pygments_stylesheets(lean_site):
    static = Path(lean_site.outdir) / "_static"
    assert (static / "sg_gallery.css").read_text(encoding="utf-8") == (
        ".sphx-glr-thumbcontainer{background: #fff;border: solid #fff 1px;}"
        "div.sphx-glr-script-out pre{margin: 0;}"
    )
    pygments = (static / "pygments.css").read_text(encoding="utf-8")
    assert "\n" not in pygments and "/*" not in pygments
    assert ".highlight .hll{background-color: #ffffcc}" in pygments  # rules stay


def test_minify_css_drops_comments_and_indentation_only():
    css = "/* a */\na > b ,\n  c {\n  color : red ;\n  margin: 0 auto;\n}\n"
    assert lean_assets.minify_css(css) == "a > b , c{color : red;margin: 0 auto;}"


# -- gallery_card_translations -------------------------------------------------


def card(page: str, doc: str) -> tuple[str, str]:
    """The tooltip and title of the card that links to ``doc``."""
    match = re.search(
        r'<div class="sphx-glr-thumbcontainer" tooltip="([^"]*)">'
        r"(?:(?!sphx-glr-thumbcontainer).)*?"  # within this one card
        rf'href="{doc}\.html".*?'
        r'<div class="sphx-glr-thumbnail-title">(.*?)</div>',
        page,
        re.S,
    )
    assert match, f"no card for {doc}"
    return match[1], match[2]


@pytest.mark.sphinx("html", testroot="card-translations", copy_test_root=True)
def test_card_title_and_tooltip_come_from_the_lessons_catalog(app):
    index = html_of(built(app), "examples/index")
    tooltip, title = card(index, "pids")
    assert title == "进程号"
    # the tooltip is plain text: the catalog's reST markup is gone
    assert tooltip == "每个进程都有自己的 pid：用 os.getpid 查看。"


@pytest.mark.sphinx(
    "html",
    testroot="card-translations",
    copy_test_root=True,
    confoverrides={"locale_dirs": ["elsewhere"]},
)
def test_cards_read_the_catalogs_where_the_build_finds_them(app):
    # make html passes -D locale_dirs=_build/locale: the cards follow it
    srcdir = Path(app.srcdir)
    (srcdir / "locale").rename(srcdir / "elsewhere")
    index = html_of(built(app), "examples/index")
    assert card(index, "pids")[1] == "进程号"


@pytest.mark.sphinx("html", testroot="card-translations", copy_test_root=True)
def test_card_keeps_its_english_words_when_the_translation_is_fuzzy(app):
    index = html_of(built(app), "examples/index")
    assert card(index, "locks") == ("A lock lets one process in at a time.", "Locks")


@pytest.mark.sphinx(
    "html",
    testroot="card-translations",
    copy_test_root=True,
    confoverrides={"language": "en"},
)
def test_cards_of_the_english_site_are_left_as_they_are(app):
    index = html_of(built(app), "examples/index")
    assert card(index, "pids") == (
        "Every process has its own ``pid``: ask with :func:`os.getpid`.",
        "Process ids",
    )


@pytest.mark.sphinx("html", testroot="card-translations", copy_test_root=True)
def test_card_check_stops_the_build_when_sphinx_gallery_changes_its_cards(
    make_app, app_params, monkeypatch
):
    from sphinx_gallery import backreferences

    monkeypatch.setattr(
        backreferences,
        "THUMBNAIL_TEMPLATE",
        backreferences.THUMBNAIL_TEMPLATE.replace(
            "sphx-glr-thumbnail-title", "sphx-glr-card-title"
        ),
    )
    args, kwargs = app_params
    with pytest.raises(ExtensionError) as error:
        make_app(*args, **kwargs)
    message = str(error.value)
    assert "backreferences.THUMBNAIL_TEMPLATE" in message
    assert "docs/_ext/gallery/contract.py" in message
    assert "requirements.txt" in message


# -- run_it_yourself -----------------------------------------------------------

NOTE = re.compile(r'<div class="run-it-yourself admonition">(.*?)</div>', re.S)
PLAIN = "It needs Python 3.11 or newer and nothing else."
MATPLOTLIB = "It needs Python 3.11 or newer and matplotlib"
ORDER = "may come in a different order on your machine"


@pytest.fixture
def lessons(app):
    """The note's text on each page of the run-it-yourself root (None: no note)."""
    built(app)
    notes = {}
    for name in ("plain", "chart", "processes", "no_downloads", "index"):
        page = html_of(app, f"examples/{name}")
        found = NOTE.findall(page)
        assert len(found) <= 1, name
        notes[name] = (
            " ".join(re.sub(r"<[^>]+>", "", found[0]).split()) if found else None
        )
    notes["about"] = NOTE.search(html_of(app, "about"))
    return notes


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_note_stands_right_before_the_download_links(app, lessons):
    page = html_of(app, "examples/plain")
    note = page.index('class="run-it-yourself admonition"')
    downloads = page.index('id="sphx-glr-download-examples-plain-py"')
    assert note < downloads
    assert page.index("print") < note  # after the lesson's code
    assert "Run it yourself" in lessons["plain"]
    assert "python plain.py" in lessons["plain"]


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_note_of_a_lesson_without_processes_needs_only_python(lessons):
    assert PLAIN in lessons["plain"]
    assert ORDER not in lessons["plain"]


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_note_of_a_matplotlib_lesson_says_to_install_it(lessons):
    assert MATPLOTLIB in lessons["chart"]
    assert "pip install matplotlib" in lessons["chart"]
    assert PLAIN not in lessons["chart"]
    assert "python chart.py" in lessons["chart"]


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_note_warns_about_line_order_only_when_the_lesson_starts_processes(lessons):
    assert ORDER in lessons["processes"]
    assert PLAIN in lessons["processes"]
    assert ORDER not in lessons["chart"]


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_no_note_on_the_gallery_index_other_pages_or_pages_without_downloads(
    lessons,
):
    assert lessons["index"] is None
    assert lessons["no_downloads"] is None
    assert lessons["about"] is None


@pytest.mark.sphinx("html", testroot="run-it-yourself", copy_test_root=True)
def test_download_check_stops_the_build_when_sphinx_gallery_changes_its_label(
    make_app, app_params, monkeypatch
):
    from sphinx_gallery import gen_rst

    monkeypatch.setattr(
        gen_rst,
        "DOWNLOAD_LINKS_HEADER",
        gen_rst.DOWNLOAD_LINKS_HEADER.replace("sphx_glr_download_", "sg_download_"),
    )
    args, kwargs = app_params
    with pytest.raises(ExtensionError) as error:
        make_app(*args, **kwargs)
    message = str(error.value)
    assert "gen_rst.DOWNLOAD_LINKS_HEADER" in message
    assert "docs/_ext/gallery/contract.py" in message
    assert "requirements.txt" in message


# -- lesson_order ----------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="lesson-order", copy_test_root=True)
def test_gallery_section_lists_its_lessons_in_the_headers_order(app):
    section = html_of(built(app), "gallery/index")
    titles = re.findall(r'sphx-glr-thumbnail-title">Lesson (\w+)<', section)
    # listed ones first, in the header's order; the unlisted one after them
    assert titles == ["zebra", "apple", "mango"]


def test_lesson_order_puts_unlisted_lessons_last_alphabetically(tmp_path):
    (tmp_path / "GALLERY_HEADER.rst").write_text(
        "Title\n=====\n\n.. lesson-order: b.py\n   a.py\n", encoding="utf-8"
    )
    names = ["d.py", "a.py", "c.py", "b.py"]
    assert lesson_order(tmp_path) == ["b.py", "a.py"]
    assert sorted(names, key=LessonOrder(str(tmp_path))) == [
        "b.py",
        "a.py",
        "c.py",
        "d.py",
    ]


def test_lesson_order_is_alphabetical_without_a_list(tmp_path):
    assert lesson_order(tmp_path) == []  # no GALLERY_HEADER.rst
    (tmp_path / "GALLERY_HEADER.rst").write_text("Title\n=====\n", encoding="utf-8")
    assert sorted(["b.py", "a.py"], key=LessonOrder(str(tmp_path))) == [
        "a.py",
        "b.py",
    ]


# -- folded --------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="folded", copy_test_root=True, freshenv=True)
def test_folded_block_is_a_closed_details_element_with_its_summary(app):
    app.build()
    page = html_of(app, "index")
    match = re.search(
        r'<details class="folded">\s*<summary>(.*?)</summary>(.*?)</details>',
        page,
        re.S,
    )
    assert match, page
    assert match.group(1) == "Hint 1: where do the <em>children</em> go?"
    assert "The children are started in a loop." in match.group(2)
    assert "highlight-python" in match.group(2)
    assert "<details open" not in page


@pytest.mark.sphinx("html", testroot="folded", copy_test_root=True, freshenv=True)
def test_folded_block_without_content_is_an_error_naming_the_file_and_line(app):
    app.build()
    assert "broken.rst:6" in app.warning.getvalue()
    assert "needs content" in app.warning.getvalue()


@pytest.mark.sphinx("gettext", testroot="folded", copy_test_root=True, freshenv=True)
def test_folded_summary_is_a_message_of_the_page_catalog(app):
    app.build()
    pot = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "Hint 1: where do the *children* go?"' in pot
    assert 'msgid "The children are started in a loop."' in pot
