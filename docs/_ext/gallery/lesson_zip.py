"""A lesson's zip holds the files its page offers with it, not the lesson alone.

sphinx-gallery zips each lesson's script by itself (``<lesson>.zip``, the
"Download zipped" button).  A lesson that works with other files of its folder
(the homework's starter, client, solution and checker, which its page tells
the reader to put next to it) would leave the reader to fetch each by hand.
At the end of an HTML build this adds to each lesson's zip, as written in the
site's ``_downloads/``, every file of the lesson's source folder that the
lesson names (``homework_server.py``, in a ``:download:`` link, in its text or
in its code), at the zip's top, beside the lesson.

It runs after ``plain_download.py`` has written the zips' lessons as readers
get them: the files added are the same in every language (a translation
translates only the lessons).  The "all lessons" zip holds the lessons only.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

__version__ = "1.0"

logger = logging.getLogger(__name__)

# The folder's own files that are no program: the section's introduction.
_NOT_OFFERED = {"GALLERY_HEADER.rst", "README.rst", "README.txt"}


def offered_files(lesson: Path) -> list[Path]:
    """The files of ``lesson``'s folder that the lesson names (its page's
    downloads, the files it runs or tells the reader to put next to it)."""
    text = lesson.read_text(encoding="utf-8")
    found = []
    for path in sorted(lesson.parent.iterdir()):
        if not path.is_file() or path == lesson or path.name in _NOT_OFFERED:
            continue
        if path.suffix in (".pyc", ".zip"):
            continue
        if re.search(rf"(?<![\w.-]){re.escape(path.name)}(?![\w.-])", text):
            found.append(path)
    return found


def _gallery_folders(app: Sphinx) -> list[tuple[Path, str]]:
    """(the lessons' source folder, the gallery folder its pages go to)."""
    conf = app.config.sphinx_gallery_conf
    return [
        (Path(app.srcdir, source).resolve(), gallery)
        for source, gallery in zip(
            conf["examples_dirs"], conf["gallery_dirs"], strict=True
        )
    ]


def _add_offered_files(app: Sphinx, exception: BaseException | None) -> None:
    if (
        exception is not None
        or app.builder.format != "html"
        or app.builder.name.startswith("epub")
    ):
        return
    downloads = Path(app.outdir, "_downloads")
    zips = {
        Path(str(source)).as_posix(): downloads / dest
        for source, (_docs, dest) in app.env.dlfiles.items()
        if str(source).endswith(".zip")
    }
    for source_dir, gallery in _gallery_folders(app):
        for lesson in sorted(source_dir.rglob("*.py")):
            rel = lesson.relative_to(source_dir).with_suffix(".zip").as_posix()
            target = zips.get(f"{gallery}/{rel}")
            if target is None or not target.is_file():
                continue  # not a lesson (an offered file itself), or no zip
            extra = offered_files(lesson)
            if extra:
                _add_to_zip(target, extra)


def _add_to_zip(target: Path, files: list[Path]) -> None:
    with zipfile.ZipFile(target) as old:
        present = set(old.namelist())
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as book:
        for path in files:
            if path.name not in present:
                book.write(path, path.name)
    logger.debug("[lesson_zip] %s: added %s", target.name, [p.name for p in files])


def setup(app: Sphinx) -> dict[str, Any]:
    # after plain_download.py rewrites the zips' lessons (priority 500)
    app.connect("build-finished", _add_offered_files, priority=800)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
