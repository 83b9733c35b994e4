"""Every lesson has a "Try this" box whose answer is a real run of the changed lesson.

The box's output on the page is compared with a terminal run of the lesson
with the same change made, as every other output is (test_start_methods.py).
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from example_runner import try_this
from helpers import (
    EXAMPLE_IDS,
    EXAMPLES,
    LEAK_VARIABLE,
    ROOT,
    describe,
    line_multiset,
    long_path,
    page_of,
    run_in_terminal,
    try_this_outputs,
    wait_until_no_process,
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
    assert sorted(shown) == [box.number for box in boxes]
    assert text.count('<details class="folded try-this-answer">') == len(boxes)


@pytest.mark.parametrize("example", EXAMPLES, ids=EXAMPLE_IDS)
def test_try_this_answer_is_what_the_changed_lesson_prints_in_a_terminal(
    site, example, tmp_path
):
    boxes, blocks = boxes_of(example)
    if not boxes:
        pytest.skip("no try-this box (the test above fails for it)")
    shown = try_this_outputs(page_of(site, example))
    code = [b for b in blocks if b.type == "code"]
    source = example.read_text(encoding="utf-8")
    for box in boxes:
        if box.expect == "timeout":
            continue  # a terminal shows what it printed until Ctrl-C: not compared
        # the changed lesson, next to its folder's other files, as a reader has it
        root = long_path(tmp_path / f"box{box.number}")
        folder = root / "examples" / example.parent.name
        shutil.copytree(example.parent, folder)
        changed = folder / example.name
        changed.write_text(
            try_this.changed_source(example.name, box, source, code), encoding="utf-8"
        )
        cwd = root / "cwd"
        cwd.mkdir()
        token = uuid.uuid4().hex
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        env[LEAK_VARIABLE] = token
        output, status = run_in_terminal(
            changed,
            cwd,
            env,
            timeout=box.timeout or 120,
            start_method=box.start_method,
        )
        left = wait_until_no_process(token)
        assert not left, f"{example.name} box {box.number} left:\n" + describe(left)
        if box.expect is None:
            assert status == 0, f"box {box.number} exited with {status}:\n{output}"
        expected = line_multiset(output, root, lesson=changed)
        got = line_multiset(shown[box.number], site)
        assert got == expected, (
            f"box {box.number}: missing from the page: {dict(expected - got)}\n"
            f"not in a terminal run: {dict(got - expected)}"
        )
