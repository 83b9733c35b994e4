"""The part of sphinx-gallery that the example runner hooks into still has its shape.

If one of these fails after upgrading sphinx-gallery, read the new version's
``gen_rst.py`` and adapt ``docs/_ext/example_runner`` before changing the pin.
"""

from __future__ import annotations

import inspect

import sphinx_gallery
from sphinx_gallery import gen_gallery, gen_rst, scrapers

HOW_TO_FIX = (
    "sphinx-gallery changed where the example runner hooks in; adapt "
    f"docs/_ext/example_runner to sphinx-gallery {sphinx_gallery.__version__} "
    "(see this test's docstring)"
)


def test_sphinx_gallery_is_the_pinned_minor_version():
    assert sphinx_gallery.__version__.startswith("0.22."), HOW_TO_FIX


def test_generate_file_rst_calls_execute_script_by_its_module_name():
    source = " ".join(inspect.getsource(gen_rst.generate_file_rst).split())
    call = "execute_script( script_blocks, script_vars, gallery_conf, file_conf )"
    assert call in source or call.replace("( ", "(").replace(" )", ")") in source, (
        HOW_TO_FIX
    )


def test_execute_script_signature_and_contract():
    params = list(inspect.signature(gen_rst.execute_script).parameters)
    # our replacement's signature is checked too: it must stay a drop-in
    from example_runner import execute_script

    assert params == ["script_blocks", "script_vars", "gallery_conf", "file_conf"], (
        HOW_TO_FIX
    )
    assert list(inspect.signature(execute_script).parameters) == params
    source = inspect.getsource(gen_rst.generate_file_rst)
    for key in (
        'script_vars["memory_delta"]',
        '"passing"',
        '"formatted_exception"',
        '"image_path_iterator"',
        '"target_file"',
        '"execute_script"',
    ):
        assert key.strip('"') in source, f"{key}: {HOW_TO_FIX}"
    assert 'script_vars["example_globals"]' in inspect.getsource(
        gen_rst._get_backreferences
    ), HOW_TO_FIX


def test_helpers_the_runner_uses_are_there():
    assert "sphx-glr-script-out" in gen_rst.CODE_OUTPUT, HOW_TO_FIX
    assert "{0}" in gen_rst.CODE_OUTPUT, HOW_TO_FIX
    assert list(inspect.signature(gen_rst.codestr2rst).parameters)[:2] == [
        "codestr",
        "lang",
    ]
    assert list(inspect.signature(gen_rst.get_md5sum).parameters) == [
        "src_file",
        "mode",
    ]
    assert list(inspect.signature(scrapers.save_figures).parameters) == [
        "block",
        "block_vars",
        "gallery_conf",
    ], HOW_TO_FIX
    assert list(inspect.signature(scrapers.figure_rst).parameters)[:2] == [
        "figure_list",
        "sources_dir",
    ], HOW_TO_FIX
    assert callable(gen_gallery._expected_failing_examples), HOW_TO_FIX


def test_the_runner_is_installed_in_place_of_sphinx_gallery_execution():
    import example_runner

    class FakeApp:
        connected: dict = {}

        def setup_extension(self, name):
            pass

        def connect(self, event, handler, priority=500):
            self.connected[event] = priority

    app = FakeApp()
    metadata = example_runner.setup(app)
    assert gen_rst.execute_script is example_runner.execute_script
    # Background runs start before sphinx-gallery's builder-inited handler (500).
    assert app.connected["builder-inited"] < 500
    assert metadata["parallel_read_safe"] is True
