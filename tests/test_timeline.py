"""The recorded timeline of a run: its processes, parents, events; no side effects."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

import process_timeline
from example_runner import START_METHODS, run
from helpers import EXAMPLES, FIXTURES, OFFERED, page_of
from process_timeline import model

METHODS = list(START_METHODS)


def record(name, tmp_path, method=None, timeline=True):
    """Run a fixture, recording its timeline or not; its events are .timeline."""
    path = FIXTURES / "timeline" / name
    _, blocks = split_code_and_text_blocks(str(path))
    code = [b for b in blocks if b.type == "code"]
    rundir = str(tmp_path)
    env = process_timeline.recording_environment(rundir) if timeline else {}
    result = run.run_example(path, code, rundir, start_method=method, extra_env=env)
    assert result.returncode == 0, result.outputs
    result.timeline = process_timeline.recorded_events(rundir)
    return result


@pytest.mark.parametrize("method", METHODS)
def test_three_children_joined_one_by_one(method, tmp_path, leak_token):
    timeline = model.build(record("joined_in_turn.py", tmp_path, method).timeline)
    main, *children = timeline.rows
    assert main.name == "MainProcess" and main.parent is None
    assert [c.name for c in children] == ["child-1", "child-2", "child-3"]
    assert all(c.parent == main.pid and c.depth == 1 for c in children)
    assert all(c.exitcode == 0 for c in children)
    joined = [child for _, _, child in main.joins]
    assert joined == [c.pid for c in children]  # in this order
    for (t0, t1, _), child in zip(main.joins, children, strict=True):
        assert t0 <= t1 and t1 >= child.end - 0.05


@pytest.mark.parametrize("method", METHODS)
def test_daemon_is_cut_off_when_the_main_code_ends(method, tmp_path, leak_token):
    timeline = model.build(record("daemon_cut_off.py", tmp_path, method).timeline)
    main, daemon = timeline.rows
    assert daemon.daemon and daemon.name == "watcher"
    (when, sig), *_ = daemon.signals
    assert model.signal_name(sig) == "SIGTERM"
    assert when >= timeline.code_end  # after the main code ended
    assert daemon.exitcode == -15 or daemon.exitcode is None


@pytest.mark.parametrize("method", METHODS)
def test_lock_is_held_by_each_process_in_turn(method, tmp_path, leak_token):
    timeline = model.build(record("lock_in_turn.py", tmp_path, method).timeline)
    (lock,) = timeline.locks
    assert timeline.locks[lock]["kind"] == "Lock"
    holds = sorted(h[:2] for row in timeline.rows for h in row.holds)
    assert len(holds) == 3
    assert len({row.pid for row in timeline.rows if row.holds}) == 3
    for (_, end), (start, _) in zip(holds, holds[1:], strict=False):
        assert end <= start  # never two holders at once
    assert model.most_inside(timeline, lock) == 1


@pytest.mark.parametrize("method", METHODS)
def test_semaphore_of_two_never_has_three_inside(method, tmp_path, leak_token):
    timeline = model.build(record("semaphore_of_two.py", tmp_path, method).timeline)
    (sem,) = timeline.locks
    assert timeline.locks[sem]["kind"] == "Semaphore"
    assert sum(len(row.holds) for row in timeline.rows) == 5
    assert model.most_inside(timeline, sem) == 2


@pytest.mark.parametrize(
    "name", ["joined_in_turn.py", "lock_in_turn.py", "semaphore_of_two.py"]
)
def test_recording_does_not_change_the_output(name, tmp_path, leak_token):
    recorded = record(name, tmp_path / "a", timeline=True)
    plain = record(name, tmp_path / "b", timeline=False)
    assert plain.timeline == [] and len(recorded.timeline) > 10
    lines = [Counter("".join(r.outputs).splitlines()) for r in (recorded, plain)]
    assert lines[0] == lines[1]


def test_the_downloads_are_the_untouched_lessons(site):
    downloads = site / "_build" / "html" / "en" / "_downloads"
    scripts = {p.name: p.read_bytes() for p in downloads.rglob("*.py")}
    assert set(scripts) == {p.name for p in EXAMPLES + OFFERED}
    for example in EXAMPLES + OFFERED:
        assert scripts[example.name] == example.read_bytes(), example.name


def test_timeline_survives_a_round_trip_through_its_saved_form(tmp_path, leak_token):
    built = model.build(record("lock_in_turn.py", tmp_path).timeline)
    assert model.Timeline.from_json(built.to_json()) == built


def test_every_recorded_event_is_declared_with_its_fields(tmp_path, leak_token):
    from process_timeline import events

    recorded = record("semaphore_of_two.py", tmp_path, "spawn").timeline
    kinds = {e["ev"] for e in recorded}
    assert {"main", "code_end", "spawned", "start", "end", "acquire"} <= kinds
    for e in recorded:
        assert set(e) - {"t", "pid", "ev"} == set(events.FIELDS[e["ev"]]), e
    assert set(events.APPLY) == set(events.FIELDS)


MULTIPROCESSING = [
    e
    for e in EXAMPLES
    if re.search(r"^\s*(from|import) (multiprocessing|concurrent)", e.read_text(), re.M)
]


@pytest.mark.parametrize("example", MULTIPROCESSING, ids=lambda p: p.name)
def test_every_multiprocessing_page_has_its_timeline_in_both_languages(site, example):
    for language, word in (("en", "alive"), ("zh_CN", "存活")):
        text = page_of(site, example, language).read_text(encoding="utf-8")
        assert '<figure class="process-timeline"' in text, language
        assert f">{word}</text>" in text, language
        assert "<details><summary>" in text  # the same facts in words


@pytest.mark.parametrize("example", MULTIPROCESSING, ids=lambda p: p.name)
def test_gallery_thumbnail_is_the_timeline(site, example):
    from PIL import Image

    from process_timeline.svg import LIFE

    thumb = (
        site
        / "_build"
        / "html"
        / "en"
        / "_images"
        / (f"sphx_glr_{example.stem}_thumb.png")
    )
    with Image.open(thumb) as image:
        colours = {c for _, c in image.convert("RGB").getcolors(1 << 16)}
    life = tuple(int(LIFE[i : i + 2], 16) for i in (1, 3, 5))
    assert life in colours, "the thumbnail shows no timeline bar"


def test_a_failed_start_shows_no_frame_of_the_recorder(tmp_path, leak_token):
    path = FIXTURES / "examples" / "fails_under_spawn.py"
    _, blocks = split_code_and_text_blocks(str(path))
    code = [b for b in blocks if b.type == "code"]
    env = process_timeline.recording_environment(str(tmp_path))
    result = run.run_example(
        path, code, str(tmp_path), start_method="spawn", extra_env=env
    )
    assert "PicklingError" in result.error["traceback"]
    assert "process_timeline" not in result.error["traceback"]


@pytest.mark.parametrize("method", METHODS)
def test_the_wait_for_children_at_exit_is_the_implicit_join(method, tmp_path, leak_token):
    timeline = model.build(record("never_joined.py", tmp_path, method).timeline)
    main, *children = timeline.rows
    assert main.joins == []  # the code calls no join()
    assert sorted(child for _, _, child in main.exit_joins) == sorted(
        c.pid for c in children
    )
    t0, t1 = main.exit_wait()
    assert timeline.code_end <= t0 < t1
    assert t1 >= max(c.end for c in children) - 0.05


@pytest.mark.parametrize("method", METHODS)
def test_workers_stopped_by_the_pools_terminate_say_so(method, tmp_path, leak_token):
    timeline = model.build(record("pool_left_busy.py", tmp_path, method).timeline)
    main, *workers = timeline.rows
    stopped = [w for w in workers if w.stopped_by is not None]
    assert stopped, "the busy worker was not stopped"
    for worker in stopped:
        _, sig, by = worker.stopped_by
        assert (model.signal_name(sig), by) == ("SIGTERM", "pool")
    assert all(by == "pool" for w in workers for _, _, by in w.signals)
