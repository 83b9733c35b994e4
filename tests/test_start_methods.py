"""The gallery built under each start method shows every line a terminal shows."""

from __future__ import annotations

import pytest

from example_runner import START_METHODS
from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    build_site,
    line_multiset,
    long_path,
    page_of,
    page_outputs,
)


@pytest.fixture(scope="module", params=START_METHODS)
def method_site(request, tmp_path_factory):
    folder = long_path(tmp_path_factory.mktemp(f"site-{request.param}"))
    copy, done = build_site(folder, MP_START_METHOD=request.param)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_page_is_complete_under_each_start_method(method_site, example, terminal_lines):
    shown = line_multiset(
        "".join(page_outputs(page_of(method_site, example))), method_site
    )
    expected = terminal_lines(example)
    assert shown == expected, (
        f"missing from the page: {dict(expected - shown)}\n"
        f"not in a terminal run: {dict(shown - expected)}"
    )
