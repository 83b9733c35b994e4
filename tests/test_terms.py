"""The Chinese edition follows its term list (docs/locale/zh_CN/terms.toml)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import ROOT

ZH = ROOT / "docs" / "locale" / "zh_CN"
TERMS = tomllib.loads((ZH / "terms.toml").read_text(encoding="utf-8"))
# Code, roles, links, quoted names and format placeholders are not prose: nothing
# there is checked.
NOT_PROSE = re.compile(
    r"``.*?``|:[\w:+-]+:`[^`]*`|`[^`]*`_{0,2}|https?://\S+|<[^<>]*>"
    r"|“[^”]*”|\"[^\"]*\"|「[^」]*」"
    r"|\{\w+(?:[.:!][^{}]*)?\}",  # a str.format placeholder: {child}, {t:.2f}
    re.S,
)


def prose(text: str) -> str:
    """``text`` without code, links, quoted and API names."""
    text = NOT_PROSE.sub(" ", text)
    for name in TERMS["names"]["words"]:
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text)
    return text


def mentions(text: str, term: str) -> bool:
    """Whether English ``text`` uses ``term`` (any case, plural or -ed/-ing too)."""
    words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", term))
    return (
        re.search(rf"(?<![\w-]){words}(e?s|ed|ing)?(?![\w-])", text, re.I) is not None
    )


def uses_english(text: str, word: str) -> bool:
    """Whether Chinese ``text`` leaves ``word`` in English (not ``x.y`` or ``f()``)."""
    return (
        re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w(.-])", text, re.I) is not None
    )


def problems_in(messages: list[tuple[str, str]]) -> list[str]:
    found = []
    for msgid, msgstr in messages:
        # The English original in brackets beside its translation, as the
        # glossary names its terms (僵尸进程（zombie process）), is a name.
        beside = msgstr.replace(f"（{msgid}）", " ").replace(f"({msgid})", " ")
        english, chinese = prose(msgid), prose(beside)
        for word in TERMS["deny"]["words"]:
            if uses_english(chinese, word):
                found.append(f"English {word!r} in: {msgstr[:90]!r}")
        for term in TERMS["term"]:
            forms = [term["zh"], *term.get("also", [])]
            if mentions(english, term["en"]) and not any(
                form in chinese for form in forms
            ):
                found.append(
                    f"{term['en']!r} not said as {term['zh']!r}: {msgstr[:90]!r}"
                )
            # A variant we avoid is wrong wherever it appears, whatever the
            # English says (outside code, roles, links and quotes); except the
            # ones the term lists in `where_said`, right words elsewhere
            # (作业 is a scheduler's job, though never the homework).
            said = mentions(english, term["en"])
            found += [
                f"{variant!r} instead of {term['zh']!r}: {msgstr[:90]!r}"
                for variant in term.get("avoid", [])
                if variant in chinese
                and (said or variant not in term.get("where_said", []))
            ]
    return found


def catalog_messages(po: Path) -> list[tuple[str, str]]:
    with po.open("rb") as f:
        return [
            (m.id, m.string)
            for m in read_po(f)
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
        ]


CATALOGS = sorted((ZH / "LC_MESSAGES").rglob("*.po"))


@pytest.mark.parametrize(
    "po", CATALOGS, ids=[str(p.relative_to(ZH / "LC_MESSAGES")) for p in CATALOGS]
)
def test_catalog_follows_the_term_list(po):
    found = problems_in(catalog_messages(po))
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("The daemon ticks every second.", "守护进程每秒 tick 一次。"),
        ("Two workers wait.", "两个 worker 都在等待。"),
        ("Start them all, then join them.", "先全部启动，再逐个 join。"),
        ("Homework: a TCP server", "作业：TCP 服务器"),
        ("It uses the fork server.", "它使用 fork server。"),
        ("This work is compute-bound.", "这是计算密集型的工作。"),
        ("A semaphore bounds them.", "一个 semaphore 限制它们。"),
        ("daemon process", "守护进程（daemon）"),
        # a variant we avoid, though the English does not name the term
        ("macOS and Windows default", "macOS 和 Windows 上的默认启动方式"),
        ("An end item stops each worker.", "每个工作进程拿到一个哨兵就停下。"),
        ("It prints its number.", "它打印自己的 PID。"),
        ("Its number is taken.", "它的进程 ID 仍被占着。"),
        ("It dies, printing why.", "它打印出 traceback 后死掉。"),
        ("killed by SIGTERM", "被信号结束"),
        ("It stops on Ctrl-C.", "按 Ctrl-C 时干净地退出。"),
        ("Processes meet at one point.", "进程在栅栏处会合。"),
    ],
)
def test_the_check_finds_what_the_term_list_forbids(msgid, msgstr):
    assert problems_in([(msgid, msgstr)])


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Call ``p.join()`` to wait.", "调用 ``p.join()`` 来等待。"),
        ('The worker process "server 3" fails.', "名为“server 3”的工作进程出故障了。"),
        ("A ``Queue`` between processes.", "进程之间的 ``Queue``。"),
        ("Subclass Process.", "Process 的子类。"),
        ("daemon process", "守护进程（daemon process）"),
        ("Run ``kill <pid>``.", "运行 ``kill <pid>``。"),
        ("It waits on ``p.sentinel``.", "它等待 ``p.sentinel``。"),
        ("Python's own word", "Python 官方中文文档译作“栅栏”。"),
        # 作业 is avoided only where the English says homework
        ("Shortest job first", "短作业优先"),
    ],
)
def test_the_check_lets_code_and_names_be(msgid, msgstr):
    assert not problems_in([(msgid, msgstr)])


def glossary_terms() -> list[str]:
    """The terms of docs/glossary.md's ``{glossary}`` block, in order."""
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line[:1].strip()]


def test_chinese_glossary_names_each_term_in_english_too():
    """The translators' word list shows the English term beside the Chinese one."""
    with (ZH / "LC_MESSAGES" / "glossary.po").open("rb") as f:
        catalog = read_po(f)
    terms = glossary_terms()
    assert len(terms) > 20, terms
    missing = [
        f"{term!r}: {catalog[term].string if catalog.get(term) else None!r}"
        for term in terms
        if catalog.get(term) is None
        or term.lower() not in catalog[term].string.lower()
        or not re.search(r"[\u4e00-\u9fff]", catalog[term].string)
    ]
    assert not missing, "glossary terms without their English beside:\n" + "\n".join(
        missing
    )
