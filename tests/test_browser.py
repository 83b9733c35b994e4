"""The site in a real browser (Chromium driven by Playwright), in both languages.

Uses Debian's /usr/bin/chromium (or a browser Playwright installed itself).
Without a browser the tests are skipped with one line saying how to get one;
in CI (CI=true) they must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import EXAMPLES, ROOT

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "_build" / "screenshots"
# Chromium as the machine's own probe runs it: headless, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, with the system's Chromium."""
    if CHROMIUM:
        return {
            **browser_type_launch_args,
            "executable_path": CHROMIUM,
            "args": CHROMIUM_ARGS,
        }
    if os.environ.get("CI") == "true":
        pytest.fail("no Chromium in CI: .ci/run installs Debian's chromium package")
    print(
        "\nBROWSER TESTS SKIPPED: no Chromium found; install one with "
        "`apt-get install chromium` (Debian/Ubuntu) to run them."
    )
    pytest.skip("no Chromium: apt-get install chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """_build/html of the test build, served on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site / "_build" / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def watched(page, server):
    """The page, with every console error and every request recorded and checked."""
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # (a missing file also shows as a response below, with its address)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield page
    assert not errors, f"console errors: {errors}"
    host = urlparse(server).netloc
    foreign = [
        u
        for u in requests
        if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host
    ]
    assert not foreign, f"requests that leave 127.0.0.1: {foreign}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


LESSON = "examples/07_daemons/heartbeat_monitor.html"


def test_language_switcher_goes_to_the_same_page_and_back(watched, server):
    watched.goto(f"{server}/en/{LESSON}")
    shot(watched, "en-heartbeat")
    watched.click("a.language-link[hreflang='zh-CN']")
    assert watched.url.endswith(f"/zh_CN/{LESSON}")
    assert watched.locator("html").get_attribute("lang") == "zh-CN"
    shot(watched, "zh-heartbeat")
    watched.click("a.language-link[hreflang='en']")
    assert watched.url.endswith(f"/en/{LESSON}")


@pytest.mark.parametrize(
    ("language", "query"), [("zh_CN", "守护进程"), ("en", "daemon")]
)
def test_search_lists_the_daemon_lessons(watched, server, language, query):
    watched.goto(f"{server}/{language}/search.html?q={query}")
    # the summary under the results is written when the search has finished
    watched.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText",
        timeout=15000,
    )
    results = watched.locator("#search-results ul.search li a")
    links = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("07_daemons/heartbeat_monitor" in link for link in links), links
    assert any("07_daemons/daemon_basics" in link for link in links), links
    shot(watched, f"search-{language}")


_CHINESE_SUMMARY = r"搜索完成，找到 \d+ 个匹配的页面。"
_ENGLISH_SUMMARY = r"Search finished, found \d+ pages matching the search query\."


@pytest.mark.parametrize(
    ("language", "query", "lesson", "summary"),
    [
        ("zh_CN", "守护进程", "07_daemons/daemon_basics", _CHINESE_SUMMARY),
        ("zh_CN", "锁", "08_locks/tickets_with_lock", _CHINESE_SUMMARY),
        ("zh_CN", "池", "13_pools/pool_map", _CHINESE_SUMMARY),
        ("zh_CN", "套接字", "10_tcp_server/tcp_server_homework", _CHINESE_SUMMARY),
        # typed without a space, as Chinese is: the page splits it
        ("zh_CN", "进程锁", "08_locks/tickets_with_lock", _CHINESE_SUMMARY),
        ("en", "join", "05_join/join_many", _ENGLISH_SUMMARY),
    ],
)
def test_search_finds_the_lessons_and_shows_their_own_words(
    watched, server, language, query, lesson, summary
):
    watched.goto(f"{server}/{language}/search.html?q={query}")
    line = watched.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText",
        timeout=15000,
    ).json_value()
    assert re.fullmatch(summary, line), line  # in the page's language
    items = watched.locator("#search-results ul.search li")
    links = items.locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any(lesson in link for link in links), links
    # each result's excerpt is fetched from its page: wait for the first three
    watched.wait_for_function(
        "() => document.querySelectorAll('#search-results li p.context').length >= 3",
        timeout=15000,
    )
    excerpts = items.locator("p.context").all_inner_texts()[:3]
    for excerpt in excerpts:  # they start with the page's own words
        assert not excerpt.startswith(("Note", "备注")), excerpts
        assert "Go to the end" not in excerpt and "跳到页面末尾" not in excerpt, (
            excerpts
        )
    shot(watched, f"search-{language}-{lesson.rsplit('/', 1)[-1]}")


def test_copy_button_copies_the_code_without_output(watched, server, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched.goto(f"{server}/en/examples/03_isolation/data_isolation.html")
    block = watched.locator("div.highlight-Python").first
    block.hover()
    block.locator("button.copybtn").click()
    copied = watched.evaluate("navigator.clipboard.readText()")
    expected = block.locator("pre").inner_text()
    assert copied.strip() == expected.strip()
    assert "child: total = 101" not in copied  # the output is not part of it
    assert not re.search(r"^(>>>|\$) ", copied, re.M)


@pytest.mark.parametrize("example", EXAMPLES[:3] + EXAMPLES[-2:], ids=lambda p: p.name)
def test_download_link_gives_the_readers_script(watched, server, site, example):
    """The file the browser saves is the lesson's download as built (a plain
    script: test_code_comments.py), under the lesson's own name."""
    rel = example.relative_to(ROOT / "examples").with_suffix(".html")
    watched.goto(f"{server}/en/examples/{rel.as_posix()}")
    link = watched.locator("div.sphx-glr-download-python a.download")
    href = link.get_attribute("href")
    with watched.expect_download() as info:
        link.click()
    saved = Path(info.value.path())
    assert info.value.suggested_filename == example.name
    page = site / "_build" / "html" / "en" / "examples" / rel
    built = (page.parent / href).resolve()
    assert saved.read_bytes() == built.read_bytes()
    assert b"sphinx_gallery_" not in saved.read_bytes()


def test_download_all_zip_holds_every_example(watched, server, tmp_path):
    watched.goto(f"{server}/en/examples/index.html")
    with watched.expect_download() as info:
        watched.locator("div.sphx-glr-download-python a.download").last.click()
    target = tmp_path / "all.zip"
    info.value.save_as(target)
    with zipfile.ZipFile(target) as archive:
        names = {Path(n).name for n in archive.namelist()}
    assert {p.name for p in EXAMPLES} <= names


# axe-core, the engine behind Lighthouse's accessibility audit, from the npm
# registry at this version, installed once outside the checkout.
AXE_VERSION = "4.11.0"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Violations of lower impact that are not ours to fix (the README says why):
# rule id -> the pages (relative to the language folder) where they stay.
AXE_KNOWN: dict[str, set[str]] = {}


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe.min.js, installed with npm into a cache folder (network only then)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    prefix = cache / "processes-by-example" / f"axe-core-{AXE_VERSION}"
    script = prefix / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI") == "true":
                pytest.fail("no npm in CI: .ci/run installs Debian's npm package")
            pytest.skip("no npm to install axe-core: apt-get install npm")
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-save", "--no-package-lock"]
            + ["--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


def axe_violations(page, axe_script: str) -> list[dict]:
    """What axe-core finds on the page as it is now (serious first)."""
    page.add_script_tag(content=axe_script)
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})",
        AXE_RULES,
    )
    return result["violations"]


