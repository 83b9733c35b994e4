"""A lesson's download reads as a plain Python script, in the page's language,
line for line (gallery/plain_download.py; the built downloads are checked in
test_code_comments.py)."""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from gallery.plain_download import plain, plain_script
from helpers import EXAMPLE_IDS, EXAMPLES
from i18n.line_wrap import width, wrap

LESSON = '''\
"""
Daemon processes
================

A daemon process is a helper that runs in the background, see
:ref:`sphx_glr_examples_15_unix_daemons_daemon_lets_go.py` and ``daemon=True``.
"""

# sphinx_gallery_teaches = []

import time

# %%
# The fix
# -------
# Make it a **daemon** (see `the docs <https://docs.python.org/3/>`_):
#
# - before ``start()``;
# - never after.

time.sleep(0.1)  # a short wait

# %%
# .. try-this::
#    :change: p.start()
#    :to: p.daemon = False\\np.start()
#    :expect: timeout
#
#    Make it a normal child.
#
#    .. answer::
#
#       It never ends.
'''

# reST a reader would see: roles, directives, link targets, settings; and double
# backquotes in comments (a docstring in the code may use them, as Python's do)
MARKUP = re.compile(
    r":(ref|doc|download|func|mod):`|^\s*#?\s*\.\. |sphinx_gallery_|>`_|^\s*#.*``"
)


def titles(role: str, target: str) -> str:
    return {"sphx_glr_examples_15_unix_daemons_daemon_lets_go.py": "Let it go"}.get(
        target, target
    )


def code_tokens(source: str) -> list[tuple[int, str]]:
    """The program's tokens: no comment, no line structure, no docstring's words."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING}
    skip |= {tokenize.INDENT, tokenize.DEDENT}
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    found = [(t.type, t.string) for t in tokens if t.type not in skip]
    if found and found[0][0] == tokenize.STRING:
        found[0] = (tokenize.STRING, "the docstring")
    return found


def test_the_prose_is_plain_and_every_line_stays_where_it_was():
    plain_lesson = plain_script(LESSON, str, titles)
    lines = plain_lesson.split("\n")
    assert len(lines) == len(LESSON.split("\n"))
    assert not [line for line in lines if MARKUP.search(line)]
    assert lines[4:6] == [
        "A daemon process is a helper that runs in the background, see Let it go and",
        "`daemon=True`.",
    ]
    assert lines[8] == ""  # the setting's line, left empty
    assert lines[13:16] == [
        "# The fix",
        "# -------",
        ("# Make it a daemon (see the docs (https://docs.python.org/3/)):"),
    ]
    assert lines[17:19] == ["# - before `start()`;", "# - never after."]
    assert lines[20] == "time.sleep(0.1)  # a short wait"  # code, as it was
    box = lines[23:33]
    assert box[0] == "# Try this:"
    assert box[1:3] == [
        "#    change this line: `p.start()`",
        "#    into:             `p.daemon = False; p.start()`",
    ]
    assert box[3] == "#"  # :expect: is for the build
    assert "#    Make it a normal child." in box
    assert "#    Answer:" in box and "#       It never ends." in box


def test_a_translation_takes_the_lines_of_the_original():
    chinese = {
        "Make it a **daemon** (see `the docs <https://docs.python.org/3/>`_):": (
            "把它设为\\ **守护进程**\\ （参见\\ "
            "`文档 <https://docs.python.org/3/>`_\\ ）："
        ),
        "Make it a normal child.": "把它改成普通子进程。" * 12,  # longer than a line
        "The fix": "修正方法",
    }
    lines = plain_script(LESSON, lambda m: chinese.get(m, m), titles).split("\n")
    assert len(lines) == len(LESSON.split("\n"))
    assert lines[13:15] == ["# 修正方法", "# --------"]  # two columns a character
    assert lines[15] == "# 把它设为守护进程（参见文档 (https://docs.python.org/3/)）："
    # one line in English, one line in Chinese: a long one
    long = [line for line in lines if "普通子进程" in line]
    assert len(long) == 1 and width(long[0]) > 88


def test_wrapping_fills_exactly_the_lines_it_is_given():
    text = "一二三四五六七八九十" * 10 + " `code that stays whole` 然后结束。"
    for count in (1, 2, 3, 6):
        lines = wrap(text, count, "", "")
        assert len(lines) == count
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
        assert not any(line.count("`") % 2 for line in lines)


def test_roles_become_the_words_the_reader_sees():
    def title(role, target):
        return f"[{role} {target}]"

    assert plain(":doc:`check_the_homework`", title) == "[doc check_the_homework]"
    assert plain(":ref:`the lock <sphx_glr_x.py>`", title) == "the lock"
    download = ":download:`homework_server.py </../x/homework_server.py>`"
    assert plain(download, title) == "homework_server.py"
    assert plain(":func:`os.fork`", title) == "`os.fork`"
    assert plain("``a*b`` and *this*", title) == "`a*b` and this"


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_lesson_becomes_a_plain_script_with_the_same_program(example):
    source = example.read_text(encoding="utf-8")
    script = plain_script(source, str, lambda role, target: "a title")
    assert code_tokens(script) == code_tokens(source)
    assert len(script.split("\n")) == len(source.split("\n"))
    leftovers = [line for line in script.split("\n") if MARKUP.search(line)]
    assert not leftovers, leftovers
