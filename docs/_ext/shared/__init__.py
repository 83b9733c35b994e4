"""What the other packages share; no extension of its own (conf.py does not list it).

- ``serve_static(app, folder)``: the files of ``folder`` (a package's
  ``static/``) are served with the page, in ``_static/``, as conf.py's
  ``html_static_path`` serves ``docs/_static/``.  Every package that ships a
  stylesheet or a script calls it from its ``setup``, e.g.
  ``serve_static(app, Path(__file__).parent / "static")``.
- ``add_static_path(config, folder)``: the same, at once, for a folder made
  during the build (``i18n/output_label.py`` writes its stylesheet there).
- ``set_up_modules(app, package, modules)``: a package's ``setup``: each of
  its modules set up as an extension of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

# tools/offline.py imports offline_copies, and with it this, without Sphinx
if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def set_up_modules(
    app: Sphinx, package: str, modules: Iterable[str]
) -> ExtensionMetadata:
    """Set up each of ``package``'s ``modules`` (``page.folded``...); the
    package's own metadata (none of them keeps anything between reads)."""
    for module in modules:
        app.setup_extension(f"{package}.{module}")
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def add_static_path(config: Config, folder: str | os.PathLike[str]) -> None:
    """Serve the files of ``folder`` in ``_static/`` (once, however often asked)."""
    path = os.path.abspath(folder)
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def serve_static(app: Sphinx, folder: str | os.PathLike[str]) -> None:
    """Serve the files of ``folder`` in ``_static/`` once the builder starts
    (conf.py's own ``html_static_path`` is set by then)."""
    path = Path(folder)

    def add(app: Sphinx) -> None:
        add_static_path(app.config, path)

    app.connect("builder-inited", add)
