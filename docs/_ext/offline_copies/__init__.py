"""The course offline: an EPUB per language, and links to it and to the zipped site.

``make html`` builds each language's EPUB with Sphinx's ``epub`` builder from
the same doctrees as the HTML (so no lesson runs again), then
``tools/offline.py`` puts the EPUB and a zip of the HTML site into
``<language>/offline/``.  This extension

- names the files, per language (:func:`offline_name`);
- lets pages link to them as ``[EPUB](offline:epub)`` and ``[zip](offline:zip)``
  (MyST turns the ``offline:`` scheme into this language's file name);
- takes out of the EPUB what only works on the website: the links to the
  offline copies and the lessons' download links;
- makes the EPUB's table of contents list every page of the site's tree
  (each section, each lesson), under a heading in its language;
- shows in the EPUB the light version of each diagram, and not both
  (``static/offline-epub.css``, the EPUB's stylesheet).

One module, and its static folder; conf.py lists ``offline_copies``.  It loads
no Sphinx when imported: tools/offline.py uses its names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared import serve_static

# tools/offline.py imports the names below without loading Sphinx
if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"

BASENAME = "python-processes-by-example"
FOLDER = "offline"
# Lesson parts that only work on the website (downloads of the scripts).
_WEB_ONLY = {
    "offline-copies",
    "sphx-glr-footer",  # holds the download links
    "sphx-glr-download",
}


def offline_name(language: str, suffix: str) -> str:
    """The file name of one language's offline copy: ``epub`` or ``zip``."""
    return f"{BASENAME}-{language}.{suffix}"


def _configure(app: Sphinx, config: Config) -> None:
    language = config.language or "en"
    schemes = config.myst_url_schemes
    if isinstance(schemes, list | tuple):
        schemes = dict.fromkeys(schemes)
    config.myst_url_schemes = {
        **schemes,
        "offline": {"url": f"{FOLDER}/{offline_name(language, '{{path}}')}"},
    }
    config.epub_basename = offline_name(language, "epub")[: -len(".epub")]
    from i18n.ext_words import _  # here: tools/offline.py imports this without Sphinx

    config.epub_title = _(config.project)  # the site's title, in this language
    config.epub_language = language.replace("_", "-")  # a BCP 47 tag: zh-CN
    # EPUB 3 wants a version; the course has editions by year, not releases.
    config.version = config.version or config.copyright.split(",", 1)[0]


def _pages_toc(builder: Any) -> None:
    """The EPUB's table of contents: every page of the site's tree (toctrees,
    hidden ones too), by its title, at its depth in the tree; not the headings
    inside the pages, whose levels Sphinx counts in with the pages' and which
    would push the lessons below ``epub_tocdepth``."""
    import html

    from sphinx.builders._epub_base import ssp

    env = builder.env
    refnodes: list[dict[str, Any]] = []

    def walk(docname: str, level: int) -> None:
        for child in env.toctree_includes.get(docname, ()):
            if child not in env.titles:
                continue
            refnodes.append(
                {
                    "level": level,
                    "refuri": html.escape(child + builder.out_suffix),
                    "text": ssp(html.escape(env.titles[child].astext())),
                }
            )
            walk(child, level + 1)

    walk(builder.config.root_doc, 1)
    builder.refnodes = refnodes
    builder.toc_add_files(builder.refnodes)


def _course_epub_builder() -> type:
    """Sphinx's EPUB 3 builder, whose table of contents lists every page (see
    :func:`_pages_toc`) under a heading in its language (Sphinx writes "Table
    of Contents" whatever the language); its metadata, too, in its language;
    it takes the name ``epub``."""
    import html

    from sphinx.builders.epub3 import Epub3Builder

    from i18n.ext_words import _

    class CourseEpubBuilder(Epub3Builder):
        def content_metadata(self) -> dict[str, Any]:
            """The book's author, publisher, rights and description in its
            language, from Sphinx's catalog as the pages' footer has them."""
            from sphinx.locale import get_translation

            words = get_translation("sphinx")
            metadata = super().content_metadata()
            config, author = self.config, self.config.author
            for key, value in (
                ("author", config.epub_author),
                ("publisher", config.epub_publisher),
                ("copyright", config.epub_copyright),
            ):
                if author:
                    value = value.replace(author, str(words(author)))
                metadata[key] = html.escape(value)
            description = str(words(config.epub_description))
            metadata["description"] = html.escape(description)
            return metadata

        def get_toc(self) -> None:
            # the first step of writing the book (handle_finish), when the
            # page's language is known
            self.guide_titles = {**self.guide_titles, "toc": _("Table of Contents")}
            _pages_toc(self)

    return CourseEpubBuilder


def _website_only_out(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the EPUB, drop what links outside it: downloads and offline copies."""
    if not app.builder.name.startswith("epub"):
        return
    from docutils import nodes

    for node in list(doctree.findall(nodes.Element)):
        if not _WEB_ONLY & set(node.get("classes", ())):
            continue
        parent = node.parent
        if parent is None:
            continue
        parent.remove(node)
        # a section left with nothing but its title goes too
        if (
            isinstance(parent, nodes.section)
            and len(parent.children) == 1
            and isinstance(parent[0], nodes.title)
            and parent.parent is not None
        ):
            parent.parent.remove(parent)


def _epub_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """EPUB pages say their language (readers pick fonts by it) and carry no
    scripts, which e-book readers do not run."""
    if app.builder.name.startswith("epub"):
        context["script_files"] = []
        tag = (app.config.language or "en").replace("_", "-")
        html_tag = context.get("html_tag") or "<html>"
        if " lang=" not in html_tag:
            context["html_tag"] = html_tag[:-1] + f' lang="{tag}" xml:lang="{tag}">'


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("i18n.site_title")
    app.connect("config-inited", _configure, priority=400)
    serve_static(app, Path(__file__).parent / "static")
    app.add_builder(_course_epub_builder(), override=True)
    app.connect("doctree-resolved", _website_only_out)
    app.connect("html-page-context", _epub_context)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
