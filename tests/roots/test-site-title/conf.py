"""site_title: the title in the language being built."""

extensions = ["site_title"]
html_title = "Fallback title"
site_titles = {"en": "Processes by Example", "zh_CN": "多进程示例"}
# No Chinese search index: it would load jieba's dictionaries, for seconds.
html_search_language = "en"
