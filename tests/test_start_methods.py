"""The gallery built under each start method shows every line a terminal shows.

The site built as the README's ``make html`` builds it (the ``site`` fixture)
runs under the platform's default start method; under each other method the
English site alone is built (no Chinese pages, no offline copies: its pages
come from the same runs). Every page, and every try-this answer, is compared
with a terminal run of its download under that method (tests/terminal_runs.py
runs them in a pool while the site builds).
"""

from __future__ import annotations

import multiprocessing

import pytest

from example_runner import START_METHODS
from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    build_site,
    long_path,
    page_of,
    terminal_mismatches,
    try_this_jobs,
    try_this_mismatches,
)
from terminal_runs import lesson_job

DEFAULT = multiprocessing.get_all_start_methods()[0]  # the platform's


def _references(method: str | None) -> list:
    """Every terminal run the pages of a site built under ``method`` need."""
    jobs = []
    for example in EXAMPLES:
        jobs.append(lesson_job(example, method))
        jobs.extend(lesson_job(example, m) for m in START_METHODS)
        jobs.extend(try_this_jobs(example, method).values())
    return jobs


@pytest.fixture(scope="module", params=START_METHODS)
def method_site(request, tmp_path_factory, terminal_runs):
    """(the site built under the method, the method; None: the default)."""
    method = None if request.param == DEFAULT else request.param
    terminal_runs.prefetch(_references(method))
    if method is None:
        # the README's `make html` builds under the default already
        return request.getfixturevalue("site"), None
    folder = long_path(tmp_path_factory.mktemp(f"site-{method}"))
    copy, done = build_site(
        folder, MP_START_METHOD=method, LANGUAGES="en", OFFLINE="no"
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy, method


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_page_is_complete_under_each_start_method(method_site, example, terminal_lines):
    site, method = method_site
    page = page_of(site, example)
    assert not terminal_mismatches(page, site, example, terminal_lines, method)


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_try_this_answers_are_what_the_changed_lesson_prints_under_each_start_method(
    method_site, example, terminal_runs
):
    site, method = method_site
    assert not try_this_mismatches(site, example, terminal_runs, method)
