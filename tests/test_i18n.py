"""The Chinese edition: complete catalogs, twin pages, the switcher, Chinese search."""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import ROOT, VENV, copy_site, page_of, page_text, run_search

LOCALE = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
DAEMON_BASICS = ROOT / "examples" / "07_daemons" / "daemon_basics.py"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def updated_copy(tmp_path_factory, site):
    """A copy of the sources after `make update-po` (which extracts every message)."""
    copy = copy_site(tmp_path_factory.mktemp("gettext"))
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, copy / name)
    # reuse the site build's example outputs: nothing needs to run again
    shutil.copytree(site / "docs" / "examples", copy / "docs" / "examples")
    done = subprocess.run(
        ["make", "--no-print-directory", "update-po", f"VENV={VENV}"],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return copy


@pytest.fixture(scope="module")
def fresh_messages(updated_copy):
    """Every message of the current sources, extracted anew (one .pot per page)."""
    out = updated_copy / "_build" / "gettext"
    messages = {}
    for pot in out.rglob("*.pot"):
        with pot.open("rb") as f:
            messages[pot.relative_to(out).with_suffix("")] = [
                m.id for m in read_po(f) if m.id
            ]
    return messages


def test_update_po_leaves_the_committed_catalogs_unchanged(updated_copy):
    """The catalogs are up to date, and `make update-po` does not churn them."""
    updated = updated_copy / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
    changed = [
        str(po.relative_to(LOCALE))
        for po in sorted(LOCALE.rglob("*.po"))
        if (updated / po.relative_to(LOCALE)).read_bytes() != po.read_bytes()
    ]
    assert not changed, "make update-po rewrote: " + ", ".join(changed)


def test_every_message_has_a_chinese_translation(fresh_messages):
    missing = []
    for domain, ids in sorted(fresh_messages.items()):
        po = LOCALE / domain.with_suffix(".po")
        if not po.is_file():
            missing.append(f"{po.relative_to(ROOT)}: no catalog ({len(ids)} messages)")
            continue
        with po.open("rb") as f:
            catalog = read_po(f)
        for msgid in ids:
            message = catalog.get(msgid)
            if message is None or not message.string or message.fuzzy:
                missing.append(f"{po.relative_to(ROOT)}: {msgid[:70]!r}")
    assert not missing, "untranslated or fuzzy messages:\n" + "\n".join(missing)


def test_catalogs_pass_msgfmt_check():
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (GNU gettext) is not installed")
    for po in sorted(LOCALE.rglob("*.po")):
        done = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(po)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"{po.relative_to(ROOT)}:\n{done.stderr}"


def test_no_catalog_is_left_without_a_page(fresh_messages):
    stale = {p.relative_to(LOCALE).with_suffix("") for p in LOCALE.rglob("*.po")}
    # sphinx.po translates the theme's own words, not a page
    assert not stale - set(fresh_messages) - {Path("sphinx")}


def pages(site: Path, language: str) -> set[Path]:
    root = site / "_build" / "html" / language
    return {
        p.relative_to(root) for p in root.rglob("*.html") if "_static" not in p.parts
    }


def test_every_page_has_its_twin_in_the_other_language(site):
    assert pages(site, "en") == pages(site, "zh_CN")
    assert len(pages(site, "en")) > 40


def test_switcher_links_go_to_the_same_page_in_the_other_language(site):
    for language, other in (("en", "zh_CN"), ("zh_CN", "en")):
        root = site / "_build" / "html" / language
        for rel in pages(site, language):
            text = (root / rel).read_text(encoding="utf-8")
            links = re.findall(r'class="language-link" href="([^"]+)"', text)
            assert len(links) == 1, f"{language}/{rel}: {links}"
            target = ((root / rel).parent / links[0]).resolve()
            assert target == (site / "_build" / "html" / other / rel).resolve()
            assert target.is_file()
            tags = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', text))
            assert tags == {"en", "zh-CN"}, f"{language}/{rel}"


def chinese_page_paragraphs(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    body = text.split('<article role="main"', 1)[-1].split("</article>", 1)[0]
    body = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", body, flags=re.S)
    found = []
    for para in re.findall(r"<(?:p|li|h[1-6]|dt|dd|th|td)\b[^>]*>(.*?)</", body, re.S):
        found.append(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", para)).split()))
    return found


# Names that stay English in Chinese text.
PROPER = {
    "Python",
    "Linux",
    "macOS",
    "Windows",
    "Sphinx-Gallery",
    "CPU",
    "PID",
    "Ctrl-C",
}


def test_chinese_pages_read_in_chinese(site):
    root = site / "_build" / "html" / "zh_CN"
    english = []
    for rel in sorted(pages(site, "zh_CN")):
        for para in chinese_page_paragraphs(root / rel):
            words = [
                w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", para) if w not in PROPER
            ]
            if len(words) >= 5 and not CJK.search(para):
                english.append(f"{rel}: {para[:80]}")
    assert not english, "English prose on Chinese pages:\n" + "\n".join(english)


# Chinese puts no spaces between its characters: a space between a CJK
# character and an inline element (<em>, <strong>, <code>) that begins or ends
# with one, or a space next to CJK punctuation, is left over from the reST that
# needs one (write ``是一个\\ *僵尸进程*\\ ：``; tools/cjk_markup_spaces.py
# finds them in the catalogs). Spaces between Chinese and Latin words stay.
_CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
_TAGS = r"(?:<[^>]+>)*"
_SPACE_BEFORE = re.compile(
    rf"([^\s<>])[ \t\n]+(<(?:em|strong|code)\b[^>]*>{_TAGS})([^\s<])"
)
_SPACE_AFTER = re.compile(
    r"([^\s<>])((?:</[^>]+>)*</(?:em|strong|code)>)[ \t\n]+([^\s<>])"
)


def _stray(outside: str, inside: str) -> bool:
    punct, char = f"[{_CJK_PUNCT}]", f"[{_CJK_CHAR}]"
    return bool(
        re.fullmatch(punct, outside)
        or (re.fullmatch(char, outside) and re.fullmatch(f"{char}|{punct}", inside))
    )


def stray_spaces_around_markup(page_html: str) -> list[str]:
    """The places where a page sets a space between Chinese and inline markup."""
    found = []
    for match in _SPACE_BEFORE.finditer(page_html):
        if _stray(match[1], match[3]):
            found.append(_around(page_html, match))
    for match in _SPACE_AFTER.finditer(page_html):
        if _stray(match[3], match[1]):
            found.append(_around(page_html, match))
    return found


def _around(page_html: str, match: re.Match) -> str:
    return re.sub(r"<[^>]+>", "", page_html[match.start() - 20 : match.end() + 20])


@pytest.mark.parametrize(
    ("snippet", "stray"),
    [
        ("<p>这时子进程是一个 <em>僵尸进程</em> ：它已经结束</p>", 2),
        ("<p>请<strong>先</strong> 等待</p>", 1),
        ("<p>见 <code><span>守护进程</span></code></p>", 1),
        ('<p>不调用 <code class="l"><span class="pre">join()</span></code> 。</p>', 1),
        ("<p>这时子进程是一个<em>僵尸进程</em>：它已经结束</p>", 0),
        (
            '<p>调用 <code class="l"><span>p.join()</span></code> 来等待</p>',
            0,
        ),
        ("<p>在 <em>Linux</em> 上运行</p>", 0),
        ("<p>Use <em>join</em> here.</p>", 0),
    ],
)
def test_stray_spaces_around_markup_are_found(snippet, stray):
    assert len(stray_spaces_around_markup(snippet)) == stray


# Not from a catalog: the timeline's caption (process_timeline/svg.py) sets its
# bold title, a space, then its text. Left to the timeline's owner.
_TIMELINE_CAPTION = re.compile(
    r'(class="process-timeline"[^>]*><figcaption>).*?</figcaption>', re.S
)


def test_no_space_between_chinese_and_inline_markup(site):
    root = site / "_build" / "html" / "zh_CN"
    found = [
        f"{rel}: {place!r}"
        for rel in sorted(pages(site, "zh_CN"))
        for place in stray_spaces_around_markup(
            _TIMELINE_CAPTION.sub(r"\1</figcaption>", (root / rel).read_text("utf-8"))
        )
    ]
    assert not found, "spaces between Chinese and inline markup:\n" + "\n".join(found)


# The other half of the rule: a space between Chinese and inline markup whose
# text is Latin (调用 <code>p.join()</code> 来等待), never none.
_NONE_BEFORE = re.compile(
    rf"([{_CJK_CHAR}])(<(?:em|strong|code)\b[^>]*>{_TAGS})([A-Za-z0-9])"
)
_NONE_AFTER = re.compile(
    rf"([A-Za-z0-9])((?:</[^>]+>)*</(?:em|strong|code)>)([{_CJK_CHAR}])"
)


def missing_spaces_around_markup(page_html: str) -> list[str]:
    """The places where Chinese meets inline markup with Latin text, unspaced."""
    return [
        _around(page_html, match)
        for pattern in (_NONE_BEFORE, _NONE_AFTER)
        for match in pattern.finditer(page_html)
    ]


@pytest.mark.parametrize(
    ("snippet", "missing"),
    [
        ('<p>删掉<code class="l"><span class="pre">join()</span></code>。</p>', 1),
        ('<p>修改<code class="l"><span>GREETING</span></code>的那一行</p>', 2),
        ("<p>也就是<em>fork server</em></p>", 1),
        ('<p>修改 <code class="l"><span>GREETING</span></code> 的那一行</p>', 0),
        ("<p>这时子进程是一个<em>僵尸进程</em>：它已经结束</p>", 0),
        ('<p>（<code class="l"><span>return a</span></code>）</p>', 0),
    ],
)
def test_missing_spaces_around_markup_are_found(snippet, missing):
    assert len(missing_spaces_around_markup(snippet)) == missing


def test_chinese_and_latin_markup_are_spaced_on_every_page(site):
    root = site / "_build" / "html" / "zh_CN"
    found = [
        f"{rel}: {place!r}"
        for rel in sorted(pages(site, "zh_CN"))
        for place in missing_spaces_around_markup((root / rel).read_text("utf-8"))
    ]
    assert not found, "Chinese and Latin markup with no space:\n" + "\n".join(found)


def _spacing_tool():
    spec = importlib.util.spec_from_file_location(
        "cjk_markup_spaces", ROOT / "tools" / "cjk_markup_spaces.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("msgstr", "markdown", "mended"),
    [
        (
            "删掉主程序修改\\ ``GREETING``\\ 的那一行。",
            False,
            "删掉主程序修改 ``GREETING`` 的那一行。",
        ),
        ("用八个CPU核心", False, "用八个 CPU 核心"),
        ("是一个 *僵尸进程* ：", False, "是一个\\ *僵尸进程*\\ ："),
        ("调用`join()`来等待", True, "调用 `join()` 来等待"),
        ("（``return a``）", False, "（``return a``）"),
    ],
)
def test_the_spacing_tool_mends_one_rule(msgstr, markdown, mended):
    assert _spacing_tool().fixed(msgstr, markdown) == mended


def test_catalogs_follow_the_spacing_rule():
    tool = _spacing_tool()
    locale = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
    found = [
        problem
        for po in sorted(locale.rglob("*.po"))
        for problem in tool.catalog_problems(po, tool.is_markdown_catalog(po, locale))
    ]
    assert not found, "run tools/cjk_markup_spaces.py --fix:\n" + "\n".join(found)


def search_index(site: Path, language: str) -> dict:
    text = (site / "_build" / "html" / language / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_chinese_search_index_holds_chinese_words(site):
    index = search_index(site, "zh_CN")
    for word in ("守护", "进程", "信号量", "守护进程", "互斥锁", "抢票"):
        assert word in index["terms"], word
    names = set()
    for kind in ("terms", "titleterms"):  # words of the text, words of titles
        docs = index[kind].get("守护进程", [])
        docs = [docs] if isinstance(docs, int) else docs
        names |= {index["docnames"][i] for i in docs}
    assert "examples/07_daemons/daemon_basics" in names
    assert "examples/07_daemons/heartbeat_monitor" in names


@pytest.mark.parametrize(
    ("language", "query", "lesson"),
    [
        ("zh_CN", "守护进程", "examples/07_daemons/heartbeat_monitor"),
        ("zh_CN", "信号量", "examples/09_semaphores/ticket_windows"),
        ("zh_CN", "抢票", "examples/08_locks/tickets_without_lock"),
        ("zh_CN", "互斥锁", "examples/08_locks/tickets_with_lock"),
        ("en", "daemon", "examples/07_daemons/heartbeat_monitor"),
        ("zh_CN", "孤儿进程", "examples/15_unix_daemons/orphan_new_parent"),
        ("zh_CN", "僵尸进程", "examples/17_below_multiprocessing/fork_and_waitpid"),
        ("zh_CN", "守护进程", "examples/15_unix_daemons/unix_daemon_service"),
        ("zh_CN", "信号", "examples/16_signals_shutdown/ctrl_c_process_group"),
        ("zh_CN", "优雅关闭", "examples/16_signals_shutdown/stop_event_shutdown"),
        ("en", "orphan", "examples/15_unix_daemons/orphan_new_parent"),
    ],
)
def test_search_page_script_finds_the_lesson(site, language, query, lesson):
    assert lesson in run_search(site, language, query)


def test_gallery_cards_are_translated(site):
    index = site / "_build" / "html" / "zh_CN" / "examples" / "index.html"
    titles = re.findall(
        r'sphx-glr-thumbnail-title">([^<]*)<', index.read_text(encoding="utf-8")
    )
    assert titles and all(CJK.search(t) for t in titles), titles


def test_theme_words_are_chinese(site):
    page = page_of(site, DAEMON_BASICS, "zh_CN")
    text = page.read_text(encoding="utf-8")
    for english in (
        "Back to top",
        "Skip to content",
        ">Next<",
        ">Previous<",
        "Made with",
    ):
        assert english not in text, english
    assert "<title>" in text and "Python 多进程示例教程" in text


def test_sphinx_gallery_strings_are_chinese(site):
    page = page_of(site, DAEMON_BASICS, "zh_CN")
    text = page_text(page)
    assert "下载 Python 源代码" in text
    # no note at the top: docs/_ext/gallery/download_note.py
    assert "跳到页面末尾" not in text
    assert "Download Python source code" not in text


# What a reader or a screen reader meets outside the text: icon titles, labels,
# tooltips, image descriptions and the page's own <title>.
_CHROME = re.compile(
    r"<title>([^<]*)</title>|\b(?:title|aria-label|alt|placeholder)=\"([^\"]*)\""
)


def english_chrome(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", text, flags=re.S)
    found = []
    for match in _CHROME.finditer(text):
        value = html.unescape(match[1] or match[2])
        words = [
            w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", value) if w not in PROPER
        ]
        # English alone, or two English words in a row even next to Chinese
        pair = re.search(r"[A-Za-z]{2,}[\s/]+[A-Za-z]{2,}", value)
        if (words and not CJK.search(value)) or (pair and len(words) >= 2):
            found.append(value)
    return found


def test_no_english_chrome_in_attributes_and_titles(site):
    root = site / "_build" / "html" / "zh_CN"
    english = [
        f"{rel}: {value!r}"
        for rel in sorted(pages(site, "zh_CN"))
        for value in english_chrome(root / rel)
    ]
    assert not english, "English chrome on Chinese pages:\n" + "\n".join(english[:40])


def test_english_chrome_is_found(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<svg><title>Contents</title></svg><label aria-label="Toggle nav of 守护">'
        '<img alt="scheduling algorithms"><a title="链接到此标题">',
        encoding="utf-8",
    )
    assert english_chrome(page) == [
        "Contents",
        "Toggle nav of 守护",
        "scheduling algorithms",
    ]


def test_search_page_messages_are_chinese(site):
    static = site / "_build" / "html" / "zh_CN" / "_static"
    script = (static / "chrome-translations.js").read_text(encoding="utf-8")
    for message in (
        "Search finished, found one page matching the search query.",
        "Search finished, found ${resultCount} pages matching the search query.",
        "Preparing search...",
    ):
        assert json.dumps(message) in script
    messages = json.loads(script.split("TRANSLATIONS, ", 1)[1].rsplit(");", 1)[0])
    assert all(CJK.search(str(v)) for v in messages.values())
    search = (site / "_build" / "html" / "zh_CN" / "search.html").read_text("utf-8")
    assert "chrome-translations.js" in search
    # the copy button picks its words by the page's language
    assert '<html class="no-js" lang="zh-CN"' in search
    assert "'zh-CN': {" in (static / "copybutton.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("word", "lesson"),
    [
        ("主模块", "no_main_guard"),
        ("序列化", "local_function_target"),
        ("死锁", "queue_join_deadlock"),
        ("死锁", "fork_with_threads"),
        ("僵尸进程", "zombie_children"),
        ("常见错误", "index"),
    ],
)
def test_chinese_search_finds_the_common_mistakes(site, word, lesson):
    index = search_index(site, "zh_CN")
    names = set()
    for kind in ("terms", "titleterms"):
        docs = index[kind].get(word, [])
        docs = [docs] if isinstance(docs, int) else docs
        names |= {index["docnames"][i] for i in docs}
    assert f"examples/23_common_mistakes/{lesson}" in names


@pytest.mark.parametrize(("language", "label"), [("en", "Out:"), ("zh_CN", "输出：")])
def test_output_blocks_are_labelled_in_the_page_language(site, language, label):
    page = page_of(site, DAEMON_BASICS, language).read_text(encoding="utf-8")
    links = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', page)
    names = [link.split("?")[0].rsplit("/", 1)[-1] for link in links]
    # after sphinx-gallery's rule, so that it wins
    assert names.index("output-label.css") > names.index("sg_gallery.css")
    static = site / "_build" / "html" / language / "_static"
    css = (static / "output-label.css").read_text(encoding="utf-8")
    assert css == f'.sphx-glr-script-out::before {{ content: "{label}"; }}\n'


def test_chinese_emphasis_is_not_italic(site):
    """Slanted Chinese is hard to read: zh_CN pages set <em> upright, with dots."""
    root = site / "_build" / "html" / "zh_CN"
    page = (root / "glossary.html").read_text("utf-8")
    assert 'href="_static/chinese-text.css' in page
    assert re.search(r'<html[^>]* lang="zh-CN"', page)
    css = (root / "_static" / "chinese-text.css").read_text("utf-8")
    rule = re.search(r":lang\(zh\) em \{([^}]*)\}", css)
    assert rule and "font-style: normal" in rule[1] and "text-emphasis:" in rule[1]


# What the Chinese edition's review (December 2026) found, in the words it
# quoted: none of it may come back on a page.
REVIEWED = [
    "所以，要给",  # "in order to give..."
    "术语表中的 synchronous",
    "逐个问题地",
    "以上输出来自在",  # the environment stamp, as the review rewrote it
    "构建过程",  # the build's own wording in an answer
    "要让那条消息变成真的",
    "有意地完成",
    "全局解释器锁（GIL）：全局解释器锁",  # a term repeated
    "题目。",  # run-in headings
    "怎么检查。",
    "从这里开始。",
    "它被发给服务器自己",
    "在给所有进程的信号：Event中",  # a link's title glued into a sentence
    "想跳过就跳过",
    "@pradyunsg 's",  # the footer
    "Processes by Example authors",
]


def test_chinese_pages_keep_the_reviews_fixes(site):
    root = site / "_build" / "html" / "zh_CN"
    found = []
    for rel in sorted(pages(site, "zh_CN")):
        text = html.unescape(re.sub(r"<[^>]+>", "", (root / rel).read_text("utf-8")))
        found += [f"{rel}: {words!r}" for words in REVIEWED if words in text]
    assert not found, "\n".join(found)
