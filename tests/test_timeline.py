"""The recorded timeline of a run: its processes, parents, events; no side effects."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

import process_timeline
from example_runner import START_METHODS, run
from helpers import EXAMPLES, FIXTURES, OFFERED, ROOT, RUN_HERE, page_of
from process_timeline import model, svg
from process_timeline.model import Row, Timeline

METHODS = list(START_METHODS)


def facts_in_words(timeline):
    """The timeline's facts, one line per process, as the page lists them
    under the chart ("The timeline in words")."""
    markup = svg.render(timeline, "en", "t")
    listed = re.search(r"<details><summary>.*?</summary><ul>(.*?)</ul>", markup, re.S)
    assert listed, markup
    return [html.unescape(line) for line in re.findall(r"<li>(.*?)</li>", listed[1])]


def chart_description(timeline):
    """The same facts in one text: the chart's description for screen readers."""
    markup = svg.render(timeline, "en", "t")
    described = re.search(r'<desc id="t-d"[^>]*>(.*?)</desc>', markup, re.S)
    assert described, markup
    return html.unescape(described[1])


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
    ((when, target, sig, by, ended),) = main.calls  # drawn at the caller
    assert (target, model.signal_name(sig), by, ended) == (
        daemon.pid,
        "SIGTERM",
        "exit",
        False,
    )
    assert when >= timeline.code_end  # after the main code ended
    assert daemon.exitcode == -15 and daemon.end == when


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


@pytest.mark.parametrize("method", METHODS)
def test_only_the_lessons_own_locks_are_recorded(method, tmp_path, leak_token):
    # multiprocessing's own locks (a Value's, a Queue's) are never drawn, and
    # each recorded use slows the lesson down: the 300 uses of the Value's lock
    # in the child leave no event, under spawn and forkserver too
    result = record("value_lock_in_a_loop.py", tmp_path, method)
    assert "done 300" in "".join(result.outputs)
    made = {e["lock"]: e["internal"] for e in result.timeline if e["ev"] == "lock_new"}
    (own,) = [lock for lock, internal in made.items() if not internal]
    assert len(made) > 1  # the Value's and the Queue's locks were made too
    uses = ("acquire", "release")
    used = Counter(e["lock"] for e in result.timeline if e["ev"] in uses)
    assert used == {own: 2}, used
    (row,) = [row for row in model.build(result.timeline).rows if row.holds]
    assert [lock for *_, lock in row.holds] == [own]


@pytest.mark.parametrize(
    "name",
    [
        "joined_in_turn.py",
        "lock_in_turn.py",
        "semaphore_of_two.py",
        "value_lock_in_a_loop.py",
    ],
)
def test_recording_does_not_change_the_output(name, tmp_path, leak_token):
    recorded = record(name, tmp_path / "a", timeline=True)
    plain = record(name, tmp_path / "b", timeline=False)
    assert plain.timeline == [] and len(recorded.timeline) > 10
    lines = [Counter("".join(r.outputs).splitlines()) for r in (recorded, plain)]
    assert lines[0] == lines[1]


def test_the_downloads_are_the_lessons_line_for_line_and_the_files_they_offer(site):
    """No recorder and no runner in what a reader downloads: the lessons as plain
    scripts, line for line (test_code_comments.py), the files they offer as
    they are."""
    downloads = site / "_build" / "html" / "en" / "_downloads"
    scripts = {p.name: p.read_bytes() for p in downloads.rglob("*.py")}
    assert set(scripts) == {p.name for p in EXAMPLES + OFFERED}
    for example in EXAMPLES:
        lines = scripts[example.name].split(b"\n")
        assert len(lines) == len(example.read_bytes().split(b"\n")), example.name
        assert not any(b"process_timeline" in line for line in lines), example.name
    for offered in OFFERED:
        assert scripts[offered.name] == offered.read_bytes(), offered.name


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


# (a lesson this Python does not run has neither: helpers.RUN_HERE)
MULTIPROCESSING = [
    e
    for e in RUN_HERE
    if re.search(r"^\s*(from|import) (multiprocessing|concurrent)", e.read_text(), re.M)
]


