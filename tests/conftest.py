"""Fixtures shared by the tests."""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import helpers
from helpers import (
    EXT_DIR,
    LEAK_VARIABLE,
    describe,
    long_path,
    wait_until_no_process,
)

sys.path.insert(0, str(EXT_DIR))

# make_app, app and the @pytest.mark.sphinx marker (test_page_extensions.py)
pytest_plugins = ["sphinx.testing.fixtures"]


# -- No silent skips in CI -----------------------------------------------------
# Locally a test whose tool is missing (Chromium, node, msgfmt...) is skipped
# with a line saying how to get it; in CI (CI=true, which .ci/run sets) a skip
# fails instead: CI installs everything the suite needs, so a skip there means
# a missing install step or a broken import, never a proof.


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true":
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"


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
def terminal_runs():
    """The session's terminal runs of lessons (tests/terminal_runs.py)."""
    from terminal_runs import TerminalRuns

    runs = TerminalRuns()
    yield runs
    runs.close()


@pytest.fixture(scope="session")
def terminal_lines(terminal_runs):
    from terminal_runs import lesson_job

    """The normalised lines a terminal shows for ``python example.py``; a run
    that went wrong (an unexpected exit status, processes left) fails the test
    that asked for it."""

    def lines(example, start_method=None):
        """Its lines; under ``start_method`` as the default, if given."""
        found = terminal_runs.get(lesson_job(example, start_method))
        assert not found.problems, "\n".join(found.problems)
        return found.lines

    return lines


@pytest.fixture(scope="session")
def site(site_builds):
    """The real site, built once by `make html` from a copy of the sources."""
    copy, done = site_builds[None].result()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return copy


# -- The sites ---------------------------------------------------------------
# The suite mostly waits (on lessons that sleep, servers, a browser), so the
# sites start building with the session, one after another, while the tests
# that read no site run first (pytest_collection_modifyitems).

SITE_FIXTURES = ("site", "method_site")


def _needs_a_site(item: pytest.Item) -> bool:
    return any(name in getattr(item, "fixturenames", ()) for name in SITE_FIXTURES)


def pytest_collection_modifyitems(session, config, items):
    """The modules that read no site first, each module's tests kept together
    and in their order."""
    modules: dict[object, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.module, []).append(item)
    ordered = sorted(modules.values(), key=lambda group: any(map(_needs_a_site, group)))
    items[:] = [item for group in ordered for item in group]


@pytest.fixture(scope="session", autouse=True)
def site_builds(request, tmp_path_factory, terminal_runs):
    """{None: the site as the README's `make html` builds it, and each other
    start method: the English site built under it (test_start_methods.py)}, as
    futures of (copy, make's result); only the sites the selected tests read.

    The terminal runs the start-method pages are compared with start too.
    """
    from example_runner import START_METHODS
    from helpers import build_site, site_references

    items = request.session.items
    wanted: dict[str | None, dict[str, str]] = {}
    if any(map(_needs_a_site, items)):
        wanted[None] = {}
    if any(item.path.name == "test_start_methods.py" for item in items):
        default = helpers.DEFAULT_START_METHOD
        for method in START_METHODS:
            references = site_references(None if method == default else method)
            terminal_runs.prefetch(references)
            if method != default:  # English only, no offline copies
                wanted[method] = {
                    "MP_START_METHOD": method,
                    "LANGUAGES": "en",
                    "OFFLINE": "no",
                }
    environment = terminal_runs.environment  # before any test changed it

    def build(name: str, settings: dict[str, str]):
        folder = long_path(tmp_path_factory.mktemp(f"site-{name}"))
        # The builds share the machine with the terminal runs and the other
        # tests: half the runs at once of a reader's build (runs in parallel
        # change no page; the checker's and the homework's waits do feel load).
        jobs = str(4 * (os.cpu_count() or 1))
        return build_site(folder, environment, **{"EXAMPLE_JOBS": jobs, **settings})

    with ThreadPoolExecutor(1, thread_name_prefix="sites") as pool:
        yield {
            method: pool.submit(build, method or "default", settings)
            for method, settings in wanted.items()
        }
        pool.shutdown(cancel_futures=True)


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
