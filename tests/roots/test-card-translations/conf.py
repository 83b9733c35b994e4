"""gallery_card_translations: a gallery index whose cards a catalog translates."""

extensions = ["gallery_card_translations"]
language = "zh_CN"
