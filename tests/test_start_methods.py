"""The gallery built under each start method shows every line a terminal shows.

The site built as the README's ``make html`` builds it (the ``site`` fixture)
runs under the platform's default start method; under each other method the
English site alone is built (no Chinese pages, no offline copies: its pages
come from the same runs), from the session's start (conftest's
``site_builds``). Every page, and every try-this answer, is compared with a
terminal run of its download under that method (tests/terminal_runs.py runs
them in a pool while the sites build).
"""

from __future__ import annotations

import pytest

from example_runner import START_METHODS
from helpers import (
    DEFAULT_START_METHOD,
    EXAMPLE_IDS,
    EXAMPLES,
    page_of,
    terminal_mismatches,
    try_this_mismatches,
)


@pytest.fixture(scope="module", params=START_METHODS)
def method_site(request, site_builds):
    """(the site built under the method, the method; None: the default)."""
    if request.param == DEFAULT_START_METHOD:
        # the README's `make html` builds under the default already
        return request.getfixturevalue("site"), None
    copy, done = site_builds[request.param].result()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy, request.param


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
