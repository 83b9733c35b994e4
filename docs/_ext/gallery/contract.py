"""Everything this project assumes about sphinx-gallery, in one place.

Our packages ask here instead of knowing sphinx-gallery's shapes themselves:

- ``EXECUTE_SCRIPT``: the parameters of ``gen_rst.execute_script``, the one
  function the runner stands in for (``example_runner/gallery.py``), and
  ``SCRIPT_VARS_READ``, what the runner reads from its ``script_vars``;
- ``OUTPUT_CLASS``: the class of every output block of a lesson page;
- ``DOWNLOAD_LABEL``: the label before a lesson page's download links, in the
  generated reST (``gallery/run_it_yourself.py`` puts its note there);
- ``CARD``: one card of a gallery index, raw HTML in the generated reST
  (``i18n/gallery_card_translations.py`` translates its words).

``violations()`` checks each assumption by behaviour: it fills sphinx-gallery's
own templates with sample values and reads them back with our patterns, and
looks at the execution function's parameters.  ``check()`` (run when the
``gallery`` package and the runner are set up) stops the build with what
changed and what to do.  What sphinx-gallery does with the values the runner
sets in ``script_vars`` (``passing``, ``formatted_exception``...) shows on the
pages: the fixture builds of tests/test_fixture_builds.py check it, and
tests/test_sphinx_gallery_contract.py says which test covers which.  That
sphinx-gallery still calls ``execute_script`` at all, each build checks
(``example_runner/gallery.py``, ``check_called``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import sphinx_gallery
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx_gallery import backreferences, gen_rst

__version__ = "1.0"

EXECUTE_SCRIPT = ["script_blocks", "script_vars", "gallery_conf", "file_conf"]
SCRIPT_VARS_READ = ("src_file", "target_file", "execute_script", "image_path_iterator")
OUTPUT_CLASS = "sphx-glr-script-out"
DOWNLOAD_LABEL = re.compile(r"^\.\. _sphx_glr_download_\S+:$", re.M)
# the tooltip, the link to the lesson and the title of a card
CARD = re.compile(
    r'(<div class="sphx-glr-thumbcontainer" tooltip=")(?P<tooltip>[^"]*)(">)'
    r"(?P<middle>.*?:doc:`(?P<doc>/[^`]+)`.*?)"
    r'(<div class="sphx-glr-thumbnail-title">)(?P<title>.*?)(</div>)',
    re.S,
)

# What the checks fill sphinx-gallery's card template with.
_SAMPLE_CARD = {
    "intro": "The tooltip &amp; intro",
    "title": "The lesson's title",
    "doc_name": "/examples/01_topic/a_lesson",
    "thumbnail": "examples/01_topic/images/thumb/sphx_glr_a_lesson_thumb.png",
    "tags": "",
}
_HOW_TO_FIX = (
    "sphinx-gallery {version} no longer has the shape this project expects: "
    "{what}. Pin the sphinx-gallery version in requirements.txt that "
    "tests/test_sphinx_gallery_contract.py passes with (make html installs it), "
    "or adapt docs/_ext/gallery/contract.py and what uses it to the new version."
)


def violations(execute_script: Callable[..., Any] | None = None) -> list[str]:
    """What is not as expected in the installed sphinx-gallery (``execute_script``:
    sphinx-gallery's own, when ours stands in for it)."""
    found = []
    function = execute_script or gen_rst.execute_script
    if list(inspect.signature(function).parameters) != EXECUTE_SCRIPT:
        found.append(
            f"gen_rst.execute_script no longer takes ({', '.join(EXECUTE_SCRIPT)}),"
            " which the example runner stands in for"
        )
    block = _filled(getattr(gen_rst, "CODE_OUTPUT", None), "printed\n")
    if OUTPUT_CLASS not in block or "printed" not in block:
        found.append(
            f"gen_rst.CODE_OUTPUT no longer makes an output block of class "
            f"{OUTPUT_CLASS}, which the runner fills and the home page shows"
        )
    header = _filled(getattr(gen_rst, "DOWNLOAD_LINKS_HEADER", None), "examples_x.py")
    if DOWNLOAD_LABEL.search(header) is None:
        found.append(
            "gen_rst.DOWNLOAD_LINKS_HEADER no longer writes the label "
            "'.. _sphx_glr_download_<example>:' before which every lesson page "
            "gets its 'Run it yourself' note (DOWNLOAD_LABEL)"
        )
    template = getattr(backreferences, "THUMBNAIL_TEMPLATE", None)
    card = CARD.search(_filled(template, **_SAMPLE_CARD))
    if card is None or (card["tooltip"], card["doc"], card["title"]) != (
        _SAMPLE_CARD["intro"],
        _SAMPLE_CARD["doc_name"],
        _SAMPLE_CARD["title"],
    ):
        found.append(
            "backreferences.THUMBNAIL_TEMPLATE no longer makes the gallery cards "
            "that CARD reads, so the Chinese gallery would show English cards"
        )
    return found


def check(execute_script: Callable[..., Any] | None = None) -> None:
    """Raise an ExtensionError naming the first thing not as expected."""
    for what in violations(execute_script):
        raise ExtensionError(
            _HOW_TO_FIX.format(version=sphinx_gallery.__version__, what=what)
        )


def _filled(template: object, *args: str, **kwargs: str) -> str:
    """``template`` filled in, or "" when it is gone or its placeholders changed."""
    if not isinstance(template, str):
        return ""
    try:
        return template.format(*args, **kwargs)
    except (KeyError, IndexError, ValueError):
        return ""


def setup(app: Sphinx) -> dict[str, object]:
    check()
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
