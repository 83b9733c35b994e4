"""The docstrings of a piece of code as messages, translated line for line.

A docstring in a lesson's code (a function's, or a whole file's in the files a
lesson offers beside it, such as the homework's) is words for the reader, like
a comment.  Each paragraph of it is a message: its lines at the docstring's own
indentation (a list item's: its own), joined by spaces.  Lines indented deeper
(a command to type, an example), blank lines and a title's underline are not
prose and stay as they are (the underline as wide as its translated title).

A translation takes the lines its paragraph took (``line_wrap.wrap``), so the
code keeps its line numbers; the quotes that open and close the docstring stay
where they were.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .line_wrap import width, wrap

_OPENER = re.compile(r'[rRuU]?("""|\'\'\')')
_BULLET = re.compile(r"(?:[-*]|\d+\.) ")
_UNDERLINE = re.compile(r"([=\-~^\"'`#*+])\1+")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a docstring.

    ``rows`` are its 0-based line numbers; ``lead`` is what comes before its
    text on the first row (indentation, and the opening quotes on the
    docstring's first line), ``indent`` before its text on the other rows,
    ``tail`` after its text on the last row (the closing quotes, if there);
    ``underline`` the row that underlines it as a title (-1: none).
    """

    rows: tuple[int, ...]
    lead: str
    indent: str
    tail: str
    message: str
    underline: int = -1


def paragraphs(code: str) -> list[Paragraph]:
    """The paragraphs of every triple-quoted docstring in ``code``, in order."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []  # a line of a diff, a piece of a cell: no docstring to find
    lines = code.split("\n")
    found: list[Paragraph] = []
    for node in ast.walk(tree):
        if not isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            continue
        body = node.body
        if not (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            continue
        found += _paragraphs_of(body[0].value, lines)
    return sorted(found, key=lambda p: p.rows[0])


def _paragraphs_of(string: ast.Constant, lines: list[str]) -> list[Paragraph]:
    first, last = string.lineno - 1, (string.end_lineno or string.lineno) - 1
    column, end_column = string.col_offset, string.end_col_offset or 0
    opener = _OPENER.match(lines[first], column)
    if opener is None or not lines[last][:end_column].endswith(opener[1]):
        return []  # a one-quoted or implicitly joined string: no paragraphs
    base = " " * column if lines[first][:column].strip() == "" else ""
    # (row, what comes before the text, the text, what comes after it)
    rows: list[tuple[int, str, str, str]] = []
    for row in range(first, last + 1):
        line = lines[row]
        start = opener.end() if row == first else 0
        stop = end_column - 3 if row == last else len(line)
        before, text, after = line[:start], line[start:stop], line[stop:]
        if row != first:
            text_indent = len(text) - len(text.lstrip())
            before, text = before + text[:text_indent], text[text_indent:]
        rows.append((row, before, text.rstrip(), after))
    found: list[Paragraph] = []
    run: list[tuple[int, str, str, str]] = []
    item = ""  # the indentation of a list item's lines after its first

    def flush() -> None:
        if run:
            found.append(
                Paragraph(
                    rows=tuple(r for r, *_ in run),
                    lead=run[0][1],
                    indent=item or base,
                    tail=run[-1][3],
                    message=" ".join(t for _, _, t, _ in run),
                )
            )
            run.clear()

    for row, before, text, after in rows:
        if _UNDERLINE.fullmatch(text) and len(run) == 1 and run[0][0] == row - 1:
            flush()  # a title: its one line, underlined by this one
            found[-1] = replace(found[-1], underline=row)
            continue
        if not re.search(r"[^\W\d_]", text):  # a blank line, an underline
            flush()
        elif row == first or before == base:
            bullet = _BULLET.match(text)
            if bullet or item:
                flush()
                item = base + " " * len(bullet[0]) if bullet else ""
            run.append((row, before, text, after))
        elif run and item and before == item:  # a list item goes on
            run.append((row, before, text, after))
        else:  # deeper: a command, an example
            flush()
            item = ""
        if after.strip():  # the closing quotes end it
            flush()
    flush()
    return found


def translate(code: str, translated: Callable[[str], str]) -> str:
    """``code`` with each docstring paragraph translated, on the lines it had."""
    lines = code.split("\n")
    for paragraph in paragraphs(code):
        text = translated(paragraph.message)
        if not text or text == paragraph.message:
            continue
        new = wrap(
            " ".join(text.split("\n")),
            len(paragraph.rows),
            paragraph.lead,
            paragraph.indent,
        )
        for n, row in enumerate(paragraph.rows):
            line = new[n]
            if n == 0 and not line:  # the first line keeps its opening quotes
                line = paragraph.lead.rstrip()
            lines[row] = line
        if paragraph.underline >= 0:  # a title's underline, as wide as the title
            title = lines[paragraph.rows[0]][len(paragraph.lead) :]
            mark = lines[paragraph.underline].strip()[0]
            lines[paragraph.underline] = paragraph.indent + mark * width(title)
        if paragraph.tail:  # the closing quotes, after the last line with text
            last = paragraph.rows[-1]
            lines[last] = (lines[last] or paragraph.indent) + paragraph.tail
    return "\n".join(lines)
