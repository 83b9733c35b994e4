"""The words in a lesson's code as catalog messages: Chinese on pages and downloads.

The comments of a lesson's code, and the paragraphs of its docstrings
(``docstrings.py``), are messages of its page's catalog; this module extracts
them, translates the code blocks of a page, and gives ``gallery/`` the
``translate`` that a download's code goes through.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import docstrings
from .catalogs import page_messages, translates

__version__ = "1.0"

logger = logging.getLogger(__name__)

# Comments that are instructions to a tool, not words for the reader.
_KEEP = re.compile(r"#\s*(%%|!|-\*-|noqa|type:|fmt:|pragma|sphinx_gallery_)")
_CODE_LANGUAGES = {"python", "py", "python3"}


@dataclass(frozen=True)
class Comment:
    """One message: a trailing comment, or consecutive full-line comments.

    ``lines`` are the 0-based line numbers and ``column`` where each ``#`` is; the
    message is the comments' text (after ``# ``), one line of it per comment.
    """

    lines: tuple[int, ...]
    column: int
    message: str


def comments(code: str) -> list[Comment]:
    """The translatable comments of a piece of Python code, in order."""
    found: list[Comment] = []
    run: list[tuple[int, int, str]] = []  # a block of full-line comments

    def flush() -> None:
        if run:
            found.append(
                Comment(
                    tuple(r for r, _, _ in run),
                    run[0][1],
                    "\n".join(t for *_, t in run),
                )
            )
            run.clear()

    prose = -2  # the last line of a text cell (``# %%`` and the lines under it)
    for token in _comment_tokens(code):
        row, col = token.start[0] - 1, token.start[1]
        text = token.string[1:].strip()
        full_line = not token.line[:col].strip()
        if full_line and col == 0 and (text.startswith("%%") or row == prose + 1):
            prose = row  # a text cell: translated as the page's prose, not here
            flush()
            continue
        if (
            _KEEP.match(token.string)
            or not re.search(r"[^\W\d_]", text)
            or _commented_out(text)
        ):
            flush()
            continue
        if full_line and run and run[-1][0] == row - 1 and run[-1][1] == col:
            run.append((row, col, text))
            continue
        flush()
        if full_line:
            run.append((row, col, text))
        else:
            found.append(Comment((row,), col, text))
    flush()
    return found


def _commented_out(text: str) -> bool:
    """A line of code with its own comment, commented out (a "Try this" box's
    ``# signal.signal(...)  # why``): code, not words to translate."""
    code, mark, _comment = text.partition("  # ")
    if not mark:
        return False
    try:
        compile(code, "<comment>", "exec")
    except SyntaxError:
        return False
    return True


def _comment_tokens(code: str) -> Iterator[tokenize.TokenInfo]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                yield token
    except (tokenize.TokenError, SyntaxError):
        return


def messages(code: str) -> list[str]:
    """The messages of ``code``: its comments and its docstrings' paragraphs."""
    found = [(c.lines[0], c.message) for c in comments(code)]
    found += [(p.rows[0], p.message) for p in docstrings.paragraphs(code)]
    return [message for _, message in sorted(found)]


def translate(code: str, translated: Callable[[str], str]) -> tuple[str, list[str]]:
    """``code`` with each comment and docstring translated, line for line.

    Returns the new code and the messages whose translation does not have as many
    lines as the original (those stay in English: a line more or less would move
    every line number of a traceback).
    """
    lines = code.splitlines(keepends=True)
    mismatched = []
    for comment in comments(code):
        text = translated(comment.message)
        if not text or text == comment.message:
            continue
        new_lines = text.split("\n")
        if len(new_lines) != len(comment.lines):
            mismatched.append(comment.message)
            continue
        for row, new in zip(comment.lines, new_lines, strict=True):
            line = lines[row]
            ending = line[len(line.rstrip("\r\n")) :]
            lines[row] = f"{line[: comment.column]}# {new.strip()}{ending}"
    return docstrings.translate("".join(lines), translated), mismatched


class code_comments(nodes.Element, addnodes.translatable):  # noqa: N801 (docutils style)
    """The comments of the code block before it, as messages for the gettext builder."""

    def preserve_original_messages(self) -> None:
        pass

    def apply_translated_message(self, original: str, translated: str) -> None:
        pass

    def extract_original_messages(self) -> Sequence[str]:
        return list(self["messages"])


def _is_lesson(app: Sphinx, docname: str) -> bool:
    return re.search(app.config.code_comments_docnames, docname) is not None


def _code_blocks(doctree: nodes.document) -> Iterator[nodes.literal_block]:
    for block in doctree.findall(nodes.literal_block):
        if block.get("language", "").lower() in _CODE_LANGUAGES:
            yield block


def messages_node(found: list[str]) -> code_comments:
    """A node that gives the gettext builder ``found``, messages of code."""
    node = code_comments(messages=found)
    node.uid = ""  # the gettext builder wants one
    return node


def _messages_after(block: nodes.Element, found: list[str]) -> None:
    """Put ``found`` after ``block``, for the gettext builder."""
    if found:
        block.parent.insert(block.parent.index(block) + 1, messages_node(found))


def _diff_blocks(doctree: nodes.document) -> Iterator[nodes.literal_block]:
    for block in doctree.findall(nodes.literal_block):
        if block.get("language", "").lower() == "diff":
            yield block


def _diff_lines(diff: str) -> list[tuple[str, str]]:
    """A diff's lines as (mark, code): a "Try this" box's "- " and "+ " lines."""
    return [
        (line[:2], line[2:]) if line[:2] in ("- ", "+ ") else ("", line)
        for line in diff.split("\n")
    ]


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if not _is_lesson(app, docname):
        return
    if app.builder.name == "gettext":
        for block in list(_code_blocks(doctree)):
            _messages_after(block, messages(block.astext()))
        return
    if not translates(app):
        return
    translated = translator(app, docname)
    for block in _code_blocks(doctree):
        new = translated_code(block.astext(), translated, block)
        if new != block.astext():
            block.children = []
            block += nodes.Text(new)
            block.rawsource = new


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A "Try this" box's diff: its comments as messages, or translated (its
    lines are those of the reader's own file).  The example runner fills the
    diff after the page is read, so this waits until it is resolved."""
    if not _is_lesson(app, docname):
        return
    if app.builder.name == "gettext":
        for diff in list(_diff_blocks(doctree)):  # a box's lines, each on its own
            _messages_after(
                diff,
                [
                    c.message
                    for mark, code in _diff_lines(diff.astext())
                    if mark
                    for c in comments(code)
                ],
            )
        return
    if not translates(app):
        return
    translated = translator(app, docname)
    for diff in _diff_blocks(doctree):
        lines = [
            mark + (translate(code, translated)[0] if mark else code)
            for mark, code in _diff_lines(diff.astext())
        ]
        if "\n".join(lines) != diff.astext():
            diff.children = []
            diff += nodes.Text("\n".join(lines))


def translator(app: Sphinx, docname: str) -> Callable[[str], str]:
    """A message's translation from the page's catalog (itself when it has none)."""
    catalog = page_messages(app, docname)
    return lambda message: catalog.get(message, message)


def translated_code(code: str, translated: Callable[[str], str], location: Any) -> str:
    """``code`` with its comments translated; a warning at ``location`` for each
    comment translated on another number of lines (it stays in English)."""
    new, mismatched = translate(code, translated)
    for message in mismatched:
        logger.warning(
            "code comment translated on a different number of lines: %r",
            message,
            location=location,
            type="code_comments",
        )
    return new


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "code_comments_docnames",
        r"^(examples/(?!(.*/)?index$)|concepts/)",
        "env",
        types=[str],
        description="Regex of the pages whose code comments are translated "
        "(the lessons and the concept pages).",
    )
    app.setup_extension("i18n.catalogs")
    app.add_node(code_comments)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
