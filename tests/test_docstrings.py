"""Docstrings in code are messages, paragraph by paragraph, translated in place."""

from __future__ import annotations

import ast

from i18n import code_comments, docstrings  # docs/_ext is on the path (conftest.py)

CODE = '''"""
Check a server
==============

Usage:

- ``check HOST PORT`` checks a server that is
  already running.
    python check.py 127.0.0.1 8000

The exit status is 0 when no check failed,
1 otherwise.
"""

import sys  # the arguments


def ask(address):
    """Send one line and return the answer."""
    return address


class Client:
    """A client.

    It sends one line.
    """
'''

CHINESE = {
    "Check a server": "检查服务器",
    "Usage:": "用法：",
    "- ``check HOST PORT`` checks a server that is already running.": (
        "- ``check HOST PORT`` 检查一个已经在运行的服务器，" + "它会逐项检查。" * 8
    ),
    "The exit status is 0 when no check failed, 1 otherwise.": (
        "没有检查失败时退出状态为 0，否则为 1。"
    ),
    "Send one line and return the answer.": "发送一行并返回回答。",
    "A client.": "一个客户端。",
    "It sends one line.": "它发送一行。",
    "the arguments": "命令行参数",
}


def translated(message: str) -> str:
    return CHINESE.get(message, message)


def test_each_paragraph_of_a_docstring_is_a_message():
    found = [p.message for p in docstrings.paragraphs(CODE)]
    assert found == [
        "Check a server",
        "Usage:",
        "- ``check HOST PORT`` checks a server that is already running.",
        "The exit status is 0 when no check failed, 1 otherwise.",
        "Send one line and return the answer.",
        "A client.",
        "It sends one line.",
    ]


def test_a_deeper_line_and_a_title_underline_are_no_prose():
    messages = [p.message for p in docstrings.paragraphs(CODE)]
    assert not any("127.0.0.1" in m or "===" in m for m in messages)


def test_code_messages_are_comments_and_docstrings_in_line_order():
    found = code_comments.messages(CODE)
    assert found.index("The exit status is 0 when no check failed, 1 otherwise.") < (
        found.index("the arguments")
    )
    assert found.index("the arguments") < found.index("A client.")


def test_a_translated_docstring_keeps_the_lines_and_the_code():
    new, mismatched = code_comments.translate(CODE, translated)
    assert mismatched == []
    lines, old = new.split("\n"), CODE.split("\n")
    assert len(lines) == len(old)
    assert ast.dump(_emptied(ast.parse(new))) == ast.dump(_emptied(ast.parse(CODE)))
    assert lines[1:3] == ["检查服务器", "=" * 10]  # two columns a character
    assert lines[6].startswith("- ``check HOST PORT`` 检查")
    assert lines[7].startswith("  ")  # the list item's own indentation
    assert lines[8] == "    python check.py 127.0.0.1 8000"  # kept as it was
    assert lines[10] == "没有检查失败时退出状态为 0，否则为 1。"
    assert lines[11] == ""  # a line less: an empty one
    assert lines[12] == '"""'
    assert lines[14] == "import sys  # 命令行参数"
    assert lines[18] == '    """发送一行并返回回答。"""'
    assert lines[23:27] == ['    """一个客户端。', "", "    它发送一行。", '    """']


def test_a_docstring_without_translation_stays_as_it_is():
    assert docstrings.translate(CODE, str) == CODE


def test_code_that_does_not_parse_has_no_docstrings():
    assert docstrings.paragraphs('    """Indented, alone."""') == []
    assert docstrings.paragraphs("def f(:") == []


def _emptied(tree: ast.Module) -> ast.Module:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return tree
