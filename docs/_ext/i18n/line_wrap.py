"""Text on a given number of lines, Chinese as a terminal shows it.

A translated comment or docstring must take the lines its original took (a
line more or less would move every line number of a traceback), and a Chinese
character takes two columns of a terminal.  ``wrap`` fills exactly the lines it
is given: as many as fit in the width, longer lines where the text needs more,
empty lines where it needs fewer; a line never breaks inside inline code or a
Latin word, and never starts with closing punctuation.
"""

from __future__ import annotations

import re
import unicodedata

# The house's line length.
LIMIT = 88


def width(text: str) -> int:
    """How many columns ``text`` takes in a terminal (a CJK character: two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# what a line may not break inside: inline code, a Latin word, a Chinese
# character with the punctuation that closes after it (never at a line's start)
_CLOSING = "，。、；：！？）」』”’…,.;:!?)"
_OPENING = "（「『“‘("  # (and the punctuation that opens, never at a line's end)
_UNIT = re.compile(
    f"[{_OPENING}]*"
    f"(?:``[^`]*``[{_CLOSING}]*|`[^`]*`[{_CLOSING}]*|"
    r"[^\s\u2e80-\u9fff\uff00-\uffef`]+|"
    f"\\S[{_CLOSING}]*)\\s*"
)


def wrap(text: str, count: int, lead: str, rest: str, limit: int = LIMIT) -> list[str]:
    """``text`` on exactly ``count`` lines (``lead`` before the first, ``rest``
    before the others): as many as fit in ``limit`` columns, longer lines where
    that takes more, empty lines where it takes fewer."""
    units = _UNIT.findall(text)
    while True:
        lines: list[str] = []
        current = ""
        for unit in units:
            prefix = lead if not lines else rest
            if current and width(prefix + current + unit.rstrip()) > limit:
                lines.append(current.rstrip())
                current = ""
            current += unit
        lines.append(current.rstrip())
        if len(lines) <= count:
            break
        limit += 4
    lines += [""] * (count - len(lines))
    return [
        ((lead if n == 0 else rest) + line) if line else ""
        for n, line in enumerate(lines)
    ]
