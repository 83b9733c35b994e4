"""Extract the words our extensions draw into the ``_ext`` message template.

Usage: python tools/extract_messages.py EXT_DIR POT_DIR

Writes POT_DIR/_ext.pot with every ``_("...")`` of the Python files under
EXT_DIR (docs/_ext/, see ext_words.py) and the site's title (conf.py's
html_title), for ``make update-po`` to merge into each language's _ext.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po
from languages import conf_values

CATALOG = "_ext"


def messages(ext_dir: Path) -> Catalog:
    """The catalog of our extensions' words, without locations (as the pages')."""
    conf = conf_values()
    catalog = Catalog(
        project=str(conf["project"]), copyright_holder=str(conf["author"])
    )
    catalog.add(str(conf["html_title"]), auto_comments=["The site's title"])
    found = extract_from_dir(
        str(ext_dir),
        method_map=[("**.py", "python")],
        keywords={"_": None},
        comment_tags=("Translators:",),
    )
    for _filename, _lineno, message, comments, _context in found:
        catalog.add(message, auto_comments=comments)
    return catalog


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    ext_dir, pot_dir = Path(argv[0]), Path(argv[1])
    pot_dir.mkdir(parents=True, exist_ok=True)
    with (pot_dir / f"{CATALOG}.pot").open("wb") as out:
        write_po(out, messages(ext_dir), no_location=True, omit_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
