"""The site's languages, as conf.py's ``site_languages`` lists them.

Usage: python tools/languages.py [--translations]

Prints the language codes, the source language first (the Makefile's
LANGUAGES); with --translations, only those with catalogs in docs/locale/
(all but the source language: the Makefile's TRANSLATIONS).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "conf.py"


def conf_values(conf: Path = CONF) -> dict[str, object]:
    """The names conf.py sets."""
    # conf.py is plain Python that only sets names; Sphinx runs it the same way.
    return runpy.run_path(str(conf))


def site_languages(conf: Path = CONF) -> dict[str, str]:
    """Language code -> the language's own name, source language first."""
    namespace = conf_values(conf)
    languages = dict(namespace["site_languages"])  # type: ignore[call-overload]
    source = str(namespace.get("language") or "en")
    if source not in languages:
        raise SystemExit(f"{conf}: site_languages lacks the source language {source}")
    return {source: languages.pop(source), **languages}


def translations(conf: Path = CONF) -> list[str]:
    """The languages that have translation catalogs: all but the source language."""
    return list(site_languages(conf))[1:]


def main(argv: list[str]) -> int:
    if argv not in ([], ["--translations"]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    print(" ".join(translations() if argv else site_languages()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
