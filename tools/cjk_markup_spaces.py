"""Find (and with --fix, mend) the spaces between Chinese and markup or Latin.

One rule, on every page: a space between a Chinese character and Latin text
(a word, or inline markup whose text begins or ends with Latin: ``调用
``p.join()`` 来等待``, "八个 CPU"); no space next to CJK punctuation, or
between Chinese and markup whose text is Chinese.

- A space is stray where it stands between markup and a CJK punctuation mark,
  or between a CJK character and markup whose text starts (or ends) with a CJK
  character: reST needs white space or punctuation around inline markup, so
  ``是一个 *僵尸进程* ：`` parses, but the page then shows "是一个 僵尸进程 ：".
  The fix: in a catalog of a reST page (the lessons, under ``examples/``) the
  space becomes reST's escaped space ``\\ `` (``是一个\\ *僵尸进程*\\ ：``),
  which separates the markup and shows nothing; in a catalog of a MyST page
  (Markdown), where a backslash before a space is shown as it is, the space
  goes.
- A space is missing where a CJK character meets Latin text with nothing, or
  only reST's escaped space, between them (``的\\ ``Queue``\\ 里``,
  "八个CPU").  The fix: one space.

Only the ``msgstr`` of the messages it fixes changes, written as ``make
update-po`` writes it.

    python tools/cjk_markup_spaces.py docs/locale/zh_CN/LC_MESSAGES         # list
    python tools/cjk_markup_spaces.py --fix docs/locale/zh_CN/LC_MESSAGES   # fix
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.pofile import normalize

CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
_CHAR = re.compile(f"[{CJK_CHAR}]")
_PUNCT = re.compile(f"[{CJK_PUNCT}]")

# Inline markup, with the part of it a reader sees in group "text".
_REST = re.compile(
    r"``(?P<code>[^`]+?)``"
    r"|:(?P<name>[\w:+.-]+):`(?P<role>[^`]+)`"
    r"|`(?P<ref>[^`]+)`_{0,2}"
    r"|\*\*(?P<strong>[^*]+?)\*\*"
    r"|\*(?P<em>[^*\s][^*]*?)\*"
)
_MYST = re.compile(
    r"\{(?P<name>[\w:+.-]+)\}`(?P<role>[^`]+)`"
    r"|`(?P<code>[^`]+)`"
    r"|\*\*(?P<strong>[^*]+?)\*\*"
    r"|\*(?P<em>[^*\s][^*]*?)\*"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"
)


def is_cjk_char(char: str) -> bool:
    return bool(_CHAR.fullmatch(char))


def is_cjk_punct(char: str) -> bool:
    return bool(_PUNCT.fullmatch(char))


def stray(outside: str, inside: str) -> bool:
    """Whether a space between ``outside`` (next to the markup) and the markup,
    whose shown text begins (or ends) with ``inside``, is stray."""
    return is_cjk_punct(outside) or (
        is_cjk_char(outside) and (is_cjk_char(inside) or is_cjk_punct(inside))
    )


# Cross-references that show their target's title, which is translated.
_TITLED = {"ref", "doc", "std:ref", "std:doc"}


def _shown(match: re.Match[str]) -> str:
    groups = match.groupdict()
    text = next(v for k, v in groups.items() if k != "name" and v is not None)
    if groups.get("name") in _TITLED and not re.search(r"<[^<>]*>$", text):
        return "标题"  # a page's or section's title: Chinese on this site
    # a role or link with its own text: `text <target>`
    return re.sub(r"\s*<[^<>]*>$", "", text) or text


def stray_spaces(text: str, markdown: bool) -> Iterator[tuple[int, int]]:
    """(start, end) of every stray run of spaces in ``text``."""
    pattern = _MYST if markdown else _REST
    for match in pattern.finditer(text):
        shown = _shown(match).strip()
        if not shown:
            continue
        before = re.search(r"(\S)( +)$", text[: match.start()])
        if before and stray(before[1], shown[0]):
            yield before.start(2), before.end(2)
        after = re.match(r"( +)(\S)", text[match.end() :])
        if after and stray(after[2], shown[-1]):
            yield match.end(), match.end() + after.end(1)


def is_latin(char: str) -> bool:
    """Whether markup whose text begins (or ends) with ``char`` is Latin there."""
    return not (is_cjk_char(char) or is_cjk_punct(char) or char.isspace())


def missing_spaces(text: str, markdown: bool) -> Iterator[tuple[int, int]]:
    """(start, end) of every place where a CJK character meets Latin text (a
    word, or markup whose shown text is Latin there) without a space: nothing,
    or reST's escaped space."""
    pattern = _MYST if markdown else _REST
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    for match in pattern.finditer(text):
        shown = _shown(match).strip()
        if not shown:
            continue
        before = re.search(f"[{CJK_CHAR}]((?:\\\\ )?)$", text[: match.start()])
        if before and is_latin(shown[0]):
            yield before.start(1), match.start()
        after = re.match(f"((?:\\\\ )?)[{CJK_CHAR}]", text[match.end() :])
        if after and is_latin(shown[-1]):
            yield match.end(), match.end() + after.end(1)
    # plain text: a Chinese character beside a Latin letter
    for match in re.finditer(
        f"[{CJK_CHAR}](?=[A-Za-z])|[A-Za-z](?=[{CJK_CHAR}])", text
    ):
        if not any(start <= match.start() < end for start, end in spans):
            yield match.end(), match.end()


