"""What the site's search lists first: the lesson that teaches a word.

Sphinx's search page puts first the pages with a "main" index entry that
matches the query (``.. index:: ! zombie`` in a lesson's docstring, 僵尸进程 in
Chinese: index entries are catalog messages, see conf.py), then the pages
whose title matches, then the pages that use the word.  The glossary's terms
are main entries too, so the glossary came before every lesson and a page
whose title is the query came after it.  Here the glossary's entries stay in
the index but are not main: the glossary is listed after the lessons.  And a
lesson's entry leads to the lesson, whose words the search page shows.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"


def _entries(app: Sphinx, doctree: nodes.document) -> None:
    glossaries = list(doctree.findall(addnodes.glossary))
    in_glossary = {id(i) for g in glossaries for i in g.findall(addnodes.index)}
    for index in doctree.findall(addnodes.index):
        if id(index) in in_glossary:  # listed after the lessons
            index["entries"] = [
                (kind, value, target, "", *rest)
                for kind, value, target, _main, *rest in index["entries"]
            ]
        else:
            # An ``index`` directive's entry leads to the page itself: its own
            # target is an empty mark, whose text (none) Sphinx's search page
            # would show as the result's excerpt, and fail to.
            index["entries"] = [
                (kind, value, "", main, *rest)
                for kind, value, _target, main, *rest in index["entries"]
            ]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-read", _entries)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
