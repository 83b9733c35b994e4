"""gallery_card_translations: a gallery index whose cards a catalog translates."""

extensions = ["i18n.gallery_card_translations"]
language = "zh_CN"
# No Chinese search index: it would load jieba's dictionaries, for seconds.
html_search_language = "en"
