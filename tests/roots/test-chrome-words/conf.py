"""i18n.chrome_words: a furo site whose theme words a catalog translates.

The test copies this project, puts the site's sphinx.po in ./locale/ and
points templates_path at the site's docs/_templates/.
"""

extensions = ["i18n.chrome_words"]
html_theme = "furo"
language = "zh_CN"
locale_dirs = ["locale"]
# No Chinese search index: it would load jieba's dictionaries, for seconds.
html_search_language = "en"
# the site's own author, whom the footer names as the copyright holder
author = "The Python Processes by Example authors"
copyright = "2026, " + author
