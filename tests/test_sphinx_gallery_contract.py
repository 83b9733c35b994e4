"""What the runner and the timeline take from sphinx-gallery and CPython is still there.

If one of these fails after upgrading sphinx-gallery or Python, read the new
version's ``gen_rst.py`` (or ``multiprocessing``) and adapt
``docs/_ext/gallery/contract.py`` and what uses it (or
``process_timeline/recorder.py``) before changing the pin.  The same checks
run when the extensions are set up, so a build on an unexpected version stops
with a message, not a wrong page.
"""

from __future__ import annotations

import shutil
import sys
from io import StringIO

import pytest
import sphinx_gallery
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp
from sphinx_gallery import gen_rst

import example_runner
from example_runner import gallery
from gallery import contract
from helpers import EXT_DIR, FIXTURES
from process_timeline import recorder


def test_sphinx_gallery_is_the_pinned_minor_version():
    assert sphinx_gallery.__version__.startswith("0.22.")


def test_sphinx_gallery_has_every_shape_the_project_expects():
    assert contract.violations() == []
    gallery.check_sphinx_gallery()  # does not raise


def test_a_changed_execute_script_stops_the_setup_saying_what_to_do(monkeypatch):
    def execute_script(blocks, variables, conf):  # one parameter less
        return [], 0.0

    monkeypatch.setattr(gen_rst, "execute_script", execute_script)
    with pytest.raises(ExtensionError) as raised:
        example_runner.setup(None)
    message = str(raised.value)
    assert "execute_script no longer takes" in message
    assert "docs/_ext/gallery/contract.py" in message


def test_a_changed_output_template_is_reported(monkeypatch):
    monkeypatch.setattr(gen_rst, "CODE_OUTPUT", ".. code-block:: none\n\n{0}\n")
    (violation,) = contract.violations()
    assert violation.startswith("gen_rst.CODE_OUTPUT no longer makes an output block")


def test_a_template_that_lost_its_placeholder_is_reported(monkeypatch):
    monkeypatch.setattr(gen_rst, "DOWNLOAD_LINKS_HEADER", "\n.. _{name}:\n")
    (violation,) = contract.violations()
    assert violation.startswith("gen_rst.DOWNLOAD_LINKS_HEADER")


def build_fixture(tmp_path, monkeypatch, extensions, example="cells.py"):
    """A tiny gallery of one fixture example (``None``: none), built."""
    monkeypatch.setenv("EXAMPLE_RUNNER_EXT_DIR", str(EXT_DIR))
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "examples").mkdir()
    (project / "examples" / "GALLERY_HEADER.rst").write_text("Fixtures\n========\n")
    if example is not None:
        shutil.copy2(FIXTURES / "examples" / example, project / "examples" / example)
    app = SphinxTestApp(
        srcdir=project,
        confoverrides={"extensions": extensions},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return project


def test_a_sphinx_gallery_that_stops_asking_for_runs_stops_the_build(
    tmp_path, monkeypatch
):
    # a sphinx-gallery whose generate_file_rst runs examples itself
    own, its_own_execute_script = gen_rst.generate_file_rst, gen_rst.execute_script

    def generate_file_rst(*args, **kwargs):
        ours = gen_rst.execute_script
        gen_rst.execute_script = its_own_execute_script
        try:
            return own(*args, **kwargs)
        finally:
            gen_rst.execute_script = ours

    monkeypatch.setattr(gen_rst, "generate_file_rst", generate_file_rst)
    with pytest.raises(ExtensionError) as raised:
        build_fixture(tmp_path, monkeypatch, ["example_runner"])
    message = str(raised.value)
    assert "without calling gen_rst.execute_script" in message
    assert "examples/cells.py" in message


def test_a_script_variable_sphinx_gallery_stopped_giving_is_named(
    tmp_path, monkeypatch
):
    # a sphinx-gallery whose script_vars lack one the runner reads
    own = gen_rst.generate_file_rst

    def generate_file_rst(*args, **kwargs):
        ours = gen_rst.execute_script

        def without(blocks, script_vars, gallery_conf, file_conf):
            del script_vars["image_path_iterator"]
            return ours(blocks, script_vars, gallery_conf, file_conf)

        gen_rst.execute_script = without
        try:
            return own(*args, **kwargs)
        finally:
            gen_rst.execute_script = ours

    monkeypatch.setattr(gen_rst, "generate_file_rst", generate_file_rst)
    # (the build stops while the runner stands in for execute_script)
    monkeypatch.setattr(gen_rst, "execute_script", gen_rst.execute_script)
    with pytest.raises(ExtensionError) as raised:
        build_fixture(tmp_path, monkeypatch, ["example_runner"])
    assert "script_vars image_path_iterator" in str(raised.value)


# What sphinx-gallery does with what the runner sets in script_vars shows on
# the pages; these fixture builds fail if it stops using one of them:
# "passing" and "formatted_exception": test_fixture_builds.py's
# test_expected_failure_shows_its_real_traceback_on_the_page and
# test_editing_one_example_reruns_only_that_example (an example that passed is
# cached); "execute_script" (False: no run): test_site.py's build with
# plot_gallery off; "example_globals" and "memory_delta": the backreferences
# and the timing table of every build, which would crash without them.


def test_every_cpython_attribute_the_recorder_wraps_exists():
    assert recorder.missing() == [], sys.version


def test_a_missing_cpython_attribute_is_named(monkeypatch):
    monkeypatch.setattr(
        recorder,
        "PATCHED",
        (*recorder.PATCHED, ("multiprocessing.popen_fork", "Popen._no_such_method")),
    )
    assert recorder.missing() == ["multiprocessing.popen_fork.Popen._no_such_method"]


def test_runner_replaces_execute_script_during_a_build_only(tmp_path, monkeypatch):
    seen = []
    before = gen_rst.execute_script

    class Spy:  # an extension that looks at the hook while sphinx-gallery runs
        @staticmethod
        def setup(app):
            app.connect(
                "builder-inited", lambda app: seen.append(gen_rst.execute_script), 450
            )
            return {"parallel_read_safe": True}

    sys.modules["_contract_spy"] = Spy  # type: ignore[assignment]
    try:
        build_fixture(tmp_path, monkeypatch, ["example_runner", "_contract_spy"], None)
    finally:
        del sys.modules["_contract_spy"]
    (during,) = seen
    assert during is not before
    assert during.__module__ == gallery.__name__
    assert gen_rst.execute_script is before  # put back afterwards