# One page of each kind, the pages `make test` checks with axe: each template
# and each kind of thing our extensions draw. AXE_PAGES=all checks every page
# (.ci/run does, on the reference Python), which proves the README's claim.
PAGE_KINDS = [
    "index.html",  # the home page, its featured lesson
    "404.html",
    "search.html",
    "genindex.html",
    "glossary.html",
    "concepts/index.html",
    "concepts/process_states.html",  # a diagram per colour scheme
    "examples/index.html",  # the gallery, its cards and thumbnails
    "examples/23_common_mistakes/index.html",  # a section's introduction
    "examples/01_first_steps/pid_and_ppid.html",  # one run, a timeline
    "examples/04_asynchrony/ten_children.html",  # repeated runs side by side
    "examples/23_common_mistakes/no_main_guard.html",  # per method, tracebacks
    "examples/00_scheduling/scheduling_algorithms.html",  # figures
    "examples/10_tcp_server/tcp_server_homework.html",  # folded hints, downloads
    "examples/07_daemons/daemon_basics.html",  # a try-this answer stopped
]


def pages_to_check(root: Path) -> list[str]:
    if os.environ.get("AXE_PAGES") == "all":
        return [
            page.relative_to(root).as_posix()
            for page in sorted(root.rglob("*.html"))
            if "_static" not in page.parts and "offline" not in page.parts
        ]
    missing = [rel for rel in PAGE_KINDS if not (root / rel).is_file()]
    assert not missing, f"pages of a kind no longer built: {missing}"
    return PAGE_KINDS


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_loads_cleanly_and_passes_axe(
    watched, server, language, site, axe_script
):
    """No console error, no foreign request, no accessibility violation: on a
    page of each kind, or on every page with AXE_PAGES=all."""
    root = site / "_build" / "html" / language
    found = []
    for rel in pages_to_check(root):
        watched.goto(f"{server}/{language}/{rel}")
        for violation in axe_violations(watched, axe_script):
            if rel in AXE_KNOWN.get(violation["id"], ()):
                continue
            nodes = violation["nodes"]
            found.append(
                f"{language}/{rel}: {violation['id']} ({violation['impact']}, "
                f"{len(nodes)}x) at {nodes[0]['target']}: {nodes[0]['html'][:120]}"
            )
    assert not found, "axe-core violations:\n" + "\n".join(found)


def test_axe_finds_what_it_must(page, server, axe_script):
    """The check can fail: a link with no name is a serious violation."""
    page.goto(f"{server}/en/index.html")
    page.evaluate(
        "() => document.querySelector('article').append(Object.assign("
        "document.createElement('a'), {href: 'glossary.html'}))"
    )
    ids = {(v["id"], v["impact"]) for v in axe_violations(page, axe_script)}
    assert ("link-name", "serious") in ids


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_tab_reaches_a_wide_output_block_and_arrows_scroll_it(page, server, language):
    page.set_viewport_size({"width": 1024, "height": 800})
    # the checker's verdicts are lines of up to 90 characters (a traceback's
    # exception would wrap: test_every_traceback_shows_its_exception...)
    page.goto(f"{server}/{language}/examples/10_tcp_server/check_the_homework.html")
    blocks = page.locator("div.sphx-glr-script-out pre")
    wide = blocks.evaluate_all(
        "blocks => blocks.findIndex(p => p.scrollWidth > p.clientWidth)"
    )
    assert wide >= 0, "no output block on the page is wider than its column"
    output = blocks.nth(wide)
    # start from the first paragraph, as a reader who clicked there
    page.locator("article p").first.click(position={"x": 1, "y": 1})
    for _ in range(40):
        page.keyboard.press("Tab")
        if output.evaluate("pre => pre === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the output block that scrolls sideways")
    # Chromium (like Firefox) lets Tab reach any scroller; Safari and axe-core
    # need the block to say it is focusable
    assert output.get_attribute("tabindex") == "0"
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # the browser may scroll smoothly: wait for it (the deadline bounds a hang)
    page.wait_for_function(
        "pre => pre.scrollLeft > 0", arg=output.element_handle(), timeout=30_000
    )
    shot(page, f"keyboard-scroll-{language}")
    # a block that fits is not a Tab stop
    fits = page.locator("div.sphx-glr-script-out pre").evaluate_all(
        "blocks => blocks.filter(p => p.scrollWidth <= p.clientWidth"
        " && p.scrollHeight <= p.clientHeight)"
        ".every(p => !p.hasAttribute('tabindex'))"
    )
    assert fits


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


