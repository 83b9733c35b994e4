"""run_it_yourself: lesson pages as sphinx-gallery writes them, in short."""

extensions = ["run_it_yourself"]
