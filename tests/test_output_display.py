"""How a run's output is drawn: the exception of every traceback marked, so the
page can keep it in view (example_runner/display.py; the browser checks the
result in test_browser.py)."""

from __future__ import annotations

import html
import re

from example_runner import display

TWO_WORKERS = """\
main: Ctrl-C!
Process worker 1:
Process worker 2:
Traceback (most recent call last):
Traceback (most recent call last):
  File ".../multiprocessing/process.py", line 314, in _bootstrap
    self.run()
KeyboardInterrupt
  File ".../multiprocessing/process.py", line 314, in _bootstrap
    self.run()
    ^^^^^^^^^^
KeyboardInterrupt
main: done
"""

NO_MAIN_GUARD = (
    "Traceback (most recent call last):\n"
    '  File "<string>", line 1, in <module>\n'
    "RuntimeError: \n"  # multiprocessing's message starts on the next line
    """\
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
"""
)


def marked(text: str) -> list[str]:
    lines = text.splitlines()
    return [lines[i] for i in sorted(display.exception_lines(lines))]


def test_each_interleaved_traceback_has_its_exception_marked():
    assert marked(TWO_WORKERS) == ["KeyboardInterrupt", "KeyboardInterrupt"]


def test_an_indented_message_belongs_to_its_exception_up_to_a_blank_line():
    assert marked(NO_MAIN_GUARD) == NO_MAIN_GUARD.splitlines()[2:5]


def test_output_without_a_traceback_marks_nothing():
    text = "KeyboardInterrupt\nValueError: not a traceback's\n  File 'x'\n"
    assert marked(text) == []
    assert "runner-has-exception" not in display.output_block(text)


def test_a_chained_traceback_marks_both_exceptions_but_not_the_words_between():
    text = (
        "Traceback (most recent call last):\n"
        '  File "a.py", line 1, in <module>\n'
        "KeyError: 'x'\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        '  File "a.py", line 3, in <module>\n'
        "ValueError: no x\n"
    )
    assert marked(text) == ["KeyError: 'x'", "ValueError: no x"]


def test_the_block_says_it_holds_an_exception_and_keeps_every_character():
    block = display.output_block(TWO_WORKERS, moved=[7])
    assert 'class="sphx-glr-script-out runner-has-exception' in block
    spans = re.findall(r'<span class="runner-exception">(.*?)</span>', block)
    assert len(spans) == 2
    # the page's text is the program's, tags aside
    assert html.unescape(re.sub(r"<[^>]+>", "", block)) == TWO_WORKERS
