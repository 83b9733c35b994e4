"""The gallery built under each start method shows every line a terminal shows."""

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
    try_this_mismatches,
)


@pytest.fixture(scope="module", params=START_METHODS)
def method_site(request, tmp_path_factory):
    if request.param == multiprocessing.get_all_start_methods()[0]:
        # the platform's default (the first listed): the site fixture is built
        # under it already, as the README's `make html` builds it
        return request.getfixturevalue("site")
    folder = long_path(tmp_path_factory.mktemp(f"site-{request.param}"))
    copy, done = build_site(folder, MP_START_METHOD=request.param)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_page_is_complete_under_each_start_method(method_site, example, terminal_lines):
    page = page_of(method_site, example)
    assert not terminal_mismatches(page, method_site, example, terminal_lines)


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_try_this_answers_are_what_the_changed_lesson_prints_under_each_start_method(
    method_site, example, tmp_path, request
):
    method = request.node.callspec.params["method_site"]
    assert not try_this_mismatches(method_site, example, tmp_path, method)
