"""Sphinx configuration for "Python Processes by Example".

The sources are in ``docs/`` (MyST Markdown pages) and ``examples/`` (lessons
run by sphinx-gallery through our example runner); this file sits at the top
of the repository and is passed to sphinx-build with ``-c .``.  See the
Makefile for the commands, and https://www.sphinx-doc.org/en/master/usage/configuration.html
for every option.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# Our own extensions live in docs/_ext/ (one package per concern).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

# -- Project information -----------------------------------------------------

project = "Python Processes by Example"
author = "The Python Processes by Example authors"
copyright = "2026, " + author
language = "en"
# The sources' language: builds of other languages (-D language=...) translate.
i18n_source_language = language

# -- General configuration ---------------------------------------------------

extensions = [
    # Sphinx's own
    # (none)
    # Ours (docs/_ext/, one package per concern; README's "How it works inside")
    "page",  # the page's weight, accessibility, folded blocks
    "example_runner",  # runs the lessons for sphinx-gallery
    "process_timeline",  # records and draws each run's processes
    "i18n",  # every word we draw, in the page's language
    "gallery",  # the rest of what we add to sphinx-gallery's pages
    "offline_copies",  # the EPUB and zipped site per language
    # Third-party
    "myst_parser",
    "notfound.extension",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
    "sphinx_sitemap",
]

templates_path = ["docs/_templates"]  # relative to this file, like all paths here
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_ext", "_build", "Thumbs.db", ".DS_Store", "locale"]
# The gallery writes the same example-wide labels into every language's pages.
suppress_warnings = []

# -- Options for internationalisation ----------------------------------------
# https://www.sphinx-doc.org/en/master/usage/advanced/intl.html
# One catalog per page in docs/locale/<lang>/LC_MESSAGES/, kept by `make update-po`.

locale_dirs = ["locale/"]  # relative to docs/
gettext_compact = False
gettext_uuid = False
gettext_location = False
# Index entries are messages too: a lesson's ``.. index:: ! zombie`` is 僵尸进程 in
# Chinese, and the search lists the pages of an index entry first.
gettext_additional_targets = ["index"]
# An image has a language's own version next to it, drawn in its words
# (docs/_static/concepts/process_states_light_zh_CN.svg); the zh_CN build
# shows it in place of the English one.
figure_language_filename = "{root}_{language}{ext}"
# The languages the site is built in, each into _build/html/<code>/: code ->
# the language's own name, the source language (`language`) included. This is
# the only list of them: the Makefile and tools/landing.py read it. A language's
# words (pages, theme, our extensions' _ext.po, the title) are in its catalogs.
site_languages = {"en": "English", "zh_CN": "简体中文"}

# -- Options for search -----------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#confval-html_search_options
# jieba splits Chinese text into words. docs/_ext/i18n/chinese_search.py makes the
# course's terms words of the index wherever they appear (守护进程 as well as
# 守护 and 进程, 锁 in 互斥锁): the glossary's terms, from terms.toml, and the
# other words a reader searches for, in docs/chinese_words.txt.

chinese_search_terms = "docs/locale/zh_CN/terms.toml"
html_search_options = {"dict": str(ROOT / "docs" / "chinese_words.txt")}

# -- Options for hosting ----------------------------------------------------
# Where the site is published: the only place that says it. The environment's
# SITE_URL wins (`make html SITE_URL=...` passes it on; Read the Docs and the
# Pages workflow set it); tools/offline.py reads it here too. Every language
# lives in <SITE_URL><language>/.

SITE_URL = os.environ.get("SITE_URL", "https://processes-by-example.readthedocs.io/")
html_baseurl = SITE_URL.rstrip("/") + "/"  # the language build adds <language>/

# https://sphinx-sitemap.readthedocs.io/en/latest/advanced-configuration.html
sitemap_url_scheme = "{lang}{link}"
sitemap_locales = list(site_languages)
# https://sphinx-notfound-page.readthedocs.io/en/latest/configuration.html
# It gets this language's URL (<SITE_URL><language>/) from language_switcher,
# as do the Open Graph tags (docs/_ext/page/social_meta.py).

# -- Options for the EPUB --------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-epub-output
# `make html` builds one per language (docs/_ext/offline_copies/ names it).

epub_show_urls = "no"
# The table of contents lists every page of the site's tree: the home page's
# toctree is hidden (furo's sidebar shows it), and the default scope leaves
# hidden toctrees out. Depth 3: the home page's parts (concepts, lessons,
# glossary), then each section, then each lesson.
epub_tocscope = "includehidden"
epub_tocdepth = 3
epub_use_index = False
epub_css_files = ["offline-epub.css"]
# The 404 page is the website's (its links are absolute, for any address).
epub_exclude_files = ["404.xhtml"]
epub_description = "Python's multiprocessing, one small runnable lesson at a time."
# Downloads, sitemap and search data are website files, not part of the book.
suppress_warnings += ["epub.unknown_project_files"]

# -- Options for sphinx-copybutton ---------------------------------------------
# https://sphinx-copybutton.readthedocs.io/en/latest/use.html
# Only code gets a button: never a lesson's output.
copybutton_selector = ", ".join(
    f"div.highlight-{lexer} pre"
    for lexer in ("Python", "python", "pycon", "console", "bash", "default")
)
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True

# -- Options for MyST --------------------------------------------------------
# https://myst-parser.readthedocs.io/en/latest/syntax/optional.html

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- Options for the example runner ------------------------------------------
# docs/_ext/example_runner/settings.py declares them; each can be set here, with
# -D name=value, or through the environment variable the README documents.

# Seconds one lesson may run before it is killed and the build fails ("" = 120).
example_runner_timeout = os.environ.get("EXAMPLE_TIMEOUT", "")
# Lessons run at once ("" = 8 per CPU core; 1 = one after the other).
example_runner_jobs = os.environ.get("EXAMPLE_JOBS", "")
# Every lesson's default start method ("" = the platform's own).
example_runner_start_method = os.environ.get("MP_START_METHOD", "")
# Bytes one lesson may print before it is stopped and the build fails ("" = 1 MB).
example_runner_max_output = os.environ.get("EXAMPLE_MAX_OUTPUT", "")
# What each lesson's run took, so that the next build (even after make clean)
# starts the slowest first; outside the checkout, shared by its copies
# ("" = keep no record: runs start in file order).
example_runner_history = os.environ.get(
    "EXAMPLE_HISTORY",
    os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
        "processes-by-example",
        "run-times.json",
    ),
)

# -- Options for sphinx-gallery ----------------------------------------------
# https://sphinx-gallery.github.io/stable/configuration.html
# Every example is executed by docs/_ext/example_runner (a fresh interpreter
# per example, as ``python example.py``), not inside Sphinx.

sphinx_gallery_conf = {
    "examples_dirs": ["../examples"],
    "gallery_dirs": ["examples"],
    # Every .py file under examples/ is a lesson and is executed.
    "filename_pattern": r"\.py$",
    # ...except the files a lesson offers as a download (not lessons themselves).
    "ignore_pattern": r"(__init__|check_server|homework_(starter|server|client))\.py$",
    # Sections in learning order (a folder's number is only its name: a new
    # section gets the next free number and its place in this list).
    "subsection_order": [
        f"../examples/{folder}"
        for folder in (
            "01_first_steps",
            "02_arguments",
            "03_isolation",
            "04_asynchrony",
            # optional: a simulation of the scheduler, without multiprocessing
            "00_scheduling",
            "05_join",
            "06_custom_process",
            "07_daemons",
            "08_locks",
            "09_semaphores",
            "19_sync_primitives",
            # exit codes and terminate() before the lessons that stop children
            "14_lifecycle",
            "10_tcp_server",
            "11_start_methods",
            "23_common_mistakes",
            "12_communication",
            "18_shared_state",
            "13_pools",
            "20_queues_and_pools",
            "21_gil_measured",
            "22_logging",
            # learning order: signals, then fork, wait and subprocess, then
            # asyncio with processes and programs, then Unix daemons
            "16_signals_shutdown",
            "17_below_multiprocessing",
            "24_asyncio",
            "15_unix_daemons",
        )
    ],
    "within_subsection_order": "gallery.lesson_order.LessonOrder",
    # Figures are saved by the example's own interpreter; the runner puts them
    # in place, so sphinx-gallery has nothing to scrape.
    "image_scrapers": (),
    "reset_modules": (),
    "expected_failing_examples": [],
    "download_all_examples": True,
    # Lessons start processes: they are scripts to run with `python`, and a
    # notebook would break them under spawn (macOS, Windows). No notebooks.
    "notebook_extensions": set(),
    "remove_config_comments": True,
    "show_memory": False,
    # Run times change on every build; keep them out of the pages.
    "write_computation_times": False,
    "min_reported_time": 10**9,
    "capture_repr": (),
    # No "Gallery generated by Sphinx-Gallery" under every lesson and the gallery.
    "show_signature": False,
}

# -- Options for HTML output -------------------------------------------------
# https://pradyunsg.github.io/furo/customisation/

html_theme = "furo"
html_title = project
# Paths here are relative to this file (the conf dir), not to docs/.
html_static_path = ["docs/_static"]
html_favicon = "docs/_static/favicon.svg"
html_css_files = ["language-switcher.css", "chinese-text.css"]
html_last_updated_fmt = None
# No "view this page" button: it would show the reST source, which the
# download links already give as a script (and it sat outside every landmark).
html_theme_options = {"top_of_page_buttons": []}
# furo's sidebar, with the language switcher under the search box.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/language-switcher.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
