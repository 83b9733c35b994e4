"""Mirror the translation catalogs (*.po) into the build folder for Sphinx.

Usage: python tools/sync_catalogs.py SOURCE_LOCALE_DIR BUILD_LOCALE_DIR

A catalog is copied only when its content changed, so Sphinx recompiles (and
re-reads the pages of) exactly the catalogs that changed; catalogs that are
gone from the sources are removed with their compiled .mo.  The compiled .mo
files therefore live in the build folder only, and can never be older than
their .po.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def sync(source: Path, target: Path) -> list[Path]:
    """Make ``target`` hold the same .po files as ``source``; return what changed."""
    changed: list[Path] = []
    wanted = {p.relative_to(source) for p in source.rglob("*.po")}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if not dst.is_file() or dst.read_bytes() != src.read_bytes():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)  # a fresh mtime: Sphinx recompiles it
            changed.append(rel)
    if target.is_dir():
        for stale in target.rglob("*.po"):
            if stale.relative_to(target) not in wanted:
                stale.unlink()
                stale.with_suffix(".mo").unlink(missing_ok=True)
                changed.append(stale.relative_to(target))
    return changed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print((__doc__ or "").strip().splitlines()[2], file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    if not source.is_dir():
        print(f"sync_catalogs.py: no catalogs in {source}", file=sys.stderr)
        return 1
    sync(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
