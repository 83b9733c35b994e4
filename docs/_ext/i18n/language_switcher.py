"""Links between the language editions: switcher, hreflang, canonical and own URLs.

Each language is built into ``<site>/<language>/``; ``html_baseurl`` is the
site's root, shared by all languages.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from i18n.ext_words import _

__version__ = "1.1"


def _page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    current = app.config.language
    # From this page up to the folder that holds one sub-folder per language.
    up = "../" * (pagename.count("/") + 1)
    base = app.config.html_baseurl.rstrip("/")
    links = []
    for code, name in app.config.site_languages.items():
        path = f"{code}/{pagename}{getattr(app.builder, 'out_suffix', '.html')}"
        links.append(
            {
                "code": code,
                "tag": code.replace("_", "-"),
                "name": name,
                "url": up + path,
                "absolute": f"{base}/{path}" if base else up + path,
                "current": code == current,
            }
        )
    context["language_links"] = links
    if base:  # the canonical URL is this page in this language
        context["pageurl"] = (
            f"{base}/{current}/{pagename}{getattr(app.builder, 'out_suffix', '.html')}"
        )
    # The switcher's accessible name, in the language of the page.
    context["language_switcher_label"] = _("Languages")
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{link["tag"]}" '
        f'href="{html.escape(link["absolute"])}" />'
        for link in links
    )


def _absolute_404_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The 404 page is shown at any address: its own links must be absolute."""
    if docname != getattr(app.config, "notfound_pagename", None):
        return
    prefix = app.config.notfound_urls_prefix
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri and not (urlparse(uri).scheme or uri.startswith(("/", "#"))):
            reference["refuri"] = prefix + uri


def _language_urls(app: Sphinx, config: Config) -> None:
    """The URLs that other extensions need for this language's edition."""
    base = config.html_baseurl.rstrip("/")
    path = urlparse(base).path.rstrip("/")
    config.notfound_urls_prefix = f"{path}/{config.language}/"


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("i18n.ext_words")
    # Language code -> the language's name in that language; the site is built
    # into one folder per code, side by side. conf.py's is the only list of the
    # site's languages: the Makefile and tools/landing.py read it too.
    app.add_config_value("site_languages", {"en": "English"}, "html", types=[dict])
    app.connect("config-inited", _language_urls)
    # after furo, which also sets the canonical URL (pageurl)
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("doctree-resolved", _absolute_404_links)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