@pytest.mark.parametrize("example", MULTIPROCESSING, ids=lambda p: p.name)
def test_every_multiprocessing_page_has_its_timeline_in_both_languages(site, example):
    for language, word in (("en", "alive"), ("zh_CN", "存活")):
        text = page_of(site, example, language).read_text(encoding="utf-8")
        assert '<figure class="process-timeline"' in text, language
        assert f"{word}</li>" in text, language  # the chart's legend
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


def test_every_lessons_thumbnail_shows_the_start_of_what_it_printed(site):
    """No placeholder in the gallery: a lesson without figures of its own gets a
    thumbnail drawn from its own run, a terminal's colours with its first lines
    (so no two are alike)."""
    import hashlib

    from PIL import Image

    from process_timeline.thumbnail import SIZE, TERMINAL

    terminal = tuple(int(TERMINAL[i : i + 2], 16) for i in (1, 3, 5))
    html_dir = site / "_build" / "html" / "en"
    seen, problems = {}, []
    for example in EXAMPLES:
        if "sphx-glr-single-img" in page_of(site, example).read_text(encoding="utf-8"):
            continue  # its own figure is its thumbnail
        thumb = html_dir / "_images" / f"sphx_glr_{example.stem}_thumb.png"
        with Image.open(thumb) as image:
            rgb = image.convert("RGB")
            counts = {c: n for n, c in rgb.getcolors(1 << 16)}
            # the text's pixels: light ones on the terminal's background
            light = sum(n for c, n in counts.items() if 200 < min(c) < 255)
        if rgb.size != SIZE or counts.get(terminal, 0) < 0.2 * SIZE[0] * SIZE[1]:
            problems.append(f"{example.name}: not drawn from its run")
        elif light < 200:
            problems.append(f"{example.name}: no printed line on its thumbnail")
        digest = hashlib.sha256(thumb.read_bytes()).hexdigest()
        if digest in seen:
            problems.append(f"{example.name}: the same thumbnail as {seen[digest]}")
        seen[digest] = example.name
    assert not problems, "\n".join(problems)
    assert len(seen) >= len(EXAMPLES) - 3


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
def test_the_wait_for_children_at_exit_is_the_implicit_join(
    method, tmp_path, leak_token
):
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
    stopped = [w for w in workers if w.killed_by is not None]
    assert stopped, "the busy worker was not stopped"
    assert all(model.signal_name(w.killed_by) == "SIGTERM" for w in stopped)
    called = {target for _, target, _, _, _ in main.calls}
    assert {w.pid for w in stopped} <= called
    assert all((sig, by) == (15, "pool") for _, _, sig, by, _ in main.calls)
    assert all(not w.calls for w in workers)


# -- How each process ended: its real exit status --------------------------------

FIXTURE_LESSONS = sorted(p.name for p in (FIXTURES / "timeline").glob("*.py"))
# The children whose status a fixture cannot print (it is read after its main
# code, or never), and how they end.
NOT_PRINTED = {
    "daemon_cut_off.py": {"watcher": -15},  # terminate()d at exit, then joined
    "never_joined.py": {"child-1": 0, "child-2": 0},  # joined at exit
    "lost_grandchild.py": {"grandchild": None},  # its parent died first
}
PRINTED = re.compile(r"^exit status of (\S+): (-?\d+)$", re.M)


def ending(exitcode):
    """How the timeline says a child with this status ended."""
    if exitcode is None:
        return "exit status unknown"
    if exitcode < 0:
        return f"killed by {model.signal_name(-exitcode)} (exit code {exitcode})"
    return f"exit code {exitcode}"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", FIXTURE_LESSONS)
def test_every_timeline_ends_each_process_as_it_really_ended(
    name, method, tmp_path, leak_token
):
    """The end of every child's bar, in the chart and in words, is its exit
    status as the run's own multiprocessing reported it (``p.exitcode``)."""
    result = record(name, tmp_path, method)
    output = "".join(result.outputs)
    statuses = {n: int(code) for n, code in PRINTED.findall(output)}
    statuses |= NOT_PRINTED.get(name, {})
    timeline = model.build(result.timeline)
    children = timeline.rows[1:]
    assert sorted(statuses) == sorted(row.name for row in children), output
    markup = svg.render(timeline, "en", "t")
    words = {line.split(": alive ")[0]: line for line in facts_in_words(timeline)}
    for row in children:
        expected = statuses[row.name]
        assert row.exitcode == expected, row.name
        assert f">{html.escape(ending(expected))}</text>" in markup, row.name
        line = words[row.name]
        assert f", {ending(expected)}" in line, line
        endings = (", exit code ", ", killed by ", ", exit status unknown")
        assert sum(e in line for e in endings) == 1, line


@pytest.mark.parametrize("method", METHODS)
def test_a_terminate_after_a_sigkill_is_a_call_not_the_end(
    method, tmp_path, leak_token
):
    """A child killed by SIGKILL and then terminate()d died of SIGKILL: the
    call is drawn at the caller, pointing at it, and says it came too late."""
    timeline = model.build(
        record("killed_then_terminated.py", tmp_path, method).timeline
    )
    main, doomed = timeline.rows
    assert (doomed.exitcode, model.signal_name(doomed.killed_by)) == (-9, "SIGKILL")
    ((when, target, sig, by, ended),) = main.calls
    assert (target, sig, by, ended) == (doomed.pid, 15, None, True)
    assert not doomed.calls and doomed.end <= when
    lines = facts_in_words(timeline)
    assert re.search(
        r"; called terminate\(\) on doomed \(SIGTERM\) at [\d.]+ m?s,"
        r" which had already ended$",
        lines[0],
    ), lines[0]
    assert lines[1].endswith(", killed by SIGKILL (exit code -9)")
    assert "SIGTERM" not in lines[1]


@pytest.mark.parametrize("method", METHODS)
def test_the_end_of_a_process_nobody_collected_is_unknown(method, tmp_path, leak_token):
    timeline = model.build(record("lost_grandchild.py", tmp_path, method).timeline)
    main, parent, grandchild = timeline.rows
    assert (parent.exitcode, grandchild.exitcode) == (-9, None)
    assert grandchild.parent == parent.pid and grandchild.depth == 2
    (*_, line) = facts_in_words(timeline)
    assert line.endswith(", exit status unknown: its parent never checked it")
    assert ">exit status unknown</text>" in svg.render(timeline, "en", "t")


BROKEN_POOL = ROOT / "examples" / "23_common_mistakes" / "broken_process_pool.py"


def sigkilled_workers(page):
    """What the timeline of the broken pool's page says of each worker's end."""
    text = page.read_text(encoding="utf-8")
    figure = re.search(r'<figure class="process-timeline".*?</figure>', text, re.S)
    assert figure, "no timeline on the page"
    words = re.findall(r"<li>([^<]*Process-\d+: alive[^<]*)</li>", figure.group())
    ends = re.findall(r'font-size="11">([^<]*)</text>', figure.group())
    return [html.unescape(w) for w in words], [html.unescape(e) for e in ends]


def test_the_broken_pools_workers_died_of_sigkill_on_its_page(site):
    """Issue 21: the executor terminate()s its dead workers; they died of SIGKILL."""
    words, ends = sigkilled_workers(page_of(site, BROKEN_POOL))
    assert len(words) == 2, words  # the mistake's worker and the fix's
    for line in words:
        assert line.split(", ", 1)[1].startswith("killed by SIGKILL (exit code -9)")
        assert "SIGTERM" not in line
    assert ends.count("killed by SIGKILL (exit code -9)") == 2, ends
    assert not any("SIGTERM" in end for end in ends)
    text = page_of(site, BROKEN_POOL).read_text(encoding="utf-8")
    assert "the broken ProcessPoolExecutor called terminate() on" in text
    zh = page_of(site, BROKEN_POOL, "zh_CN").read_text(encoding="utf-8")
    assert zh.count("被 SIGKILL 终止（退出码 -9）") >= 4  # in the chart and in words


# -- Drawn for a beginner: made-up runs ------------------------------------------


def short_run(t1=0.032, **main):
    """A run of ``t1`` seconds: the main process and one child it joins."""
    row = Row(1, "MainProcess", None, False, 0.0, t1, **main)
    child = Row(2, "buyer 1", 1, False, 0.01, 0.022, 0, depth=1)
    return Timeline([row, child], 0.0, t1, t1 - 0.001, {})


