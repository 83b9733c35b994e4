"""What each lesson must show, whatever order the scheduler picks."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT, page_of, page_outputs


def lines(site, lesson: str) -> list[str]:
    page = page_of(site, ROOT / "examples" / lesson)
    return "".join(page_outputs(page)).splitlines()


def test_isolation_child_sees_101_parent_keeps_100(site):
    out = lines(site, "03_isolation/data_isolation.py")
    assert "child: total = 101" in out
    assert "parent: total = 100" in out


def test_ten_children_all_report_and_the_parent_line_is_there(site):
    out = lines(site, "04_asynchrony/ten_children.py")
    assert sorted(re.findall(r"^child (\d) has finished", "\n".join(out), re.M)) == [
        str(i) for i in range(10)
    ]
    assert "main process: my code ends here" in out


def test_join_inside_the_loop_is_serial_and_slower(site):
    text = "\n".join(lines(site, "05_join/join_in_loop_is_serial.py"))
    serial = float(re.search(r"inside the start loop: ([\d.]+) s", text)[1])
    parallel = float(re.search(r"then join all: +([\d.]+) s", text)[1])
    assert serial > 2 * parallel


def test_daemon_among_children_is_cut_off_while_the_worker_finishes(site):
    out = lines(site, "07_daemons/daemon_among_children.py")
    assert "worker: finished my work" in out
    ends = out.index("main: my code ends here (worker alive: True)")
    assert not any(line.startswith("daemon") for line in out[ends:])


def test_heartbeat_reports_until_server_3_fails(site):
    out = lines(site, "07_daemons/heartbeat_monitor.py")
    assert sum(line.endswith("I am ok") for line in out) == 4
    assert "main: server 3 failed with exit code 1" in out


def test_a_daemon_may_not_have_children_real_assertion_error(site):
    out = lines(site, "07_daemons/daemon_no_children.py")
    assert "AssertionError: daemonic processes are not allowed to have children" in out
    assert "main: the daemon ended with exit code 1" in out


def sold(out: list[str]) -> tuple[int, int]:
    match = re.search(r"tickets sold: (\d+) \(we had (\d+)\)", "\n".join(out))
    return int(match[1]), int(match[2])


def test_without_a_lock_more_tickets_are_sold_than_there_are(site):
    out = lines(site, "08_locks/tickets_without_lock.py")
    count, stock = sold(out)
    assert count > stock
    assert sum(line.endswith("got a ticket") for line in out) == count


def test_with_a_lock_exactly_the_stock_is_sold(site):
    page = page_of(site, ROOT / "examples" / "08_locks" / "tickets_with_lock.py")
    runs = page_outputs(page)
    assert len(runs) == 2  # acquire/release, then `with lock:`
    for run in runs:
        out = run.splitlines()
        count, stock = sold(out)
        assert count == stock
        assert sum(line.endswith("got a ticket") for line in out) == stock


def test_deadlock_is_shown_safely_with_a_timeout(site):
    text = "\n".join(lines(site, "08_locks/deadlock_timeout.py"))
    assert "False" in text and "RLock" in text


def test_semaphore_never_admits_more_than_its_value(site):
    out = lines(site, "09_semaphores/ticket_windows.py")
    inside = [
        int(m[1]) for line in out if (m := re.search(r"(\d+) at the windows", line))
    ]
    assert inside and max(inside) == 3 and min(inside) >= 0
    steps = Counter(
        line.split()[2].strip(",") for line in out if line.startswith("customer")
    )
    assert steps == {"steps": 7, "leaves": 7}


def test_tcp_server_serves_clients_from_several_processes(site):
    text = "\n".join(lines(site, "10_tcp_server/tcp_server_homework.py"))
    served = set(re.findall(r"got the reply: process (\d+) served", text))
    assert len(served) > 1, text
    assert len(re.findall(r"^client \w got the reply", text, re.M)) == 3


def test_scheduling_page_draws_one_chart_per_algorithm(site):
    page = page_of(
        site, ROOT / "examples" / "00_scheduling" / "scheduling_algorithms.py"
    )
    html = page.read_text(encoding="utf-8")
    charts = set(re.findall(r"sphx_glr_scheduling_algorithms_(\d{3})\.png", html))
    assert charts == {"001", "002", "003", "004"}
    for number in charts:
        png = (
            site
            / "_build"
            / "html"
            / "en"
            / "_images"
            / (f"sphx_glr_scheduling_algorithms_{number}.png")
        )
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = lines(site, "00_scheduling/scheduling_algorithms.py")
    for job in range(1, 5):
        assert f"job {job} finished in queue {job}" in out


def test_start_methods_page_compares_the_methods(site):
    text = "\n".join(lines(site, "11_start_methods/start_methods.py"))
    assert "fork child: GREETING = 'changed by the main program'" in text
    assert "spawn child: GREETING = 'set at import'" in text
    assert text.count("module level code runs, as '__mp_main__'") >= 2


def test_pool_page_prints_the_core_count_it_measured_on(site):
    text = "\n".join(lines(site, "13_pools/process_pool_executor.py"))
    assert re.search(r"this machine has \d+ CPU cores", text)
    assert re.search(r"speed-up: serial time / pool time = [\d.]+", text)


def test_exit_codes_and_signals(site):
    text = "\n".join(lines(site, "14_lifecycle/terminate_and_kill.py"))
    assert "-15" in text and "-9" in text
    codes = "\n".join(lines(site, "14_lifecycle/exit_codes.py"))
    for code in ("0", "3", "1"):
        assert re.search(rf"exitcode\W+{code}\b", codes), code


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_lesson_follows_the_house_style(example: Path):
    source = example.read_text(encoding="utf-8")
    assert re.match(r'"""\n.+\n=+\n', source), "starts with a reST-titled docstring"
    assert 'if __name__ == "__main__":' in source or "multiprocessing" not in source
    order = (example.parent / "GALLERY_HEADER.rst").read_text(encoding="utf-8")
    siblings = list(example.parent.glob("*.py"))
    if len(siblings) > 1:
        assert example.name in order, "listed in the folder's .. lesson-order:"


