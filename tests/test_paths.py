"""Short paths in tracebacks, as PyMOTW shows them (example_runner/paths.py)."""

from __future__ import annotations

import os
import re
import sysconfig
from pathlib import Path

import pytest

from example_runner import paths
from example_runner.run import ExampleRun
from helpers import EXAMPLES, page_of

STDLIB = sysconfig.get_paths()["stdlib"]
PURELIB = sysconfig.get_paths()["purelib"]
LESSON = "/home/me/src/course/examples/05_join/join_one.py"


def test_the_lessons_own_file_is_shown_by_its_name():
    text = f'  File "{LESSON}", line 12, in <module>\n    child.join()\n'
    assert paths.shorten(text, LESSON) == (
        '  File "join_one.py", line 12, in <module>\n    child.join()\n'
    )


def test_the_fork_servers_search_path_is_shortened_and_its_underline_redrawn():
    # Python 3.14 quotes the fork server's command when its own start fails
    head = "    import sys; from multiprocessing.forkserver import main; "
    call = (
        "main(3, 5, ['__main__'], sys_argv=sys.argv[1:], **{'sys_path': "
        "['/tmp/build-1/examples/23', '/opt/hook'], 'main_path': "
        f"'{LESSON}', 'authkey_r': 7}})"
    )
    text = f"{head}{call}\n{' ' * len(head)}~~~~{'^' * (len(call) - 4)}\n"
    short = (
        "main(3, 5, ['__main__'], sys_argv=sys.argv[1:], **{'sys_path': [...], "
        "'main_path': 'join_one.py', 'authkey_r': 7})"
    )
    assert paths.shorten(text, LESSON) == (
        f"{head}{short}\n{' ' * len(head)}~~~~{'^' * (len(short) - 4)}\n"
    )


def test_a_file_next_to_the_lesson_is_shown_by_its_name_too():
    other = os.path.join(os.path.dirname(LESSON), "check_server.py")
    assert paths.shorten(f'File "{other}", line 3', LESSON) == (
        'File "check_server.py", line 3'
    )


def test_library_files_are_shown_from_inside_the_library():
    library = os.path.join(STDLIB, "multiprocessing", "process.py")
    text = f'  File "{library}", line 314, in _bootstrap\n'
    assert paths.shorten(text, LESSON) == (
        '  File ".../multiprocessing/process.py", line 314, in _bootstrap\n'
    )


def test_installed_packages_are_shown_from_inside_site_packages():
    package = os.path.join(PURELIB, "somepackage", "module.py")
    assert paths.shorten(f'File "{package}", line 1', LESSON) == (
        'File ".../somepackage/module.py", line 1'
    )


def test_a_warning_at_the_start_of_a_line_is_shortened():
    tracker = os.path.join(STDLIB, "multiprocessing", "resource_tracker.py")
    text = f"{tracker}:254: UserWarning: leaked semaphore\n"
    assert paths.shorten(text, LESSON) == (
        ".../multiprocessing/resource_tracker.py:254: UserWarning: leaked semaphore\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        'File "/etc/hosts", line 1',  # neither the lesson's nor the library's
        'File "/elsewhere/home/me/src/course/examples/05_join/x.py", line 1',
        'File "<string>", line 1, in <module>',
        "join_one.py said hello",
    ],
)
def test_other_text_is_left_as_it_is(text):
    assert paths.shorten(text, LESSON) == text


def test_shortening_twice_changes_nothing():
    library = os.path.join(STDLIB, "multiprocessing", "process.py")
    text = f'File "{LESSON}", line 1\nFile "{library}", line 2\n'
    once = paths.shorten(text, LESSON)
    assert paths.shorten(once, LESSON) == once


def _run(outputs: list[str], error: dict | None = None) -> ExampleRun:
    return ExampleRun(
        src_file=LESSON,
        rundir="/nowhere",
        outputs=outputs,
        figures={},
        error=error,
        returncode=1 if error else 0,
        timed_out=False,
    )


def test_runs_are_shortened_in_place_and_a_page_with_a_traceback_says_so():
    library = os.path.join(STDLIB, "multiprocessing", "process.py")
    child = (
        "Process Process-1:\nTraceback (most recent call last):\n"
        f'  File "{library}", line 314, in _bootstrap\n'
    )
    main = f'Traceback (most recent call last):\n  File "{LESSON}", line 9\n'
    quiet, failing = _run(["hello\n"]), _run(["hi\n", child], {"traceback": main})
    note = paths.shorten_runs([quiet, failing])
    assert ".. runner-paths-note::" in note
    short = 'File ".../multiprocessing/process.py", line 314, in _bootstrap\n'
    assert failing.outputs[1].endswith(short)
    assert failing.error is not None
    assert failing.error["traceback"].endswith('  File "join_one.py", line 9\n')
    assert paths.shorten_runs([_run(["no traceback here\n"])]) == ""


# -- On the built pages --------------------------------------------------------

_NOTE = re.compile(r'<p class="runner-paths-note">([^<]+)</p>')


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_pages_show_no_build_paths_and_say_once_that_paths_are_short(site, language):
    shown, problems = 0, []
    for example in EXAMPLES:
        page = page_of(site, example, language)
        text = page.read_text(encoding="utf-8")
        notes = _NOTE.findall(text)
        if "Traceback (most recent call last)" in text:
            shown += 1
            if len(notes) != 1:
                problems.append(f"{page.name}: {len(notes)} notes about short paths")
        elif notes:
            problems.append(f"{page.name}: a note about short paths, no traceback")
        for build_path in (str(site), STDLIB, str(Path(PURELIB))):
            if build_path in text:
                problems.append(f"{page.name} shows {build_path}")
        if re.search(r"File &quot;/|File \"/", text):
            problems.append(f"{page.name} shows an absolute path in a traceback")
        if language == "zh_CN" and any(
            not re.search("[\u4e00-\u9fff]", n) for n in notes
        ):
            problems.append(f"{page.name}: the note is not in Chinese")
    assert shown >= 5, "pages with a traceback: the lessons of common mistakes"
    assert not problems, "\n".join(problems)
