"""A note on every lesson page: the command that runs it, and what it needs."""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

__version__ = "1.0"

_NOTE = """
.. admonition:: Run it yourself
   :class: run-it-yourself

   Download the script below and run it in a terminal with ``python {name}``.
   {needs}{order}

"""
_PLAIN = "It needs Python 3.11 or newer and nothing else."
_MATPLOTLIB = (
    "It needs Python 3.11 or newer and matplotlib (``pip install matplotlib``)."
)
_ORDER = (
    " Lines printed by different processes may come in a different order on your"
    " machine, because the operating system decides which process runs when."
)
# sphinx-gallery's label of the download links at the end of a lesson page.
# The note goes into the generated reST before Sphinx reads it (not into the
# document), so that the page's own catalog translates it like its prose.
_DOWNLOADS = re.compile(r"^\.\. _sphx_glr_download_\S+:$", re.M)


def _add_note(app: Sphinx, docname: str, source: list[str]) -> None:
    if not docname.startswith("examples/") or docname.endswith("/index"):
        return
    match = _DOWNLOADS.search(source[0])
    if match is None:
        return
    name = docname.rsplit("/", 1)[-1] + ".py"
    needs = _MATPLOTLIB if "import matplotlib" in source[0] else _PLAIN
    starts_processes = re.search(r"multiprocessing|concurrent\.futures", source[0])
    note = _NOTE.format(
        name=name, needs=needs, order=_ORDER if starts_processes else ""
    )
    source[0] = source[0][: match.start()] + note + source[0][match.start() :]


def check_download_label() -> None:
    """Stop unless ``_DOWNLOADS`` still finds the label sphinx-gallery writes.

    The label comes from ``gen_rst.DOWNLOAD_LINKS_HEADER``, filled with the
    example's path (``examples/01_topic/lesson.py`` becomes
    ``examples_01_topic_lesson.py``); if it changes, no page would get its note.
    """
    import sphinx_gallery
    from sphinx_gallery import gen_rst

    template = getattr(gen_rst, "DOWNLOAD_LINKS_HEADER", None)
    try:
        header = template.format("examples_01_topic_lesson.py") if template else ""
    except (KeyError, IndexError, ValueError):  # the placeholder changed
        header = ""
    if _DOWNLOADS.search(header) is None:
        raise ExtensionError(
            f"run_it_yourself: sphinx-gallery {sphinx_gallery.__version__} no longer "
            "writes the download label '.. _sphx_glr_download_<example>:' that "
            "_DOWNLOADS in docs/_ext/gallery/run_it_yourself.py looks for "
            "(gen_rst.DOWNLOAD_LINKS_HEADER changed), so no lesson page would get "
            "its 'Run it yourself' note. Adapt _DOWNLOADS to the new header (and "
            "its unit tests in tests/test_page_extensions.py), or reinstall the "
            "sphinx-gallery version pinned in requirements.txt (make html does)."
        )


def setup(app: Sphinx) -> dict[str, Any]:
    check_download_label()
    app.connect("source-read", _add_note)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
