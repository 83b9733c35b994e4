"""Write the landing page ``index.html`` that sends readers to their language.

Usage: python tools/landing.py OUTPUT_DIR LANGUAGE [LANGUAGE ...]

Each language is named as conf.py's site_languages names it, and the page is
titled with conf.py's project (tools/languages.py reads both).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from pathlib import Path

from languages import conf_values, site_languages

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{alternates}
<script>
(function () {{
  var built = {built};
  var wanted = (navigator.languages || [navigator.language || ""]);
  for (var i = 0; i < wanted.length; i++) {{
    var tag = String(wanted[i]).toLowerCase();
    for (var j = 0; j < built.length; j++) {{
      var code = built[j].toLowerCase().replace("_", "-");
      if (tag === code || tag.split("-")[0] === code.split("-")[0]) {{
        location.replace(built[j] + "/index.html");
        return;
      }}
    }}
  }}
  location.replace(built[0] + "/index.html");
}})();
</script>
</head>
<body>
<h1>{title}</h1>
<ul>
{links}
</ul>
</body>
</html>
"""


def landing_page(languages: list[str], names: dict[str, str] | None = None) -> str:
    """The landing page's HTML for the languages that were built, first is default.

    ``names``: how each language is named to its own readers (by default,
    conf.py's site_languages).
    """
    names = site_languages() if names is None else names
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{_tag(lang)}" '
        f'lang="{_tag(lang)}">{html.escape(names.get(lang, lang))}</a></li>'
        for lang in languages
    )
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{_tag(lang)}" href="{lang}/index.html">'
        for lang in languages
    )
    return PAGE.format(
        title=html.escape(str(conf_values()["project"])),
        built=json.dumps(languages),
        links=links,
        alternates=alternates,
    )


def _tag(lang: str) -> str:
    return lang.replace("_", "-")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    out, languages = Path(argv[0]), argv[1:]
    missing = [lang for lang in languages if not (out / lang / "index.html").is_file()]
    if missing:
        print(
            f"landing.py: no built site for {', '.join(missing)} in {out}",
            file=sys.stderr,
        )
        return 1
    (out / "index.html").write_text(landing_page(languages), encoding="utf-8")
    sitemaps = [
        f"{lang}/sitemap.xml"
        for lang in languages
        if (out / lang / "sitemap.xml").is_file()
    ]
    if sitemaps:
        (out / "sitemap.xml").write_text(sitemap_index(out, sitemaps), encoding="utf-8")
    if (out / languages[0] / "404.html").is_file():  # hosts look for /404.html
        shutil.copyfile(out / languages[0] / "404.html", out / "404.html")
    return 0


def sitemap_index(out: Path, sitemaps: list[str]) -> str:
    """A sitemap index pointing at each language's sitemap (same site URL)."""
    first = (out / sitemaps[0]).read_text(encoding="utf-8")
    match = re.search(r"<loc>(.*?)</loc>", first)
    root = match.group(1).split(sitemaps[0].split("/")[0] + "/", 1)[0] if match else ""
    entries = "".join(
        f"<sitemap><loc>{html.escape(root + s)}</loc></sitemap>" for s in sitemaps
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>\n"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
