"""Measure the build: clean, cached and no-op builds, example run times, page weight.

Usage: python tools/bench.py [--runs N]   (make bench runs it)

Prints a table and writes the medians to _build/bench.json.  The goals (see
README, "Performance"): T_clean <= 1.3 x (T_max + T_render), a no-op rebuild
<= 1 s (make starts no Sphinx), and every page <= 60 KB gzipped with the CSS
and JavaScript it loads.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
PAGE_LIMIT = 150 * 1024  # on disk: reported, not a goal
TRANSFER_LIMIT = 60 * 1024  # as served (gzip): the goal, tested by test_offline
# The search page loads the whole index by design; it is not a reading page.
UNWEIGHED = {"search.html"}


def timed(*command: str, cwd: Path | str = ROOT, **kwargs: Any) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def example_runs() -> tuple[dict[str, float], dict[str, int]]:
    """Each run of each lesson alone, as the build runs it: seconds, bytes printed.

    A lesson with ``sphinx_gallery_start_methods`` is run once per method (the
    key says which); every run is contained like a build's, so nothing is left
    running.
    """
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    from example_runner import run

    times, sizes = {}, {}
    for example in sorted((ROOT / "examples").rglob("*.py")):
        file_conf, blocks = split_code_and_text_blocks(str(example))
        code = [b for b in blocks if b.type == "code"]
        for method in file_conf.get("start_methods") or [None]:
            key = str(example.relative_to(ROOT)) + (f" [{method}]" if method else "")
            with tempfile.TemporaryDirectory() as rundir:
                done = run.run_example(example, code, rundir, start_method=method)
            times[key] = done.elapsed
            sizes[key] = sum(len(text.encode()) for text in done.outputs)
    return times, sizes


_ASSET = re.compile(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"#]+)"[^>]*>')


def page_weights(compressed: bool = False) -> tuple[dict[str, int], list[str]]:
    """Bytes of each page with the CSS and JS it loads; references to other hosts.

    ``compressed``: the bytes a browser downloads from a host that gzips text
    (as Read the Docs and GitHub Pages do), instead of the bytes on disk.
    """
    size = (lambda data: len(gzip.compress(data))) if compressed else len
    weights, external = {}, []
    for page in sorted(HTML.rglob("*.html")):
        if page.name in UNWEIGHED or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        total = size(text.encode())
        for tag in _ASSET.finditer(text):
            ref = tag.group(1)
            if re.match(r"(https?:)?//", ref):
                if 'rel="alternate"' not in tag.group(
                    0
                ) and 'rel="canonical"' not in tag.group(0):
                    external.append(f"{page.relative_to(HTML)}: {ref}")
                continue
            if not re.search(r"\.(css|js)(\?|$)", ref):
                continue  # pages, images: fetched only when followed or seen
            asset = (page.parent / ref.split("?")[0]).resolve()
            if asset.is_file():
                total += size(asset.read_bytes())
        weights[str(page.relative_to(HTML))] = total
    return weights, external


def one_run() -> dict[str, float]:
    make = ["make", "--no-print-directory"]
    result = {}
    result["t_clean"] = timed(*make, "html")  # after make clean
    subprocess.run(["rm", "-rf", str(ROOT / "_build")], check=True)
    result["t_render"] = timed(*make, "html")
    result["t_noop"] = timed(*make, "html")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    runs = []
    for n in range(args.runs):
        print(f"run {n + 1} of {args.runs}: builds...", flush=True)
        subprocess.run(
            ["make", "--no-print-directory", "clean"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs.append(one_run())
    print("lessons, one run at a time...", flush=True)
    examples, printed = example_runs()
    weights, external = page_weights()
    heaviest = max(weights, key=weights.__getitem__)
    transfer, _ = page_weights(compressed=True)
    heaviest_transfer = max(transfer, key=transfer.__getitem__)

    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    t_max, t_sum = max(examples.values()), sum(examples.values())
    report = {
        "cores": os.cpu_count(),
        "runs": args.runs,
        **{key: round(value, 2) for key, value in median.items()},
        "t_max": round(t_max, 2),
        "t_max_example": max(examples, key=examples.__getitem__),
        "largest_output_bytes": max(printed.values()),
        "largest_output_example": max(printed, key=printed.__getitem__),
        "t_examples_sum": round(t_sum, 2),
        "clean_ratio": round(median["t_clean"] / (t_max + median["t_render"]), 3),
        "heaviest_page": heaviest,
        "heaviest_page_kb": round(weights[heaviest] / 1024, 1),
        "pages_over_limit": [p for p, w in weights.items() if w > PAGE_LIMIT],
        "heaviest_transfer_page": heaviest_transfer,
        "heaviest_transfer_kb": round(transfer[heaviest_transfer] / 1024, 1),
        "pages_over_limit_transferred": [
            p for p, w in transfer.items() if w > TRANSFER_LIMIT
        ],
        "external_requests": external,
        "all_runs": runs,
    }
    out = ROOT / "_build" / "bench.json"
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")

    print(f"cores                         {report['cores']}")
    print(f"T_clean  (make clean && html) {report['t_clean']:6.2f} s")
    print(f"T_render (outputs cached)     {report['t_render']:6.2f} s")
    print(f"no-op rebuild                 {report['t_noop']:6.2f} s   goal <= 1 s")
    print(f"T_max    (slowest example)    {t_max:6.2f} s   {report['t_max_example']}")
    print(
        f"largest output of a lesson    {report['largest_output_bytes']:6d} B   "
        f"{report['largest_output_example']}   (cap: example_runner_max_output)"
    )
    print(f"sum of example run times      {t_sum:6.2f} s")
    print(f"T_clean / (T_max + T_render)  {report['clean_ratio']:6.3f}     goal <= 1.3")
    print(
        f"heaviest page, on disk        {report['heaviest_page_kb']:6.1f} KB "
        f"{heaviest}   ({len(report['pages_over_limit'])} pages over 150 KB)"
    )
    print(
        f"heaviest page, transferred    {report['heaviest_transfer_kb']:6.1f} KB "
        f"{heaviest_transfer}   goal <= 60 KB (gzip, as hosts serve it)"
    )
    print(f"requests to other hosts       {len(external)}")
    print(f"(medians of {args.runs} runs; written to {out.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
