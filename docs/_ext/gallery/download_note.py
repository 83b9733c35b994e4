"""Lesson pages open with the lesson, not with sphinx-gallery's download note.

sphinx-gallery starts every example page with a note, "Go to the end to
download the full example code.", and has no option to leave it out. On this
site it repeated the same sentence at the top of every lesson, and every search
result's excerpt began with it. The download buttons at the end of the page
stay, under the "Run it yourself" note (``run_it_yourself.py``) that says what
to do with the script.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

__version__ = "1.0"

# the class sphinx-gallery gives the note (gen_rst.EXAMPLE_HEADER)
NOTE_CLASS = "sphx-glr-download-link-note"


def remove_download_note(doctree: nodes.document) -> int:
    """Take the note out of a page (and its ``only`` block, left empty); how many."""
    notes = [
        node
        for node in doctree.findall(nodes.Element)
        if NOTE_CLASS in node.get("classes", ())
    ]
    for note in notes:
        parent = note.parent
        note.parent.remove(note)
        if isinstance(parent, addnodes.only) and not parent.children:
            parent.parent.remove(parent)
    return len(notes)


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    remove_download_note(doctree)


def check_note_class() -> None:
    """Stop if sphinx-gallery still writes a note, but under another class.

    The note would then come back at the top of every lesson, silently.
    """
    import sphinx_gallery
    from sphinx_gallery import gen_rst

    header = str(getattr(gen_rst, "EXAMPLE_HEADER", ""))
    if ".. note::" in header and NOTE_CLASS not in header:
        raise ExtensionError(
            f"download_note: sphinx-gallery {sphinx_gallery.__version__} writes the "
            "note at the top of each example (gen_rst.EXAMPLE_HEADER) without the "
            f"class {NOTE_CLASS!r} that docs/_ext/gallery/download_note.py removes, so "
            "every lesson would open with it again. Adapt NOTE_CLASS (and its test in "
            "tests/test_page_extensions.py), or reinstall the sphinx-gallery "
            "version pinned in requirements.txt (make html does)."
        )


def setup(app: Sphinx) -> dict[str, Any]:
    check_note_class()
    app.connect("doctree-read", _on_doctree_read)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
