"""run_it_yourself: lesson pages as sphinx-gallery writes them, in short."""

extensions = ["gallery.run_it_yourself"]
