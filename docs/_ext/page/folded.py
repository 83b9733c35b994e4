"""Folded hints, answers and solutions: a ``<details>`` that needs no JavaScript.

Usage in reST::

    .. folded:: Hint 1: where do the children go?

       Content, any reST, shown when the reader opens it.

The summary line is a message of the page's catalog like any paragraph, so it
is translated with the page.  In HTML (and the EPUB, whose pages are HTML) the
content is a ``<details>`` element, closed until the reader opens it; other
builders show the summary as a heading and the content under it.

Other extensions build the same nodes with :func:`folded_node` (the try-this
boxes fold their answers with them).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxTranslator
from sphinx.util.typing import ExtensionMetadata

from shared import serve_static

__version__ = "1.0"


class folded(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """A ``<details>`` element: a ``folded_summary`` then the folded content."""


class folded_summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The line that stays visible; translatable when it comes from a page."""


def folded_node(summary: nodes.Node | str, classes: list[str]) -> folded:
    """A closed ``folded`` node whose summary is ``summary`` (a word, or a node)."""
    node = folded(classes=["folded", *classes])
    if isinstance(summary, str):
        node += folded_summary(summary, summary)
    else:
        node += summary
    return node


class Folded(SphinxDirective):
    """``.. folded:: <summary>``: the content, folded under its summary."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"class": lambda arg: arg.split()}

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error(
                f"{self.get_location()}: a folded block needs content under its "
                "summary line"
            )
        text = self.arguments[0]
        inline, messages = self.state.inline_text(text, self.lineno)
        summary = folded_summary(text, "", *inline)
        self.set_source_info(summary)
        node = folded_node(summary, self.options.get("class", []))
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node, *messages]


def _visit_folded_html(self: SphinxTranslator, node: folded) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="{classes}">')


def _depart_folded_html(self: SphinxTranslator, node: folded) -> None:
    self.body.append("</details>\n")


def _visit_summary_html(self: SphinxTranslator, node: folded_summary) -> None:
    self.body.append("<summary>")


def _depart_summary_html(self: SphinxTranslator, node: folded_summary) -> None:
    self.body.append("</summary>\n")


def _visit_plain(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def _depart_plain(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def setup(app: Sphinx) -> ExtensionMetadata:
    plain = (_visit_plain, _depart_plain)
    for node, html in (
        (folded, (_visit_folded_html, _depart_folded_html)),
        (folded_summary, (_visit_summary_html, _depart_summary_html)),
    ):
        app.add_node(node, html=html, latex=plain, text=plain, man=plain, texinfo=plain)
    app.add_directive("folded", Folded)
    app.add_css_file("folded.css")
    serve_static(app, Path(__file__).parent / "static")
    return {
        "version": __version__,
        # Nodes are made when a page is read; nothing is kept between pages.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
