"""A sphinx-gallery image scraper for figures saved by the example's own interpreter."""

from __future__ import annotations

import shutil

from sphinx_gallery.scrapers import figure_rst


def scrape(block, block_vars, gallery_conf) -> str:
    """Move this block's saved figures to sphinx-gallery's image paths, return reST."""
    targets = []
    for path in block_vars.pop("runner_figures", []):
        target = next(block_vars["image_path_iterator"])
        shutil.move(path, target)
        targets.append(target)
    return figure_rst(targets, gallery_conf["src_dir"])
