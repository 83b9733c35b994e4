"""What the runner and the timeline take from sphinx-gallery and CPython is still there.

If one of these fails after upgrading sphinx-gallery or Python, read the new
version's ``gen_rst.py`` (or ``multiprocessing``) and adapt
``docs/_ext/example_runner/gallery.py`` (or ``process_timeline/recorder.py``)
before changing the pin.  The same checks run when the extensions are set up,
so a build on an unexpected version stops with a message, not a wrong page.
"""

from __future__ import annotations

import importlib
import inspect
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
from helpers import EXT_DIR, FIXTURES
from process_timeline import recorder


def test_sphinx_gallery_is_the_pinned_minor_version():
    assert sphinx_gallery.__version__.startswith("0.22.")


def test_sphinx_gallery_has_every_part_the_adapter_uses():
    assert gallery.contract_violations() == []
    gallery.check_sphinx_gallery()  # does not raise


def test_a_changed_execute_script_stops_the_setup_saying_what_to_do(monkeypatch):
    def execute_script(blocks, variables, conf):  # one parameter less
        return [], 0.0

    monkeypatch.setattr(gen_rst, "execute_script", execute_script)
    with pytest.raises(ExtensionError) as raised:
        example_runner.setup(None)
    message = str(raised.value)
    assert "execute_script no longer takes" in message
    assert "docs/_ext/example_runner/gallery.py" in message


def test_a_changed_output_template_is_reported(monkeypatch):
    monkeypatch.setattr(gen_rst, "CODE_OUTPUT", ".. code-block:: none\n\n{0}\n")
    assert gallery.contract_violations() == [
        "gen_rst.CODE_OUTPUT is no longer the output block's template"
    ]


def test_a_script_variable_sphinx_gallery_stopped_using_is_reported(
    monkeypatch, tmp_path
):
    # sphinx-gallery's generate_file_rst, with script_vars["passing"] renamed
    source = inspect.getsource(gen_rst.generate_file_rst)
    changed = tmp_path / "changed_gen_rst.py"
    changed.write_text(
        "from __future__ import annotations\n\n"
        + source.replace('"passing"', '"passed"'),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("changed_gen_rst")
    monkeypatch.setattr(gen_rst, "generate_file_rst", module.generate_file_rst)
    assert gallery.contract_violations() == [
        'generate_file_rst no longer uses script_vars["passing"]'
    ]


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
    monkeypatch.setenv("EXAMPLE_RUNNER_EXT_DIR", str(EXT_DIR))
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "examples").mkdir()
    (project / "examples" / "GALLERY_HEADER.rst").write_text("Fixtures\n========\n")
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
        app = SphinxTestApp(
            srcdir=project,
            confoverrides={"extensions": ["example_runner", "_contract_spy"]},
            status=StringIO(),
            warning=StringIO(),
        )
        try:
            app.build()
        finally:
            app.cleanup()
    finally:
        del sys.modules["_contract_spy"]
    (during,) = seen
    assert during is not before
    assert during.__module__ == gallery.__name__
    assert gen_rst.execute_script is before  # put back afterwards
