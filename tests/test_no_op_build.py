"""`make html` starts Sphinx only when something that decides the site changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, copy_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the sources whose site make takes for built and current."""
    project = copy_site(tmp_path_factory.mktemp("no-op"))
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    # a venv of the project's own, made after its requirements (the tests'
    # venv may be older than an edited requirements.txt): this Python
    venv = project / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    (venv / "pyvenv.cfg").write_text(f"home = {Path(sys.executable).parent}\n")
    (venv / ".requirements").touch()
    dry_run(project)  # make writes _build/.settings as it reads the Makefile
    for language in ("en", "zh_CN"):  # what a build leaves, of each language
        index = project / "_build" / "html" / language / "index.html"
        index.parent.mkdir(parents=True)
        index.touch()
    (project / "_build" / ".html-built").touch()
    return project


def dry_run(project, **env) -> str:
    """What `make html` would run there (make -n), recipes of sub-makes included."""
    done = subprocess.run(
        # VENV given: `make test VENV=...` passes its own to sub-makes
        ["make", "-n", "--no-print-directory", "html", "VENV=.venv"],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def starts_sphinx(commands: str) -> bool:
    return "sphinx-build" in commands


def test_a_no_op_make_html_does_not_start_sphinx(built):
    assert not starts_sphinx(dry_run(built))


def test_force_starts_sphinx_all_the_same(built):
    assert starts_sphinx(dry_run(built, FORCE="1"))


@pytest.mark.parametrize(
    "changed",
    [
        "examples/01_first_steps/pid_and_ppid.py",
        "docs/locale/zh_CN/LC_MESSAGES/index.po",
        "docs/_ext/example_runner/run.py",
        "docs/index.md",
        "conf.py",
        "requirements.txt",
    ],
)
def test_touching_what_decides_the_site_starts_sphinx(built, changed):
    stamp = built / "_build" / ".html-built"
    os.utime(stamp)
    assert not starts_sphinx(dry_run(built))
    os.utime(built / changed)  # newer than the stamp
    try:
        assert starts_sphinx(dry_run(built))
    finally:
        os.utime(stamp)  # taken for built again, for the next case


def test_a_language_whose_site_is_gone_starts_sphinx(built):
    index = built / "_build" / "html" / "zh_CN" / "index.html"
    index.unlink()
    try:
        assert starts_sphinx(dry_run(built))
    finally:
        index.touch()
        os.utime(built / "_build" / ".html-built")


@pytest.mark.parametrize(
    "setting", [("MP_START_METHOD", "spawn"), ("LANGUAGES", "en"), ("SITE_URL", "x")]
)
def test_a_setting_that_changes_the_pages_starts_sphinx(built, setting):
    assert starts_sphinx(dry_run(built, **dict([setting])))
    dry_run(built)  # back to the settings the site was built with
    os.utime(built / "_build" / ".html-built")
