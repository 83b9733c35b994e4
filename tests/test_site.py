"""The real site, built once (as `make html` builds it) from a copy of the sources."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    ROOT,
    SECTION_ORDER,
    needs_python,
    page_of,
    page_outputs,
    page_text,
    run_search,
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
    needs = needs_python(example)
    if needs is None:
        assert page_outputs(page), f"{page.name} shows no output"
    else:  # a lesson for a newer Python: the note, never an output
        assert not page_outputs(page)
        assert f"This lesson needs Python {needs}; this site was built with" in (
            page_text(page)
        )
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


# -- Search --------------------------------------------------------------------


def main_text(page: Path) -> str:
    """The text of a built page's article, tags removed and white space folded."""
    text = page.read_text(encoding="utf-8")
    article = text.split('<article role="main"', 1)[1].split(">", 1)[1]
    article = article.split("</article>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


# What a beginner types into the Chinese search box (one-character terms and
# words jieba does not know among them), and lessons each must find.
BEGINNER_SEARCHES = {
    "锁": [
        "examples/08_locks/tickets_without_lock",
        "examples/08_locks/tickets_with_lock",
        "examples/08_locks/deadlock_timeout",
    ],
    "池": [
        "examples/13_pools/pool_map",
        "examples/13_pools/process_pool_executor",
        "examples/20_queues_and_pools/pool_callbacks",
        "examples/20_queues_and_pools/pool_chunks_and_errors",
    ],
    "套接字": [
        "examples/10_tcp_server/tcp_server_homework",
        "examples/03_isolation/data_isolation",
        "examples/15_unix_daemons/unix_daemon_service",
        "concepts/what_is_a_process",
    ],
    "进程": ["examples/01_first_steps/pid_and_ppid"],
    "队列": [
        "examples/12_communication/queue_producer_consumer",
        "examples/20_queues_and_pools/joinable_queue",
    ],
    "管道": ["examples/12_communication/pipe"],
    "事件": ["examples/19_sync_primitives/event_start_signal"],
    "屏障": ["examples/19_sync_primitives/barrier_meeting_point"],
}


@pytest.mark.parametrize("query", list(BEGINNER_SEARCHES))
def test_chinese_search_finds_the_lessons_of_a_beginners_words(site, query):
    results = run_search(site, "zh_CN", query, summary=True)["results"]
    missing = [lesson for lesson in BEGINNER_SEARCHES[query] if lesson not in results]
    assert not missing, f"{query} does not find {missing}; it finds {results}"


@pytest.mark.parametrize(
    ("typed", "spaced", "lesson"),
    [
        ("进程锁", "进程 锁", "examples/08_locks/tickets_with_lock"),
        ("守护进程的心跳", "守护进程 心跳", "examples/07_daemons/heartbeat_monitor"),
        ("fork服务器", "fork 服务器", "examples/11_start_methods/start_methods"),
    ],
)
def test_chinese_search_splits_a_query_typed_without_spaces(
    site, typed, spaced, lesson
):
    # a reader types Chinese without spaces, and 的 is in no page's index
    found = run_search(site, "zh_CN", typed)
    assert found == run_search(site, "zh_CN", spaced)
    assert lesson in found, f"{typed} does not find {lesson}; it finds {found}"


@pytest.mark.parametrize("query", ["锁", "池", "套接字"])
def test_chinese_search_finds_every_page_that_says_the_term(site, query):
    root = site / "_build" / "html" / "zh_CN"
    saying = {
        str(page.relative_to(root).with_suffix("")).replace("\\", "/")
        for page in root.rglob("*.html")
        if page.name not in ("search.html", "genindex.html", "404.html")
        and "offline" not in page.relative_to(root).parts
        and '<article role="main"' in page.read_text(encoding="utf-8")
        and query in main_text(page)
    }
    assert len(saying) >= 3, saying
    missing = saying - set(run_search(site, "zh_CN", query, summary=True)["results"])
    assert not missing, f"{query} does not find {sorted(missing)}"


@pytest.mark.parametrize(
    ("language", "query", "summary"),
    [
        ("zh_CN", "锁", r"搜索完成，找到 (\d+) 个匹配的页面。"),
        (
            "en",
            "join",
            r"Search finished, found (\d+) pages matching the search query\.",
        ),
    ],
)
def test_search_result_line_is_in_the_pages_language(site, language, query, summary):
    found = run_search(site, language, query, summary=True)
    match = re.fullmatch(summary, found["summary"])
    assert match, found["summary"]
    assert int(match[1]) == len(found["results"]) > 1


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_lesson_pages_start_with_their_title_and_carry_no_gallery_boilerplate(
    site, language
):
    for example in EXAMPLES:
        page = page_of(site, example, language)
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<h1>(.*?)</h1>", text, re.S)
        assert title, page
        title_text = " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", title[1])).replace("¶", "").split()
        )
        # so a search result's excerpt starts with the lesson's own words
        assert main_text(page).startswith(title_text), (page, main_text(page)[:120])
        for boilerplate in ("sphx-glr-download-link-note", "sphx-glr-signature"):
            assert boilerplate not in text, (page, boilerplate)
        # the downloads stay, under the note that says how to run the script
        assert "run-it-yourself" in text and "sphx-glr-download-python" in text, page


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "A Unix daemon"), ("zh_CN", "Unix 守护进程")],
)
def test_the_first_daemon_lesson_says_daemon_true_is_not_a_unix_daemon(
    site, language, words
):
    lesson = ROOT / "examples" / "07_daemons" / "daemon_basics.py"
    page = page_of(site, lesson, language).read_text(encoding="utf-8")
    opening = page.split('<div class="highlight-Python', 1)[0]  # before any code
    assert words in html.unescape(re.sub(r"<[^>]+>", "", opening))
    assert 'href="../15_unix_daemons/daemon_flag_vs_unix_daemon.html' in opening


def test_the_run_it_yourself_note_names_the_python_a_lesson_needs(site):
    pools = ROOT / "examples" / "13_pools"
    newer = page_text(page_of(site, pools / "futures_stop_workers.py"))
    assert "It needs Python 3.14 or newer and nothing else." in newer
    older = page_text(page_of(site, pools / "process_pool_executor.py"))
    assert "It needs Python 3.11 or newer and nothing else." in older
