"""A note on every lesson page: the command that runs it, and what it needs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from .contract import DOWNLOAD_LABEL

__version__ = "1.0"

_NOTE = """
.. admonition:: Run it yourself
   :class: run-it-yourself

   Download the script below and run it in a terminal with ``python {name}``.
   {needs}{order}

"""
_PLAIN = "It needs Python {python} or newer and nothing else."
_MATPLOTLIB = (
    "It needs Python {python} or newer and matplotlib (``pip install matplotlib``)."
)
# The oldest Python the course supports; a lesson may need a newer one
# (``# sphinx_gallery_requires_python = "3.14"``, example_runner/options.py).
OLDEST_PYTHON = "3.11"
_ORDER = (
    " Lines printed by different processes may come in a different order on your"
    " machine, because the operating system decides which process runs when."
)
# The note goes before sphinx-gallery's label of the download links at the
# end of a lesson page (contract.DOWNLOAD_LABEL), into the generated reST
# before Sphinx reads it (not into the document), so that the page's own
# catalog translates it like its prose.


def _add_note(app: Sphinx, docname: str, source: list[str]) -> None:
    if not docname.startswith("examples/") or docname.endswith("/index"):
        return
    match = DOWNLOAD_LABEL.search(source[0])
    if match is None:
        return
    name = docname.rsplit("/", 1)[-1] + ".py"
    needs = _MATPLOTLIB if "import matplotlib" in source[0] else _PLAIN
    needs = needs.format(python=_python_needed(Path(app.srcdir, docname + ".py")))
    starts_processes = re.search(r"multiprocessing|concurrent\.futures", source[0])
    note = _NOTE.format(
        name=name, needs=needs, order=_ORDER if starts_processes else ""
    )
    source[0] = source[0][: match.start()] + note + source[0][match.start() :]


def _python_needed(script: Path) -> str:
    """The oldest Python the lesson ``script`` (sphinx-gallery's copy of it,
    beside its page's source) runs on."""
    if not script.is_file():
        return OLDEST_PYTHON
    file_conf, _blocks = split_code_and_text_blocks(str(script))
    return str(file_conf.get("requires_python", OLDEST_PYTHON))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("gallery.contract")  # stops the build if its shapes changed
    app.connect("source-read", _add_note)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