def fixed(text: str, markdown: bool) -> str:
    """``text`` with a space where one is missing and none where one is stray
    (an escaped space in reST)."""
    spans = [(start, end, "") for start, end in missing_spaces(text, markdown)]
    stray = "" if markdown else "\\ "
    spans += [(start, end, stray) for start, end in stray_spaces(text, markdown)]
    for start, end, space in sorted(set(spans), reverse=True):
        text = text[:start] + (space or " ") + text[end:]
    return text


# A msgstr as gettext writes it: `msgstr "..."` and its continuation lines.
_MSGSTR = re.compile(
    r'^msgstr (?P<body>"(?:[^"\\\n]|\\.)*"(?:\n"(?:[^"\\\n]|\\.)*")*)$', re.M
)


def _unquote(body: str) -> str:
    return "".join(ast.literal_eval(line) for line in body.split("\n"))


def fix_catalog(po: Path, markdown: bool) -> list[str]:
    """Fix ``po`` in place; the messages it changed, as they are now."""
    text = po.read_text(encoding="utf-8")
    changes: list[str] = []

    def repair(match: re.Match[str]) -> str:
        string = _unquote(match["body"])
        new = fixed(string, markdown)
        if new == string:
            return match[0]
        changes.append(new)
        return "msgstr " + normalize(new, prefix="", width=76)

    text = _MSGSTR.sub(repair, text)
    if changes:
        po.write_text(text, encoding="utf-8")
    return changes


def catalog_problems(po: Path, markdown: bool) -> list[str]:
    text = po.read_text(encoding="utf-8")
    found = []
    for match in _MSGSTR.finditer(text):
        string = _unquote(match["body"])
        for start, end in stray_spaces(string, markdown):
            found.append(f"{po}: stray {string[max(0, start - 12) : end + 12]!r}")
        for start, end in missing_spaces(string, markdown):
            found.append(f"{po}: missing {string[max(0, start - 12) : end + 12]!r}")
    return found


def is_markdown_catalog(po: Path, locale_dir: Path) -> bool:
    """A page's catalog under examples/ is a lesson's (reST); the others are the
    MyST pages of docs/."""
    return po.relative_to(locale_dir).parts[0] != "examples"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "locale_dir", type=Path, help="e.g. docs/locale/zh_CN/LC_MESSAGES"
    )
    parser.add_argument("--fix", action="store_true", help="fix the catalogs in place")
    args = parser.parse_args(argv)
    found = 0
    for po in sorted(args.locale_dir.rglob("*.po")):
        markdown = is_markdown_catalog(po, args.locale_dir)
        if args.fix:
            for message in fix_catalog(po, markdown):
                found += 1
                print(f"{po}: fixed {message[:70]!r}")
        else:
            for problem in catalog_problems(po, markdown):
                found += 1
                print(problem)
    print(
        f"{found} {'messages fixed' if args.fix else 'stray or missing spaces'}",
        file=sys.stderr,
    )
    return 1 if found and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
