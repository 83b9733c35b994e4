"""The concept diagrams (docs/_static/concepts/*.svg) in each language."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT

CONCEPTS = ROOT / "docs" / "_static" / "concepts"
ENGLISH = sorted(p for p in CONCEPTS.glob("*.svg") if not p.stem.endswith("_zh_CN"))


def shapes(svg: str) -> list[str]:
    """The drawing without its words: every shape with its geometry, in order."""
    return re.findall(r"<(?:rect|path|marker|line|circle)\b[^>]*>", svg)


def words(svg: str) -> list[str]:
    return [w for w in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg) if w.strip()]


@pytest.mark.parametrize("english", ENGLISH, ids=[p.name for p in ENGLISH])
def test_each_diagram_has_a_chinese_twin_with_the_same_layout(english):
    chinese = english.with_name(f"{english.stem}_zh_CN.svg")
    assert chinese.is_file(), f"{chinese.name} is missing"
    en, zh = english.read_text("utf-8"), chinese.read_text("utf-8")
    assert shapes(zh) == shapes(en)
    assert len(words(zh)) == len(words(en))
    for text in [*words(zh), *re.findall(r"<(title|desc)\b[^>]*>([^<]*)<", zh)]:
        shown = text if isinstance(text, str) else text[1]
        for word in re.findall(r"[A-Za-z]{3,}", shown):
            assert word in {"CPU", "kill", "SIGKILL", "input", "sleep", "recv"}, (
                f"{chinese.name}: English {word!r} in {shown!r}"
            )


@pytest.mark.parametrize("suffix", ["", "_zh_CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_process_can_be_killed_from_ready_and_blocked(theme, suffix):
    svg = (CONCEPTS / f"process_states_{theme}{suffix}.svg").read_text("utf-8")
    edges = re.findall(r"<!-- (\w+) -> terminated[^>]*-->\s*<path [^>]*>", svg)
    assert sorted(edges) == ["blocked", "ready", "running"]


def test_the_chinese_site_shows_the_chinese_diagrams(site):
    for page in ("process_states", "concurrency_and_parallelism"):
        for language, suffix in (("en", ".svg"), ("zh_CN", "_zh_CN.svg")):
            html = site / "_build" / "html" / language / "concepts" / f"{page}.html"
            sources = re.findall(
                r'<img [^>]*src="([^"]+\.svg)"', html.read_text("utf-8")
            )
            assert len(sources) == 2, sources  # light and dark
            assert all(s.endswith(suffix) for s in sources), (language, sources)
            if language == "en":
                assert not any(s.endswith("_zh_CN.svg") for s in sources)