def test_unlocked_value_loses_updates_and_the_locked_one_does_not(site):
    text = "\n".join(lines(site, "18_shared_state/value_lost_updates.py"))
    found = {
        label: (int(counter), int(expected), int(lost))
        for label, counter, expected, lost in re.findall(
            r"^(with|without) the lock: +counter = (\d+), expected (\d+), lost (\d+)",
            text,
            re.M,
        )
    }
    assert set(found) == {"with", "without"}, text
    counter, expected, lost = found["without"]
    assert expected == 200_000 and lost > 0 and counter + lost == expected
    assert found["with"] == (200_000, 200_000, 0)


def test_shared_memory_block_is_read_back_and_unlinked(site):
    out = lines(site, "18_shared_state/shared_memory_block.py")
    assert f"main: the block holds {[i * i for i in range(10)]}" in out
    assert out[-1] == "main: the block is closed and unlinked"


def test_manager_dict_is_filled_by_three_processes_and_costs_more(site):
    text = "\n".join(lines(site, "18_shared_state/manager_dict.py"))
    assert "{'Lisbon': 60, 'Nairobi': 70, 'Oslo': 40}" in text
    manager = float(re.search(r"through the manager: ([\d.]+) s", text)[1])
    value = float(re.search(r"updates of a Value: +([\d.]+) s", text)[1])
    assert manager > value


def test_event_releases_every_runner_only_when_set(site):
    out = lines(site, "19_sync_primitives/event_start_signal.py")
    go = out.index("main: ready, steady, go!")
    assert "main: is the event set? False" in out[:go]
    assert "main: wait(timeout=0.1) returns False" in out[:go]
    running = [i for i, line in enumerate(out) if line.endswith(": running")]
    assert len(running) == 3 and min(running) > go


def test_condition_each_order_is_taken_once_after_it_was_brought(site):
    out = lines(site, "19_sync_primitives/condition_wait_for.py")
    assert sum(line.endswith("took an order") for line in out) == 2
    first_order = out.index("waiter: one new order")
    assert all(
        i > first_order for i, line in enumerate(out) if line.endswith("took an order")
    )
    assert out[-1] == "main: orders left: 0"


