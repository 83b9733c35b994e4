"""Fixtures shared by the tests."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

from helpers import EXT_DIR, LEAK_VARIABLE, ROOT, wait_until_no_process

sys.path.insert(0, str(EXT_DIR))

# make_app, app and the @pytest.mark.sphinx marker (test_page_extensions.py)
pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the tiny projects: tests/roots/test-<name>/."""
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture
def leak_token(monkeypatch):
    """Tag every process the test starts; fail if any is still alive afterwards."""
    token = uuid.uuid4().hex
    monkeypatch.setenv(LEAK_VARIABLE, token)
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    yield token
    left = wait_until_no_process(token)
    assert not left, "processes left behind:\n" + "\n".join(left)


@pytest.fixture(scope="session")
def terminal_lines(tmp_path_factory):
    """The normalised lines a terminal shows for ``python example.py`` (cached)."""
    from helpers import line_multiset, listening_sockets, run_in_terminal

    cache = {}

    def lines(example):
        if example not in cache:
            token = uuid.uuid4().hex
            cwd = tmp_path_factory.mktemp("terminal")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
            env[LEAK_VARIABLE] = token
            listening = listening_sockets()
            output, status = run_in_terminal(example, cwd, env)
            assert status == 0, f"python {example.name} exited with {status}:\n{output}"
            cache[example] = line_multiset(output, ROOT)
            left = wait_until_no_process(token)
            assert not left, f"{example.name} left processes:\n" + "\n".join(left)
            opened = listening_sockets() - listening
            assert not opened, f"{example.name} left listening sockets: {opened}"
        return cache[example]

    return lines


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once by `make html` from a copy of the sources."""
    from helpers import build_site

    copy, done = build_site(tmp_path_factory.mktemp("site"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy
