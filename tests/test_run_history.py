"""What each run took, kept so that the next build starts the slow ones first."""

from __future__ import annotations

import json
import os
import time

from example_runner import history


def test_runs_never_timed_start_first_then_the_slow_then_the_quick_in_file_order():
    seconds = {"slow": 9.0, "quick": 0.1, "middle": 2.0, "tie": 2.0, "quick 2": 1.9}
    order = ["quick", "new", "middle", "slow", "quick 2", "tie", "also new"]
    assert history.slow_first(order, str, seconds) == [
        "new",
        "also new",
        "slow",
        "middle",
        "tie",
        "quick",
        "quick 2",
    ]


def test_without_a_record_runs_keep_the_file_order():
    order = ["b", "a", "c"]
    assert history.slow_first(order, str, history.load("")) == order


def test_a_run_is_known_by_its_program_variant_and_start_method():
    one = history.key("print(1)", ("variant", 1), None)
    assert one == history.key("print(1)", ("variant", 1), None)
    assert one != history.key("print(2)", ("variant", 1), None)
    assert one != history.key("print(1)", ("variant", 2), None)
    assert one != history.key("print(1)", ("variant", 1), "spawn")


def test_what_a_build_saves_the_next_one_loads_and_the_rest_is_kept(tmp_path):
    path = str(tmp_path / "cache" / "run-times.json")
    history.save(path, {"a": 1.5, "b": 0.25})
    history.save(path, {"b": 3.0})
    assert history.load(path) == {"a": 1.5, "b": 3.0}
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["run-times.json"]


def test_entries_unused_for_a_month_are_dropped(tmp_path):
    path = tmp_path / "run-times.json"
    old = time.time() - (history.KEEP_DAYS + 1) * 86400
    path.write_text(json.dumps({"old": [5.0, old], "recent": [1.0, time.time()]}))
    history.save(str(path), {"new": 2.0})
    assert history.load(str(path)) == {"recent": 1.0, "new": 2.0}


def test_a_broken_or_missing_record_is_an_empty_one_and_is_replaced(tmp_path):
    path = tmp_path / "run-times.json"
    assert history.load(str(path)) == {}
    for broken in ("{not json", "[1, 2]", '{"a": "x"}', '{"a": []}'):
        path.write_text(broken)
        assert history.load(str(path)) == {}, broken
    history.save(str(path), {"a": 1.0})
    assert history.load(str(path)) == {"a": 1.0}


def test_a_record_that_cannot_be_written_does_not_stop_the_build(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    history.save(str(blocker / "run-times.json"), {"a": 1.0})  # no error
    assert os.listdir(tmp_path) == ["a file"]
