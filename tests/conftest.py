"""Fixtures shared by the tests."""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

import pytest

import helpers
from helpers import (
    EXT_DIR,
    LEAK_VARIABLE,
    ROOT,
    describe,
    long_path,
    wait_until_no_process,
)

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
    assert not left, "processes left behind:\n" + describe(left)


@pytest.fixture(scope="session")
def terminal_lines(tmp_path_factory):
    """The normalised lines a terminal shows for ``python example.py`` (cached)."""
    from helpers import (
        line_multiset,
        listening_sockets,
        run_in_terminal,
        terminal_env,
    )

    cache = {}

    def lines(example, start_method=None):
        """Its lines; under ``start_method`` as the default, if given."""
        if (example, start_method) not in cache:
            token = uuid.uuid4().hex
            cwd = tmp_path_factory.mktemp("terminal")
            env = terminal_env(token)
            listening = listening_sockets()
            output, status = run_in_terminal(
                example, cwd, env, start_method=start_method
            )
            # 0, unless the lesson expects this start method's run to fail
            expected = expected_outcome(example, start_method)
            assert status == 0 or expected is not None, (
                f"python {example.name} exited with {status}:\n{output}"
            )
            assert expected is None or status != 0, (
                f"{example.name} expects {expected} under {start_method}, but "
                f"exited with 0:\n{output}"
            )
            cache[(example, start_method)] = line_multiset(output, ROOT, example)
            left = wait_until_no_process(token)
            assert not left, f"{example.name} left processes:\n" + describe(left)
            opened = listening_sockets() - listening
            assert not opened, f"{example.name} left listening sockets: {opened}"
        return cache[(example, start_method)]

    return lines


def expected_outcome(example, start_method):
    """How the lesson says its run under ``start_method`` ends, if not well."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    from example_runner import options, settings

    if start_method is None:
        return None
    file_conf, _ = split_code_and_text_blocks(str(example))
    lesson = options.read(example.name, file_conf, settings.Settings())
    return lesson.expected(options.Variant(start_method))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once by `make html` from a copy of the sources."""
    from helpers import build_site

    copy, done = build_site(long_path(tmp_path_factory.mktemp("site")))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy


# -- Any folder ----------------------------------------------------------------
# Many people clone into ~/src/github.com/<org>/<repo>/: every build and run of
# the tests happens in a folder whose path is longer than helpers.LONG_PATH.


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    """pytest's tmp_path, made deep: a folder whose path is longer than 150."""
    return long_path(tmp_path)


@pytest.fixture(scope="session", autouse=True)
def runner_in_a_long_path(tmp_path_factory):
    """Builds of the fixture project load our extensions from a copy of docs/_ext
    in a long path, as from a deep checkout (helpers.RUNNER_EXT_DIR)."""
    copy = long_path(tmp_path_factory.mktemp("checkout")) / "docs" / "_ext"
    shutil.copytree(EXT_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(helpers, "RUNNER_EXT_DIR", copy)
        yield copy