def test_barrier_nobody_goes_on_before_everyone_arrived(site):
    out = lines(site, "19_sync_primitives/barrier_meeting_point.py")
    arrived = [i for i, line in enumerate(out) if "arrived at the hut" in line]
    went_on = [i for i, line in enumerate(out) if "on to the summit" in line]
    assert len(arrived) == len(went_on) == 3
    assert max(arrived) < min(went_on)


def test_bounded_semaphore_refuses_the_extra_release(site):
    out = lines(site, "19_sync_primitives/bounded_semaphore.py")
    assert "main: Semaphore(2) now has 3 windows" in out
    assert "main: BoundedSemaphore(2) now has 2 windows" in out
    assert any(line.startswith("clerk: released twice, ValueError") for line in out)


def test_lock_and_semaphore_1_never_mix_two_pages(site):
    out = lines(site, "19_sync_primitives/lock_is_a_semaphore.py")
    printed = [line for line in out if line.startswith("printer")]
    assert len(printed) == 12
    for start in range(0, 12, 3):
        page = printed[start : start + 3]
        assert len({line.split(":")[0] for line in page}) == 1, page
        assert [line.split(": ")[1] for line in page] == [
            f"line {n} of 3" for n in (1, 2, 3)
        ]


def test_joinable_queue_all_tasks_done_then_workers_stop(site):
    text = "\n".join(lines(site, "20_queues_and_pools/joinable_queue.py"))
    squares = sorted(int(m) for m in re.findall(r"squared \d: (\d+)$", text, re.M))
    assert squares == [n * n for n in range(1, 7)]
    assert "main: all 6 tasks are done" in text
    assert "main: exit codes [0, 0]" in text


def test_pool_callbacks_imap_unordered_and_starmap(site):
    out = lines(site, "20_queues_and_pools/pool_callbacks.py")
    unordered = [line for line in out if line.startswith("imap_unordered")]
    assert sorted(unordered) == [f"imap_unordered gave {n}" for n in (1, 4, 9)]
    assert "starmap gave [8, 9, 10000]" in out
    assert "callback: age 30 is fine" in out
    assert "error callback: ValueError('an age cannot be negative: -5')" in out


def test_pool_chunks_fresh_workers_and_a_reraised_error(site):
    text = "\n".join(lines(site, "20_queues_and_pools/pool_chunks_and_errors.py"))
    assert text.count("in one worker: True") == 2
    assert int(re.search(r"8 tasks ran in (\d+) different workers", text)[1]) >= 4
    assert "main caught ZeroDivisionError: division by zero" in text
    assert "the pool still works: 1 / 4 = 0.25" in text


def test_gil_processes_beat_threads_when_there_are_two_cores(site):
    text = "\n".join(lines(site, "21_gil_measured/threads_vs_processes.py"))
    cores = int(re.search(r"this machine has (\d+) CPU cores", text)[1])
    threads = float(re.search(r"four threads +: ([\d.]+) s", text)[1])
    processes = float(re.search(r"four processes: ([\d.]+) s", text)[1])
    busy = float(re.search(r"kept ([\d.]+) cores busy", text)[1])
    assert 0 < busy <= cores + 0.2, text
    # Two cores that the machine really gave (not taken by other programs).
    if cores >= 2 and busy >= 1.7:
        assert processes < threads, text


def test_one_log_file_holds_every_record_of_every_worker(site):
    out = lines(site, "22_logging/queue_logging.py")
    assert "main: workers.log has 9 lines:" in out
    records = Counter(line.split()[0:2][1] for line in out if line.startswith("  "))
    assert records == {"1": 3, "2": 3, "3": 3}


def test_homework_checker_passes_the_solution_and_fails_the_serial_server(site):
    text = "\n".join(lines(site, "10_tcp_server/check_the_homework.py"))
    concurrent, serial = text.split("the serial server:")
    assert concurrent.count("PASS") == 4 and "exit status: 0" in concurrent
    assert "FAIL (b) concurrency" in serial and "exit status: 1" in serial
    assert serial.count("FAIL") == 1
