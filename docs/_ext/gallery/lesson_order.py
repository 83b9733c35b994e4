"""Order lessons inside a gallery section as its GALLERY_HEADER.rst lists them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

# In GALLERY_HEADER.rst, a reST comment (never rendered, never translated):
#   .. lesson-order: first_lesson.py second_lesson.py
_ORDER = re.compile(r"^\.\. lesson-order:((?:\s+\S+\.py)+)\s*$", re.M)


class LessonOrder:
    """sphinx-gallery ``within_subsection_order``: listed lessons first, in order."""

    def __init__(self, src_dir: str) -> None:
        self.src_dir = src_dir

    def __call__(self, filename: str) -> tuple[int, str]:
        order = lesson_order(Path(self.src_dir))
        return (order.index(filename) if filename in order else len(order), filename)


def lesson_order(folder: Path) -> list[str]:
    """The lesson files that ``folder``'s GALLERY_HEADER.rst lists, in order."""
    header = folder / "GALLERY_HEADER.rst"
    if not header.is_file():
        return []
    match = _ORDER.search(header.read_text(encoding="utf-8"))
    return match.group(1).split() if match else []


def setup(app: Sphinx) -> dict[str, Any]:
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