def test_phone_navigation_opens_and_closes(phone, server):
    phone.goto(f"{server}/zh_CN/{LESSON}")
    drawer = phone.locator(".sidebar-drawer")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    phone.click("label.nav-overlay-icon")
    # the drawer slides in and out: wait for it to get there (30 s bounds a hang)
    where = "d => d.getBoundingClientRect().x"
    handle = drawer.element_handle()
    phone.wait_for_function(f"{where} >= -1", arg=handle, timeout=30_000)
    shot(phone, "phone-nav-open")
    phone.mouse.click(385, 420)  # the dimmed page beside the drawer closes it
    phone.wait_for_function(
        "d => d.getBoundingClientRect().x + d.getBoundingClientRect().width <= 0",
        arg=handle,
        timeout=30_000,
    )


def test_phone_code_scrolls_sideways_instead_of_breaking_the_layout(phone, server):
    phone.goto(f"{server}/en/examples/00_scheduling/scheduling_algorithms.html")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    overflow = phone.locator("div.highlight pre").first.evaluate(
        "pre => getComputedStyle(pre).overflowX"
    )
    assert overflow in ("auto", "scroll")
    shot(phone, "phone-scheduling")


def test_dark_mode_shows_the_dark_diagram(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server}/en/concepts/process_states.html")
    assert page.locator("img.only-dark").first.is_visible()
    assert not page.locator("img.only-light").first.is_visible()
    shot(page, "dark-process-states")
    page.goto(f"{server}/en/examples/00_scheduling/scheduling_algorithms.html")
    chart = page.locator("img.sphx-glr-single-img").first
    chart.scroll_into_view_if_needed()
    # the charts carry their own white background, so they read on a dark page
    assert chart.evaluate("img => img.naturalWidth") > 0
    shot(page, "dark-scheduling")
    context.close()


def test_site_works_from_file_urls(browser, site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    index = site / "_build" / "html" / "en" / "index.html"
    page.goto(index.as_uri())
    page.click("text=the lessons")
    assert page.url.endswith("/en/examples/index.html")
    page.locator("div.sphx-glr-thumbcontainer a").first.click()
    page.locator("div.sphx-glr-script-out").first.wait_for(timeout=10000)
    page.click("a.language-link[hreflang='zh-CN']")
    assert "/zh_CN/examples/" in page.url
    assert not errors


@pytest.mark.parametrize(
    ("language", "query"), [("en", "daemon"), ("zh_CN", "守护进程")]
)
def test_zipped_site_opens_from_file_urls_and_its_search_works(
    browser, site, tmp_path, language, query
):
    from offline_copies import offline_name

    folder = site / "_build" / "html" / language / "offline"
    with zipfile.ZipFile(folder / offline_name(language, "zip")) as zipped:
        zipped.extractall(tmp_path)
    root = tmp_path / offline_name(language, "zip").removesuffix(".zip")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((root / "index.html").as_uri())
    page.locator("div.sphx-glr-script-out pre").first.wait_for()
    page.goto((root / "search.html").as_uri() + f"?q={query}")
    page.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText",
        timeout=15000,
    )
    links = page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("07_daemons/heartbeat_monitor" in link for link in links), links
    shot(page, f"zipped-search-{language}")
    # from file:// the browser refuses the search's fetch of each result's
    # summary (it lists the results all the same); nothing else may fail
    assert [e for e in errors if "Failed to fetch" not in e] == []