def tick_labels(markup):
    plot = re.search(r'<svg[^>]*role="img".*?</svg>', markup, re.S).group()
    return re.findall(r'text-anchor="middle">([^<]*)</text>', plot)


@pytest.mark.parametrize(
    ("span", "unit"),
    [(0.004, "ms"), (0.032, "ms"), (0.08, "ms"), (0.3, "ms"), (1.45, "s"), (37, "s")],
)
def test_every_chart_has_a_time_scale_of_at_least_three_ticks(span, unit):
    markup = svg.render(short_run(span), "en", "t")
    labels = tick_labels(markup)
    assert 3 <= len(labels) <= 6, labels
    values = [float(label) for label in labels]
    assert values[0] == 0 and values == sorted(set(values))
    steps = {round(b - a, 9) for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced
    scale = 1000 if unit == "ms" else 1
    assert values[-2] < span * scale <= values[-1]  # the last tick closes the run
    assert f"time ({unit})" in markup


def test_the_words_say_short_times_in_milliseconds():
    words = facts_in_words(short_run(0.032))
    assert words[1] == "buyer 1: alive from 10 ms to 22 ms, exit code 0"


def test_the_words_leave_out_gets_that_did_not_wait_and_tell_many_as_one():
    main = short_run(0.2, gets=[(0.15, 0.1501)] * 7 + [(0.01, 0.1)])
    (line, *_) = facts_in_words(main)
    assert line.endswith("; waited in Queue.get() from 10 ms to 100 ms")
    assert line.count("Queue.get()") == 1
    many = short_run(0.2, gets=[(t / 100, t / 100 + 0.005) for t in range(1, 6)])
    (line, *_) = facts_in_words(many)
    assert line.endswith("; waited in Queue.get() 5 times between 10 ms and 55 ms")


def test_the_words_say_repeats_once():
    twins = Timeline(
        [Row(1, "MainProcess", None, False, 0.0, 1.0)]
        + [Row(n, "worker", 1, False, 0.1, 0.5, 0, depth=1) for n in (2, 3, 4)],
        0.0,
        1.0,
        None,
        {},
    )
    lines = facts_in_words(twins)
    assert lines[1:] == ["worker: alive from 0.10 s to 0.50 s, exit code 0 (3 times)"]


def test_the_implicit_join_at_exit_is_drawn_and_explained():
    run = short_run(0.2, exit_joins=[(0.05, 0.14, 2), (0.14, 0.15, 3)])
    markup = svg.render(run, "en", "t")
    legend = re.search(r'<div class="process-timeline-legend">.*?</div>', markup)
    assert "waiting for its children at exit (implicit join)</li>" in legend.group()
    assert "waiting in join()" not in legend.group()
    assert "Implicit join: before a process exits" in legend.group()
    assert svg.DASHES["exit_join"] in markup
    words = facts_in_words(run)
    assert words[0].endswith(
        "; waited for its children at exit (implicit join) from 50 ms to 150 ms"
    )
    assert words[-1].startswith("Implicit join: before a process exits")


def test_a_worker_stopped_by_the_pools_terminate_says_so():
    main = Row(1, "MainProcess", None, False, 0.0, 1.5)
    main.calls.append((1.46, 2, 15, "pool", True))  # it had ended by itself
    main.calls.append((1.47, 3, 15, "pool", False))
    done = Row(2, "worker 1", 1, True, 0.1, 1.45, 0, depth=1)
    busy = Row(3, "worker 2", 1, True, 0.1, 1.47, -15, depth=1)
    run = Timeline([main, done, busy], 0.0, 1.5, 1.44, {})
    markup = svg.render(run, "en", "t")
    assert ">killed by SIGTERM (exit code -15)</text>" in markup
    assert ">exit code 0</text>" in markup
    # two calls drawn from the main row (y=49) down to each worker's row, and
    # the legend's two arrows: a call, a call on a process that had ended
    dots = rf'<circle [^>]*cy="49.0" r="3.5" fill="{svg.SIGNAL}"'
    assert len(re.findall(dots, markup)) == 2
    assert markup.count('stroke-dasharray="3 2"') == 2  # worker 1's, the legend's
    assert "A pool&#x27;s terminate(), which leaving a with Pool()" in markup
    words = facts_in_words(run)
    assert words[0].endswith(
        "; the pool's terminate() called terminate() on worker 1 (SIGTERM) at 1.46 s,"
        " which had already ended; the pool's terminate() called terminate() on"
        " worker 2 (SIGTERM) at 1.47 s"
    )
    assert words[1] == "worker 1: alive from 0.10 s to 1.45 s, exit code 0"
    assert words[2] == (
        "worker 2: alive from 0.10 s to 1.47 s, killed by SIGTERM (exit code -15)"
    )
    assert words[-1].startswith("A pool's terminate()")


def test_the_row_labels_are_beside_the_plot_and_hidden_from_screen_readers():
    markup = svg.render(short_run(), "en", "t")
    chart = re.search(r'<div class="process-timeline-chart">(.*?)</div>', markup, re.S)
    labels, plot = re.findall(r"<svg.*?</svg>", chart.group(1), re.S)
    assert 'aria-hidden="true"' in labels and ">buyer 1</text>" in labels
    assert 'role="img"' in plot and "buyer 1</text>" not in plot
    assert re.search(r'<desc id="t-d"[^>]*>[^<]*buyer 1: alive', plot)
    heights = {re.search(r'height="(\d+)"', svg_).group(1) for svg_ in (labels, plot)}
    assert len(heights) == 1  # drawn on the same scale


def test_a_timeline_saved_by_the_previous_version_still_loads():
    """Pages whose lesson did not change keep their saved timeline (no re-run)."""
    saved = {
        "rows": [
            {"pid": 1, "name": "MainProcess", "parent": None, "daemon": False,
             "start": 0.0, "end": 1.0, "exitcode": None, "depth": 0,
             "spawned": 0.0, "holds": [], "joins": [], "gets": [], "signals": []},
            {"pid": 2, "name": "child", "parent": 1, "daemon": False,
             "start": 0.1, "end": 0.5, "exitcode": -15, "depth": 1,
             "spawned": 0.1, "holds": [], "joins": [], "gets": [],
             "signals": [[0.5, 15]]},
        ],
        "t0": 0.0, "t1": 1.0, "code_end": 0.9, "locks": {},
    }  # fmt: skip
    timeline = model.Timeline.from_json(json.dumps(saved))
    # the signal the child received: a call of its parent, as far as is known
    assert timeline.rows[0].calls == [(0.5, 2, 15, None, None)]
    assert timeline.rows[0].exit_joins == []
    words = chart_description(timeline)
    assert "; called terminate() on child (SIGTERM) at 0.50 s" in words
    assert "child: alive from 0.10 s to 0.50 s, killed by SIGTERM (exit code -15)" in (
        words
    )
    assert model.Timeline.from_json(timeline.to_json()) == timeline


# -- Every process the lesson starts, its Python programs too ------------------


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["python3", "homework_server.py", "0"], "python homework_server.py"),
        (["python3", "-u", "/tmp/a b/client.py", "8000"], "python client.py"),
        (
            ["python3", "-c", "import runpy; ...", "spawn", "s/server.py", "1"],
            "python server.py",
        ),
        (["python3", "-c", "print('hi')"], "python -c"),
        (["python3", "-m", "http.server", "8000"], "python -m http.server"),
        (["python3", "-c", "from multiprocessing.spawn import spawn_main; ..."], None),
        (["python3", "-c", "from multiprocessing.forkserver import main; ..."], None),
        (  # Python 3.14's fork server
            [
                "python3",
                "-B",
                "-c",
                "import sys; from multiprocessing.forkserver "
                "import main; main(3, 4, ['__main__'], sys_argv=sys.argv[1:])",
                "lesson.py",
            ],
            None,
        ),
        (
            [
                "python3",
                "-c",
                "from multiprocessing.resource_tracker import main;main(5)",
            ],
            None,
        ),
    ],
)
def test_a_python_command_line_is_named_as_it_reads(argv, name):
    from process_timeline import recorder

    assert recorder.program_name(argv) == name


