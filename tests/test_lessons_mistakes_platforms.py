"""Issue 24, items 8 and 9: two mistakes (a Pipe end left open, a list inside a
managed dict) and the concept page on Linux, macOS, Windows and containers.

Each test proves what the page says, by the lesson's real output, its try-this
box, or a small program run by this Python."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from helpers import (
    ROOT,
    box_lines,
    lesson_cells,
    page_text,
    run_program,
)

MISTAKES = ROOT / "examples" / "23_common_mistakes"
PLATFORMS = ROOT / "docs" / "concepts" / "platforms.md"


def cells(site, lesson: str) -> list[list[str]]:
    return lesson_cells(site, MISTAKES / lesson)


def box(site, lesson: str) -> list[str]:
    return box_lines(site, MISTAKES / lesson)


# -- A pipe end left open ------------------------------------------------------

FILES = ["main: got map.png", "main: got notes.txt", "main: got song.mp3"]
TIDIED = "downloader: tidied up, ending"
NO_END = "main: nothing for 2 s and no end: a writer's end is still open"
END = "main: the end of the pipe, every writer's end is closed"


def test_a_reader_never_sees_the_end_while_it_holds_the_writers_end(site):
    mistake, fix = cells(site, "pipe_end_left_open.py")
    # every message arrives, the downloader ends, and still no end of the pipe
    assert mistake[:3] == FILES
    assert NO_END in mistake and END not in mistake
    assert mistake.index(TIDIED) < mistake.index(NO_END)
    # the main program closed its copy: the end comes at once, while the
    # downloader still tidies up
    assert fix[:3] == FILES
    assert NO_END not in fix
    assert fix.index(END) < fix.index(TIDIED)


def test_a_writer_that_keeps_its_end_open_holds_the_reader_until_it_ends(site):
    out = box(site, "pipe_end_left_open.py")
    fixed = out[out.index(NO_END) + 1 :]  # the fixed program's lines
    assert fixed[:3] == FILES
    assert fixed.index(TIDIED) < fixed.index(END)  # the end came when it ended


# -- A list inside a managed dict ----------------------------------------------

ALL_THREE = "main: the log holds ['scanner 1', 'scanner 2', 'scanner 3']"


def test_appends_to_a_list_inside_a_managed_dict_are_lost(site):
    mistake, fix = cells(site, "manager_nested_mutation.py")
    assert mistake == ["main: the log holds []"]
    assert fix == [ALL_THREE]  # read, change, write back, under a lock


def test_a_managed_list_inside_the_managed_dict_keeps_every_append(site):
    assert box(site, "manager_nested_mutation.py") == [ALL_THREE, ALL_THREE]


# -- The "find your error" table -------------------------------------------------


def table_rows(site, language: str) -> dict[str, list[str]]:
    """{lesson: the sorted code literals of its row} of the mistakes table."""
    from bs4 import BeautifulSoup

    page = site / "_build" / "html" / language / "examples"
    page = page / "23_common_mistakes" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rows = {}
    for row in soup.select("div.section-intro table tbody tr"):
        what, lesson = row.find_all("td")
        literals = [" ".join(code.get_text().split()) for code in what.select("code")]
        rows[Path(lesson.find("a")["href"]).stem] = sorted(literals)
    return rows


def test_the_table_sends_both_errors_to_their_lessons_in_both_languages(site):
    for language in ("en", "zh_CN"):
        rows = table_rows(site, language)
        assert rows["pipe_end_left_open"] == ["EOFError", "Pipe"], language
        assert rows["manager_nested_mutation"] == ["[]", "manager.dict()"], language


# -- The concept page ------------------------------------------------------------


def concept_page(site, language: str = "en") -> Path:
    return site / "_build" / "html" / language / "concepts" / "platforms.html"


def test_the_platforms_page_is_in_the_concepts_and_in_chinese(site):
    for language in ("en", "zh_CN"):
        index = site / "_build" / "html" / language / "concepts" / "index.html"
        assert 'href="platforms.html"' in index.read_text(encoding="utf-8")
    zh = concept_page(site, "zh_CN").read_text(encoding="utf-8")
    assert "Linux、macOS、Windows 与容器" in zh
    assert "进程号为 1 的进程" in zh


def test_the_platforms_page_states_each_limit_with_its_version(site):
    text = " ".join(page_text(concept_page(site)).split())
    for said in (
        "Since Python 3.8, the default start method on macOS is spawn",
        "from Python 3.14 the default on Linux and the other POSIX systems "
        "except macOS is forkserver",
        "need at most 63 handles",
        "From Python 3.13, wait() waits in batches",
        "ProcessPoolExecutor accepts at most 61 workers on Windows",
        "CREATE_NEW_PROCESS_GROUP",
        "CTRL_BREAK_EVENT",
        "docker run --init",
        "/sys/fs/cgroup/cpu.max",
        "os.process_cpu_count() (Python 3.13 and newer)",
    ):
        assert said in text, said


def snippet(containing: str) -> str:
    """The page's Python code block that contains ``containing``."""
    blocks = re.findall(
        r"```python\n(.*?)```", PLATFORMS.read_text(encoding="utf-8"), re.S
    )
    (found,) = [block for block in blocks if containing in block]
    return found


def test_the_quota_snippet_sizes_a_pool_within_the_cpus(tmp_path, leak_token):
    (line,) = run_program(tmp_path, snippet("def cpu_quota"))
    workers = int(re.fullmatch(r"a pool of (\d+) workers", line)[1])
    assert 1 <= workers <= os.cpu_count()


def test_freeze_support_does_nothing_in_a_program_that_is_not_frozen(
    tmp_path, leak_token
):
    assert run_program(tmp_path, snippet("freeze_support()")) == ["child: working"]


def test_pools_count_the_cpus_as_the_page_says(tmp_path, leak_token):
    """Up to 3.12 a Pool has os.cpu_count() workers; from 3.13,
    os.process_cpu_count(), which a CPU affinity limits; -X cpu_count sets both."""
    if sys.platform != "linux":
        return  # os.sched_setaffinity() is Linux's
    (count,) = run_program(
        tmp_path,
        """\
        import multiprocessing
        import os

        if __name__ == "__main__":
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
            with multiprocessing.Pool() as pool:
                print(len(multiprocessing.active_children()))
        """,
    )
    expected = 1 if sys.version_info >= (3, 13) else os.cpu_count()
    assert int(count) == expected
    counts = run_program(
        tmp_path,
        """\
        import os

        print(os.cpu_count(), getattr(os, "process_cpu_count", os.cpu_count)())
        """,
        options=("-X", "cpu_count=3"),
    )
    host = os.cpu_count()
    assert counts == (["3 3"] if sys.version_info >= (3, 13) else [f"{host} {host}"])
