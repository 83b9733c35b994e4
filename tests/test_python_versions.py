"""What a lesson says changes with the Python version holds on this Python.

A lesson whose outcome depends on the version declares it per version
(``sphinx_gallery_expect = {"forkserver": {"3.11": "success", "3.13.8":
"ConnectionResetError", ...}}``) and its prose says what changes from which
version. The build holds its own runs to this Python's entry; here a terminal
run of the download does, under each start method, so the suite run on 3.11
and on 3.14 (.ci/run) proves each claim on both.
"""

from __future__ import annotations

import multiprocessing
import sys

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from helpers import ROOT, RUN_HERE
from terminal_runs import lesson_job


def _by_version(example) -> dict:
    """{start method or None: {version: outcome}} of a lesson's by-version claims."""
    file_conf, _ = split_code_and_text_blocks(str(example))
    expect = file_conf.get("expect")
    if not isinstance(expect, dict):
        return {}
    if all(isinstance(v, dict) for v in expect.values()):
        return expect  # by start method, then by version
    if all(isinstance(v, str) for v in expect.values()) and all(
        k[:1].isdigit() for k in expect
    ):
        return {None: expect}
    return {m: v for m, v in expect.items() if isinstance(v, dict)}


CLAIMS = [
    (example, method)
    for example in RUN_HERE
    for method in _by_version(example)
    if method is None or method in multiprocessing.get_all_start_methods()
]


def test_some_lesson_claims_a_change_between_versions():
    # no_main_guard: from 3.13.8 and 3.14.1 the fork server imports the script
    assert (ROOT / "examples/23_common_mistakes/no_main_guard.py", "forkserver") in {
        (e, m) for e, m in CLAIMS
    }


@pytest.mark.parametrize(
    ("example", "method"),
    CLAIMS,
    ids=[f"{e.relative_to(ROOT / 'examples')}-{m}" for e, m in CLAIMS],
)
def test_a_terminal_run_ends_as_the_lesson_says_for_this_python(
    example, method, terminal_runs
):
    job = lesson_job(example, method)
    found = terminal_runs.get(job)
    version = ".".join(map(str, sys.version_info[:3]))
    assert not found.problems, f"on Python {version}: " + "\n".join(found.problems)
    if job.expect is None:  # "success" on this Python
        assert found.status == 0