def test_a_python_program_the_lesson_starts_is_a_row_with_its_children():
    def ev(t, pid, kind, **fields):
        return {"t": t, "pid": pid, "ev": kind, **fields}

    recorded = [
        ev(0.0, 1, "program", ppid=99, name="python lesson.py"),  # the lesson
        ev(0.0, 1, "main"),
        ev(0.1, 2, "program", ppid=1, name="python server.py"),
        ev(0.2, 2, "spawned", child=3, name="Process-1", daemon=False),
        ev(0.25, 3, "start", name="Process-1", daemon=False),
        ev(0.3, 3, "end", exitcode=0),
        ev(0.35, 2, "status", child=3, exitcode=0),
        ev(0.4, 4, "program", ppid=77, name="python client.py"),  # via a shell
        ev(0.5, 4, "exit"),
        ev(0.6, 2, "exit"),
        ev(0.7, 1, "status", child=2, exitcode=-2),
        ev(0.8, 1, "exit"),
    ]
    timeline = model.build(recorded)
    rows = [(r.name, r.depth, r.exitcode) for r in timeline.rows]
    assert rows == [
        ("MainProcess", 0, None),
        ("python server.py", 1, -2),
        ("Process-1", 2, 0),
        ("python client.py", 1, None),
    ]
    server = timeline.rows[1]
    assert (server.start, server.end) == (0.1, 0.6)
    assert "python server.py: alive from" in " ".join(facts_in_words(timeline))