def test_phone_timeline_keeps_its_labels_and_shows_that_it_scrolls(browser, tmp_path):
    """At 375 px the chart scrolls sideways: its row labels, caption and legend
    stay in view, a hint says that it scrolls, and a shadow marks the edge where it
    goes on (CSS only: the page has no script)."""
    from process_timeline import svg
    from process_timeline.model import Row, Timeline

    rows = [Row(1, "MainProcess", None, False, 0.0, 0.2)]
    rows += [Row(n, f"buyer {n}", 1, False, 0.01, 0.15, 0, depth=1) for n in (2, 3)]
    css = (ROOT / "docs/_ext/process_timeline/static/process-timeline.css").read_text()
    page_file = tmp_path / "timeline.html"
    page_file.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<style>body {{ margin: 0 1em; }} {css}</style></head><body><main>"
        + svg.render(Timeline(rows, 0.0, 0.2, 0.19, {}), "en", "t")
        + "</main></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(
        viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(page_file.as_uri())
    figure = page.locator("figure.process-timeline")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth + 100")
    assert page.locator(".process-timeline-hint").is_visible()
    labels = page.locator("svg.process-timeline-labels")
    plot = page.locator("svg.process-timeline-svg")
    assert labels.bounding_box()["height"] == pytest.approx(
        plot.bounding_box()["height"], abs=1
    )  # one scale: each label beside its bar
    edge = figure.bounding_box()
    summary = page.locator("figure summary").bounding_box()
    strip = {"x": edge["x"] + edge["width"] - 8, "y": summary["y"], "width": 6}
    strip["height"] = summary["height"]

    def darkness() -> int:
        from io import BytesIO

        from PIL import Image

        shot = Image.open(BytesIO(page.screenshot(clip=strip))).convert("L")
        return sum((255 - v) * n for v, n in enumerate(shot.histogram()))

    kept = (
        "svg.process-timeline-labels",
        "figure figcaption",
        ".process-timeline-legend",
    )
    still = {selector: page.locator(selector).bounding_box()["x"] for selector in kept}
    plot_x, shadow = plot.bounding_box()["x"], darkness()
    figure.evaluate("f => { f.scrollLeft = f.scrollWidth }")
    assert plot.bounding_box()["x"] < plot_x - 100  # it did scroll
    for selector in kept:
        assert page.locator(selector).bounding_box()["x"] == still[selector], selector
    assert shadow > darkness() + 50, "no shadow where the chart goes on"
    shot(page, "phone-timeline-scrolled")
    # on a wide screen the same chart fits: no hint, nothing scrolls
    page.set_viewport_size({"width": 1024, "height": 700})
    assert not page.locator(".process-timeline-hint").is_visible()
    assert figure.evaluate("f => f.scrollWidth <= f.clientWidth + 1")
    context.close()


@pytest.mark.parametrize(
    ("language", "word"), [("en", "daemon"), ("zh_CN", "守护进程")]
)
def test_search_hit_highlights_past_a_timeline_that_holds_the_word(
    watched, server, language, word
):
    """Opened from a search result, a page whose timeline's words hold the
    searched word highlights it in the prose after the timeline too, and no
    error stops the highlighter (``watched`` fails on a console error)."""
    watched.goto(
        f"{server}/{language}/examples/07_daemons/daemon_basics.html?highlight={word}"
    )
    timeline_words = watched.locator("figure.process-timeline svg desc").first
    assert word in timeline_words.text_content()
    # the highlighter walks the page in order: a mark after the timeline means
    # it went past it
    watched.wait_for_function(
        """() => {
          const charts = document.querySelectorAll('figure.process-timeline');
          const last = charts[charts.length - 1];
          return [...document.querySelectorAll('article span.highlighted')].some(
            s => last.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""",
        timeout=20000,
    )


HOMEWORK = "examples/10_tcp_server/tcp_server_homework.html"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_print_opens_the_folded_answers_and_hides_the_navigation(
    watched, server, language
):
    watched.goto(f"{server}/{language}/{HOMEWORK}")
    folded = watched.locator("details.folded > :not(summary)").first
    sidebar = watched.locator(".sidebar-drawer")
    # on screen: the answer folded, the sidebar shown (the viewport is wide)
    assert not folded.is_visible()
    assert sidebar.is_visible()
    watched.emulate_media(media="print")
    assert folded.is_visible()
    assert not sidebar.is_visible()
    assert not watched.locator(".toc-drawer").is_visible()
    assert not watched.locator(".mobile-header").is_visible()


