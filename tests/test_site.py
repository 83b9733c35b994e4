"""The real site, built once (as `make html` builds it) from a copy of the sources."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from helpers import (
    EXAMPLES, ROOT, copy_site, example_env, line_multiset, page_outputs, page_text,
    wait_until_no_process,
)  # fmt: skip

EXAMPLE_IDS = [str(p.relative_to(ROOT / "examples")) for p in EXAMPLES]


def build_site(dest: Path, **env) -> tuple[Path, subprocess.CompletedProcess]:
    """`make html` in a copy of the sources; returns the copy and the result."""
    copy_site(dest)
    shutil.copy2(ROOT / "Makefile", dest / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", dest / "requirements.txt")
    token = uuid.uuid4().hex
    done = subprocess.run(
        ["make", "--no-print-directory", "html", f"VENV={ROOT / '.venv'}"],
        cwd=dest, env=example_env(token, **env), capture_output=True, text=True,
        timeout=1800,
    )  # fmt: skip
    left = wait_until_no_process(token)
    assert not left, "the build left processes behind:\n" + "\n".join(left)
    return dest, done


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    copy, done = build_site(tmp_path_factory.mktemp("site"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy


def page_of(site: Path, example: Path) -> Path:
    rel = example.relative_to(ROOT / "examples").with_suffix(".html")
    return site / "_build" / "html" / "en" / "examples" / rel


def test_landing_page_sends_readers_to_the_english_site(site):
    landing = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in landing
    assert "navigator.languages" in landing
    assert (site / "_build" / "html" / "en" / "index.html").is_file()


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_example_has_a_page_with_its_output(site, example):
    page = page_of(site, example)
    assert page.is_file()
    assert page_outputs(page), f"{page.name} shows no output"
    assert "Download Python source code" in page_text(page)


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_page_shows_the_lines_of_a_terminal_run(site, example, terminal_lines):
    shown = line_multiset("".join(page_outputs(page_of(site, example))), site)
    expected = terminal_lines(example)
    assert shown == expected, (
        f"missing from the page: {dict(expected - shown)}\n"
        f"not in a terminal run: {dict(shown - expected)}"
    )


def test_examples_leave_nothing_in_the_sources(site):
    copied = sorted(p.relative_to(site) for p in (site / "examples").rglob("*"))
    original = sorted(
        p.relative_to(ROOT) for p in (ROOT / "examples").rglob("*")
        if "__pycache__" not in p.parts
    )  # fmt: skip
    assert copied == original


def test_gallery_lists_the_lessons_in_learning_order(site):
    index = (site / "_build" / "html" / "en" / "examples" / "index.html").read_text(
        encoding="utf-8"
    )
    folders = re.findall(r'href="(\d\d_[a-z_]+)/[a-z_]+\.html"', index)
    seen = list(dict.fromkeys(folders))
    assert seen == sorted(seen)
    assert len(seen) == len({p.parent.name for p in EXAMPLES})
