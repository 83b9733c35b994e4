"""The suite works from any folder: deep checkouts, and a venv other than .venv."""

from __future__ import annotations

import platform
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import helpers
from helpers import (
    LONG_PATH,
    describe,
    example_env,
    processes_tagged,
    wait_until_no_process,
)


def test_each_test_folder_is_longer_than_150_characters(tmp_path):
    assert LONG_PATH >= 150
    assert len(str(tmp_path)) > LONG_PATH
    assert tmp_path.is_dir() and not any(tmp_path.iterdir())


def test_fixture_builds_load_the_runner_from_a_folder_longer_than_150_characters(
    runner_in_a_long_path,
):
    ext_dir = Path(example_env("token")["EXAMPLE_RUNNER_EXT_DIR"])
    assert ext_dir == runner_in_a_long_path == helpers.RUNNER_EXT_DIR
    assert len(str(ext_dir)) > LONG_PATH
    assert (ext_dir / "example_runner" / "_bootstrap.py").is_file()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_leak_check_sees_the_whole_command_line_of_a_tagged_process(tmp_path):
    token = uuid.uuid4().hex
    script = tmp_path / "example_runner" / "_bootstrap.py"
    script.parent.mkdir()
    script.write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), "spec.json"], env=example_env(token)
    )
    try:
        deadline = time.monotonic() + 10
        while not (found := processes_tagged(token)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(found) == 1
        pid, command = found[0].split(" ", 1)
        assert int(pid) == proc.pid
        assert command == f"{sys.executable} {script} spec.json"
        assert len(command) > 150
        # only what is printed is shortened, in the middle
        printed = describe(found, width=80)
        assert len(printed) <= 80
        assert printed.startswith(pid) and printed.endswith("spec.json")
    finally:
        proc.kill()
        proc.wait()
    assert wait_until_no_process(token) == []


def test_the_site_is_built_by_the_python_that_runs_the_tests(site):
    # make test PYTHON=python3.14 VENV=.venv-3.14 must not build with .venv's
    page = site / "_build/html/en/examples/01_first_steps/pid_and_ppid.html"
    stamp = re.search(r'<p class="lesson-environment">([^<]*)', page.read_text())
    assert stamp and f"Python {platform.python_version()} on" in stamp[1]


def test_the_real_site_is_built_in_a_folder_longer_than_150_characters(site):
    assert len(str(site)) > LONG_PATH
    assert (site / "_build" / "html" / "en" / "index.html").is_file()