PROGRESS_LESSON = "examples/07_daemons/daemon_basics.html"


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "I have done this lesson"), ("zh_CN", "我已完成这一课")],
)
def test_lesson_ticked_done_stays_ticked_and_is_marked_in_the_sidebar(
    watched, server, language, label, axe_script
):
    watched.goto(f"{server}/{language}/{PROGRESS_LESSON}")
    box = watched.get_by_label(label)
    assert box.is_visible()
    assert not box.is_checked()
    # with the keyboard: to the box, then space
    box.focus()
    watched.keyboard.press("Space")
    assert box.is_checked()
    watched.reload()
    box = watched.get_by_label(label)
    box.wait_for()
    watched.wait_for_function(
        "() => document.querySelector('#lesson-done')?.checked", timeout=20000
    )
    lesson_link = ".sidebar-tree a.reference.lesson-done"
    assert watched.locator(f"{lesson_link} .lesson-done-mark").count() == 1
    found = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in axe_violations(watched, axe_script)
    ]
    assert not found, found
    # another page's sidebar marks the lesson too, and no other
    watched.goto(f"{server}/{language}/examples/07_daemons/index.html")
    marked = watched.locator(".sidebar-tree a.reference.lesson-done")
    marked.first.wait_for(state="attached", timeout=20000)
    assert marked.count() == 1
    assert marked.get_attribute("href").endswith("daemon_basics.html")
    # untick: the mark goes
    watched.goto(f"{server}/{language}/{PROGRESS_LESSON}")
    watched.get_by_label(label).uncheck()
    assert watched.locator(lesson_link).count() == 0


def test_progress_box_is_absent_without_storage(page, server):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('denied', 'SecurityError'); }})"
    )
    page.goto(f"{server}/en/{PROGRESS_LESSON}")
    page.wait_for_load_state("load")
    assert page.locator(".lesson-progress").count() == 1
    assert not page.locator(".lesson-progress").is_visible()
    assert page.locator(".lesson-done-mark").count() == 0


