"""The files a lesson offers beside it: which they are, their words, their copies.

A lesson may work with other files of its folder: the homework's starter,
client, solution and checker, which its page tells the reader to put next to
it.  This module owns them:

- which they are: the files of the lesson's source folder that the lesson
  names (``homework_server.py``, in a ``:download:`` link, its text or code);
- their words: the gettext builder gets their comments and docstrings as
  messages of the lesson's page (``i18n.code_comments``), so a translator
  translates them with the page;
- the reader's copies: at the end of an HTML build, each one's download
  (``_downloads/``) and each lesson's zip (sphinx-gallery zips a lesson by
  itself) get the file with its comments and docstrings in the build's
  language, the code the same line for line.  The "all lessons" zip holds the
  lessons only.

It runs after ``plain_download.py`` has written the lessons as readers get
them (priority 500).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from i18n import code_comments
from i18n.catalogs import translates

__version__ = "2.0"

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


def reader_file(app: Sphinx, docname: str, path: Path) -> bytes:
    """The file ``path`` as the page ``docname`` offers it to this build's
    readers: a Python file with its comments and docstrings translated."""
    data = path.read_bytes()
    if path.suffix != ".py" or not translates(app):
        return data
    translated = code_comments.translator(app, docname)
    code = code_comments.translated_code(data.decode("utf-8"), translated, path)
    return code.encode("utf-8")


def _gallery_folders(app: Sphinx) -> list[tuple[Path, str]]:
    """(the lessons' source folder, the gallery folder its pages go to)."""
    conf = app.config.sphinx_gallery_conf
    return [
        (Path(app.srcdir, source).resolve(), gallery)
        for source, gallery in zip(
            conf["examples_dirs"], conf["gallery_dirs"], strict=True
        )
    ]


def _lesson_source(app: Sphinx, docname: str) -> Path | None:
    """The script of the lesson page ``docname`` (None: not a lesson page)."""
    for source_dir, gallery in _gallery_folders(app):
        if docname.startswith(f"{gallery}/"):
            script = source_dir / f"{docname[len(gallery) + 1 :]}.py"
            return script if script.is_file() else None
    return None


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """For the gettext builder: the offered files' words, messages of the page."""
    if app.builder.name != "gettext":
        return
    lesson = _lesson_source(app, app.env.docname)
    if lesson is None:
        return
    for path in offered_files(lesson):
        if path.suffix == ".py":
            found = code_comments.messages(path.read_text(encoding="utf-8"))
            if found:
                doctree += code_comments.messages_node(found)


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if (
        exception is not None
        or app.builder.format != "html"
        or app.builder.name.startswith("epub")
    ):
        return
    downloads = Path(app.outdir, "_downloads")
    srcdir = Path(app.srcdir)
    zips = {}
    for source, (docnames, dest) in sorted(app.env.dlfiles.items()):
        if str(source).endswith(".zip"):
            zips[Path(str(source)).as_posix()] = downloads / dest
            continue
        path = (srcdir / source).resolve()
        for docname in sorted(docnames):
            lesson = _lesson_source(app, docname)
            if lesson and path in offered_files(lesson):
                if (downloads / dest).is_file():  # as the first page offers it
                    (downloads / dest).write_bytes(reader_file(app, docname, path))
                break
    for source_dir, gallery in _gallery_folders(app):
        for lesson in sorted(source_dir.rglob("*.py")):
            rel = lesson.relative_to(source_dir).with_suffix("")
            target = zips.get(f"{gallery}/{rel.as_posix()}.zip")
            if target is None or not target.is_file():
                continue  # not a lesson (an offered file itself), or no zip
            docname = f"{gallery}/{rel.as_posix()}"
            extra = {
                path.name: reader_file(app, docname, path)
                for path in offered_files(lesson)
            }
            if extra:
                _add_to_zip(target, extra)


def _add_to_zip(target: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target) as old:
        present = set(old.namelist())
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as book:
        for name, data in files.items():
            if name not in present:
                book.writestr(name, data)
    logger.debug("[offered_files] %s: added %s", target.name, sorted(files))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("i18n.code_comments")
    app.connect("doctree-read", _on_doctree_read)
    # after plain_download.py rewrites the zips' lessons (priority 500)
    app.connect("build-finished", _on_build_finished, priority=800)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
