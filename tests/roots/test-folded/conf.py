"""A page with folded blocks (docs/_ext/page/folded.py)."""

extensions = ["page.folded"]