def test_progress_mark_works_from_file_urls(browser, site):
    """The offline site (file://) keeps the tick too."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    lesson = site / "_build" / "html" / "zh_CN" / PROGRESS_LESSON
    page.goto(lesson.as_uri())
    page.get_by_label("我已完成这一课").check()
    page.reload()
    page.wait_for_function(
        "() => document.querySelector('#lesson-done')?.checked", timeout=20000
    )
    assert page.locator(".sidebar-tree a.lesson-done .lesson-done-mark").count() == 1
    assert not errors


# -- Tracebacks at a glance ---------------------------------------------------

# Is every exception line of the page in view, inside the block that holds it,
# without scrolling? (what the reader sees first: no scroll position changed)
_EXCEPTIONS_IN_VIEW = """() => {
  const hidden = [];
  let seen = 0;
  for (const line of document.querySelectorAll(".runner-exception")) {
    if (!line.getClientRects().length) continue;  // in a folded answer
    seen += 1;
    const own = line.getBoundingClientRect();
    let box = line.parentElement;
    for (; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") {
        const edge = box.getBoundingClientRect();
        if (own.right > edge.right + 1 || own.bottom > edge.bottom + 1
            || own.left < edge.left - 1 || own.top < edge.top - 1) {
          hidden.push(line.textContent.slice(0, 70));
          break;
        }
      }
      if (box.tagName === "ARTICLE") break;
    }
  }
  return {seen, hidden};
}"""

# Every block that scrolls says so (data-more, and a shadow drawn from it).
_SCROLLERS_WITHOUT_CUE = """() => [...document.querySelectorAll(
    "pre, figure.process-timeline")]
  .filter(el => el.getClientRects().length
    && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
  .filter(el => !el.dataset.more || getComputedStyle(el).boxShadow === "none")
  .map(el => el.textContent.slice(0, 50))"""


def traceback_pages(root: Path) -> list[str]:
    """The lesson pages whose outputs show a traceback."""
    return [
        page.relative_to(root).as_posix()
        for page in sorted((root / "examples").rglob("*.html"))
        if "Traceback (most recent call last)" in page.read_text(encoding="utf-8")
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_traceback_shows_its_exception_without_scrolling(
    browser, server, site, language, width
):
    """The line that says what went wrong is never below a scroll box or off the
    side of the block, and a block that scrolls has a visible cue."""
    root = site / "_build" / "html" / language
    pages = traceback_pages(root)
    assert len(pages) >= 10, pages
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    hidden, no_cue, without = [], [], []
    for rel in pages:
        page.goto(f"{server}/{language}/{rel}")
        found = page.evaluate(_EXCEPTIONS_IN_VIEW)
        tracebacks = page.evaluate(
            "() => [...document.querySelectorAll('pre')].filter(p =>"
            " p.getClientRects().length).map(p => p.textContent.split("
            "'Traceback (most recent call last)').length - 1)"
            ".reduce((a, b) => a + b, 0)"
        )
        if found["seen"] < tracebacks:
            seen = found["seen"]
            without.append(f"{rel}: {tracebacks} tracebacks, {seen} exceptions")
        hidden += [f"{rel}: {line}" for line in found["hidden"]]
        no_cue += [f"{rel}: {text!r}" for text in page.evaluate(_SCROLLERS_WITHOUT_CUE)]
    if width == 390:
        shot(page, f"traceback-phone-{language}")
    context.close()
    assert not without, "tracebacks whose exception line was not found:\n" + "\n".join(
        without
    )
    assert not hidden, "exception lines out of view:\n" + "\n".join(hidden)
    assert not no_cue, "blocks that scroll without a cue:\n" + "\n".join(no_cue)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_start_methods_output_is_as_wide_as_the_page(page, server, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(
        f"{server}/{language}/examples/23_common_mistakes/local_function_target.html"
    )
    article = page.locator("article").bounding_box()
    widths = page.locator(".runner-outputs[data-by='start-method'] .runner-output")
    boxes = [widths.nth(i).bounding_box() for i in range(widths.count())]
    assert len(boxes) >= 3
    assert all(box["width"] > 0.9 * article["width"] for box in boxes), (
        article,
        boxes,
    )


@pytest.mark.parametrize(
    ("language", "query", "lesson"),
    [
        ("zh_CN", "僵尸进程", "23_common_mistakes/zombie_children"),
        ("zh_CN", "端口被占用", "10_tcp_server/tcp_server_homework"),
        ("en", "Address already in use", "10_tcp_server/tcp_server_homework"),
    ],
)
def test_search_page_lists_the_teaching_lesson_among_the_first_three(
    watched, server, language, query, lesson
):
    watched.goto(f"{server}/{language}/search.html?q={query}")
    watched.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText",
        timeout=15000,
    )
    links = watched.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    first = []
    for link in links:
        page = link.split("?")[0].split("#")[0]
        if page not in first:
            first.append(page)
    assert any(lesson in page for page in first[:3]), first[:5]


def test_the_output_label_stays_on_one_line_in_both_languages(browser, server):
    """输出： took two lines beside an output block, as narrow as "Out:"."""
    heights = {}
    for language in ("en", "zh_CN"):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server}/{language}/examples/05_join/join_many.html")
        heights[language] = page.locator("div.sphx-glr-script-out").first.evaluate(
            "block => parseFloat(getComputedStyle(block, '::before').height)"
        )
        page.close()
    assert heights["zh_CN"] == pytest.approx(heights["en"], abs=2), heights
