"""A one-page project that draws every word of our extensions (tests/test_languages.py).

index.rst uses every directive of example_runner.display with made-up runs;
examples/basics/lesson.rst is a lesson page, with its progress box.

The test adds docs/_ext/ to sys.path and copies the catalogs it needs into
./locale/; the extension drawing a timeline is next to this file.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

project = "Python Processes by Example"
html_title = project
extensions = [
    "i18n.ext_words",
    "i18n.language_switcher",
    "i18n.output_label",
    "i18n.site_title",
    "page.progress",
    "timeline_sample",
]
site_languages = {"en": "English", "zh_CN": "简体中文", "fr": "Français"}
locale_dirs = ["locale/"]
templates_path = ["_templates"]
html_theme = "basic"
# The search index is not what these tests are about (and jieba takes seconds).
html_search_language = "en"
