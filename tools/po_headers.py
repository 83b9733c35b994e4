"""Fill in the header of every translation catalog (project, language, translators).

Usage: python tools/po_headers.py LOCALE_DIR

`make update-po` runs it after sphinx-intl.  A catalog is rewritten only when its
header changes, in the form sphinx-intl itself writes (babel, 76 columns), so two
runs in a row leave every catalog byte-identical.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from languages import conf_values

# The project's name and authors, as conf.py says them.
_CONF = conf_values()
PROJECT = str(_CONF["project"])
AUTHORS = str(_CONF["author"])
COMMENT = """\
# {language} translation of "{project}".
# {copyright}
# This file is distributed under the same license as the {project} package.
#"""


def fill_header(catalog: Catalog, language: str) -> None:
    """Give ``catalog`` this project's header instead of the template's."""
    name = Locale.parse(language).english_name or language
    copyright_line = next(
        (
            line.lstrip("# ")
            for line in catalog.header_comment.splitlines()
            if line.startswith("# Copyright")
        ),
        f"Copyright (C) {AUTHORS}",
    )
    catalog.header_comment = COMMENT.format(
        language=name, project=PROJECT, copyright=copyright_line
    )
    catalog.project = PROJECT
    catalog.fuzzy = False
    catalog.last_translator = AUTHORS
    catalog.language_team = f"{name} <{language}>"
    if not hasattr(catalog.revision_date, "strftime") or "YEAR" in str(
        catalog.revision_date
    ):
        catalog.revision_date = catalog.creation_date


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=76)
    return out.getvalue()


def update(locale_dir: Path) -> list[Path]:
    """Fill in the header of every catalog under ``locale_dir``; return what changed."""
    changed = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/**/*.po")):
        messages = po.relative_to(locale_dir).parts
        language = messages[0]
        with po.open("rb") as f:
            catalog = read_po(f)
        fill_header(catalog, language)
        new = render(catalog)
        if new != po.read_bytes():
            po.write_bytes(new)
            changed.append(po)
    return changed


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for po in update(Path(argv[0])):
        print(f"Header: {po}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
