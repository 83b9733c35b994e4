"""What we add to sphinx-gallery's pages, besides running the lessons.

sphinx-gallery turns ``examples/`` into the lesson pages and the section
indexes; ``example_runner/`` runs the lessons for it (its ``gallery.py`` is the
seam to sphinx-gallery's execution).  This package owns the rest of what we do
to those pages:

- ``contract.py``: everything we assume about sphinx-gallery (its execution
  function, the shape of its output, cards and download links), checked by
  behaviour when the build starts; the other packages ask it;
- ``lesson_order.py``: a section's lessons in the order its GALLERY_HEADER.rst
  lists them (conf.py's ``within_subsection_order`` names its ``LessonOrder``);
- ``section_intro.py``: a section's full introduction, on its own page only;
- ``download_note.py``: lesson pages open with the lesson, not with
  sphinx-gallery's "go to the end to download" note;
- ``plain_download.py``: a lesson's download (script, zip) reads as a plain
  Python script in the build's language: prose without reST, no settings;
- ``offered_files.py``: the files of its folder a lesson offers with it (the
  homework's starter, client, solution and checker): their words as messages
  of its page, and in its zip and their downloads in the build's language;
- ``run_it_yourself.py``: the note on every lesson page with the command that
  runs it and what it needs;
- ``figure_alt.py``: a lesson's figures described by its title, in the page's
  language, not by their file names;
- ``featured_lesson.py``: the ``featured-lesson`` directive, a lesson's real
  output and timeline on another page (the home page).

conf.py lists ``gallery``; ``setup`` sets up each module.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from shared import set_up_modules

MODULES = (
    "contract",
    "download_note",
    "featured_lesson",
    "figure_alt",
    "lesson_order",
    "offered_files",
    "plain_download",
    "run_it_yourself",
    "section_intro",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    return set_up_modules(app, __name__, MODULES)
