"""A page with folded blocks (docs/_ext/folded.py)."""

extensions = ["folded"]
