"""The "Out:" label of sphinx-gallery's output blocks, in the page's language.

sphinx-gallery writes the label with CSS (``.sphx-glr-script-out::before
{content: "Out:"}`` in ``sg_gallery.css``), where no catalog reaches it.  This
extension writes a one-rule stylesheet with the word from ``ext_words`` for
the language being built, loaded after sphinx-gallery's.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from i18n.ext_words import _
from shared import add_static_path

__version__ = "1.0"

STYLESHEET = "output-label.css"


def stylesheet() -> str:
    """The rule that puts this language's label before every output block."""
    label = json.dumps(str(_("Out:")), ensure_ascii=False)
    return f".sphx-glr-script-out::before {{ content: {label}; }}\n"


def _write(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    folder = Path(app.doctreedir, "output_label")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STYLESHEET
    text = stylesheet()
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    add_static_path(app.config, folder)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("i18n.ext_words")
    app.add_css_file(STYLESHEET, priority=600)  # after sphinx-gallery's (500)
    app.connect("builder-inited", _write)
    return {
        "version": __version__,
        # The stylesheet is written once, before any page is read.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