def test_the_homework_chart_shows_the_server_and_its_clients(site):
    homework = ROOT / "examples" / "10_tcp_server" / "tcp_server_homework.py"
    text = page_of(site, homework).read_text(encoding="utf-8")
    chart = text.split('<figure class="process-timeline"', 1)[1]
    for name in (
        "python homework_server.py",
        "python homework_client.py",
        "python check_server.py",
    ):
        assert f">{name}</text>" in chart, name


def test_a_lesson_that_starts_processes_in_two_code_blocks_has_two_named_parts():
    def ev(t, pid, kind, **fields):
        return {"t": t, "pid": pid, "ev": kind, **fields}

    recorded = [ev(0.0, 1, "main"), ev(0.0, 1, "cell", number=1, line=1)]
    recorded += [ev(0.1, 1, "cell", number=2, line=30)]
    recorded += [ev(0.2, 1, "spawned", child=2, name="buyer 1", daemon=False)]
    recorded += [ev(0.5, 1, "cell", number=3, line=41)]
    recorded += [ev(0.6, 1, "spawned", child=3, name="buyer 1", daemon=False)]
    recorded += [ev(0.9, 1, "cell", number=4, line=50), ev(1.0, 1, "exit")]
    timeline = model.build(recorded)
    assert timeline.parts == [(0.1, 2, 30), (0.5, 3, 41)]
    markup = svg.render(timeline, "en", "t")
    assert ">code block 2 (line 30)</text>" in markup
    assert ">code block 3 (line 41)</text>" in markup
    words = facts_in_words(timeline)
    assert words[:2] == [
        "Code block 2, from line 30, begins at 0.10 s.",
        "Code block 3, from line 41, begins at 0.50 s.",
    ]
    # one code block that starts processes: nothing to tell apart
    single = [e for e in recorded if e["t"] < 0.5] + [ev(1.0, 1, "exit")]
    assert model.build(single).parts == []
    again = model.Timeline.from_json(timeline.to_json())
    assert again.parts == timeline.parts


def test_the_ticket_sales_chart_names_its_two_sales(site):
    lesson = ROOT / "examples" / "08_locks" / "tickets_with_lock.py"
    for language, name in (("en", "code block {} (line"), ("zh_CN", "第 {} 段代码")):
        text = page_of(site, lesson, language).read_text(encoding="utf-8")
        chart = text.split('<figure class="process-timeline"', 1)[1]
        for number in (2, 3):
            assert ">" + name.format(number) in chart, (language, number)


def test_a_daemons_row_says_so_in_the_pages_own_brackets(site):
    lesson = ROOT / "examples" / "07_daemons" / "daemon_basics.py"
    for language, label in (
        ("en", ">daemon (daemon)<"),
        ("zh_CN", ">daemon（守护进程）<"),
    ):
        text = page_of(site, lesson, language).read_text(encoding="utf-8")
        chart = text.split('<figure class="process-timeline"', 1)[1]
        assert label in chart, language
