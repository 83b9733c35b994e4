"""A lesson's failure is the lesson's: reported as the build's own error.

A lesson that fails, hangs, leaks a process, floods its output, or whose
config comments or "Try this" boxes are wrong raises ``LessonError`` with the
whole message (the file and line, the cause, the setting that fixes it).  The
seam to sphinx-gallery (``gallery.py``) catches it and calls ``report``: the
message is logged as an error, as Sphinx logs a page's, the lesson's page
shows no output, nothing of it is cached, and the build goes on with the other
lessons and ends with a non-zero status.  Had the exception gone up to Sphinx,
it would have printed "Extension error!" with a traceback and a request to
report the problem at Sphinx's own tracker.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)


class LessonError(ExtensionError):
    """What is wrong with a lesson or its run; the message says it all."""

    category = "Lesson error"


def report(app: Sphinx, error: LessonError) -> None:
    """Log ``error`` as the build's own and make the build fail, with or
    without ``-W`` (``suppress_warnings`` cannot silence it)."""
    logger.error("%s", error.message)
    app.statuscode = 1
