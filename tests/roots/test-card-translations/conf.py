"""gallery_card_translations: a gallery index whose cards a catalog translates."""

extensions = ["i18n.gallery_card_translations"]
language = "zh_CN"
# No Chinese search index: it would load jieba's dictionaries, for seconds.
html_search_language = "en"
# The catalogs, as the site keeps them: one per page, in locale/.
locale_dirs = ["locale"]
gettext_compact = False
