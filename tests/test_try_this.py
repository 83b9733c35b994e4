"""Every lesson has a "Try this" box whose answer is a real run of the changed lesson.

test_start_methods.py compares each box's output with a terminal run of the
lesson with the same change made, under each start method, as every other
output (``helpers.try_this_mismatches``).
"""

from __future__ import annotations

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from example_runner import try_this
from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    ROOT,
    needs_python,
    page_of,
    try_this_outputs,
)

LANGUAGES = ("en", "zh_CN")


def boxes_of(example):
    _conf, blocks = split_code_and_text_blocks(str(example))
    return try_this.read(str(example.relative_to(ROOT)), blocks), blocks


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_lesson_page_has_a_try_this_box_with_a_real_answer(
    site, example, language
):
    page = page_of(site, example, language)
    text = page.read_text(encoding="utf-8")
    assert '<aside class="try-this"' in text, f"{example.name}: no try-this box"
    shown = try_this_outputs(page)
    boxes, _blocks = boxes_of(example)
    needs = needs_python(example)
    if needs is None:
        assert sorted(shown) == [box.number for box in boxes]
    else:  # nothing ran: each box says which Python would run it
        assert shown == {}
        assert text.count("runner-needs") == 1 + len(boxes)
    assert text.count('<details class="folded try-this-answer">') == len(boxes)
