"""Put each language's offline copies into ``<language>/offline/`` of the site.

Usage: python tools/offline.py BUILD_DIR LANGUAGE [LANGUAGE ...]

For each language: the EPUB that ``sphinx-build -b epub`` wrote into
``BUILD_DIR/epub/<language>/``, and a zip of the HTML site
``BUILD_DIR/html/<language>/`` (without its ``offline/`` folder), whose pages
work from ``file://`` once unzipped.  A zip is only written again when a file
of the site changed, so a build that changed nothing stays fast.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from languages import conf_values  # noqa: E402

from offline_copies import FOLDER, offline_name  # noqa: E402


def site_url() -> str:
    """Where the site is published: conf.py's SITE_URL (the environment's, if set)."""
    return str(conf_values()["SITE_URL"])


def site_files(site: Path) -> list[Path]:
    """Every file of one language's site that belongs in its zip, sorted."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != FOLDER
    )


def fingerprint(site: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_zip(site: Path, files: list[Path], target: Path, root: str) -> None:
    """The site under one folder ``root``, written to a temporary name first.

    The copies are not inside the zip, so the home page's links to them lead
    to the published site (conf.py's ``SITE_URL``).
    """
    published = site_url().rstrip("/")
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for path in files:
            name = f"{root}/{path.relative_to(site).as_posix()}"
            if path == site / "index.html" and published:
                page = path.read_text(encoding="utf-8").replace(
                    f'href="{FOLDER}/', f'href="{published}/{site.name}/{FOLDER}/'
                )
                out.writestr(name, page)
            else:
                out.write(path, name)
    partial.replace(target)


def offline_copies(build: Path, language: str) -> list[Path]:
    """Bring one language's EPUB and zip up to date; the paths written."""
    site = build / "html" / language
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    epub = build / "epub" / language / offline_name(language, "epub")
    if not epub.is_file():
        raise SystemExit(f"no EPUB at {epub}: run `make offline` (make html runs it)")
    copy = folder / epub.name
    if not copy.is_file() or copy.read_bytes() != epub.read_bytes():
        shutil.copy2(epub, copy)
        written.append(copy)
    files = site_files(site)
    target = folder / offline_name(language, "zip")
    stamp = build / "epub" / language / "site.sha256"
    print_ = fingerprint(site, files) + " " + site_url()
    if not target.is_file() or not stamp.is_file() or stamp.read_text() != print_:
        write_zip(site, files, target, target.name[: -len(".zip")])
        stamp.write_text(print_)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    build = Path(argv[1])
    for language in argv[2:]:
        for path in offline_copies(build, language):
            size = path.stat().st_size / 1e6
            print(f"Offline copy: {path} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
