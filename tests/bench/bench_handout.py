"""Benchmark the one-page PDF handout: build time per language for a district and the whole ward.

Usage (from anywhere): ``.venv/bin/python tests/bench/bench_handout.py [--runs 10] [--district shiba] [--check]``

Each (area, language) pair is built once untimed (warm-up: font check, data files, map geometry, fonts in
WeasyPrint), then ``--runs`` times; the report gives the median and p90 of the wall-clock build time of
:func:`atlas.handout.build_handout` (HTML, charts, map, layout and PDF writing), the PDF size and its page
count. ``--check`` exits 1 if a median exceeds the 3 s target or a PDF is not exactly one page.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from atlas.handout import build_handout  # noqa: E402
from atlas.i18n import LANGS  # noqa: E402

TARGET_S = 3.0


def p90(values: list[float]) -> float:
    """The 90th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.9 * len(ordered) + 0.5) - 1)]


def page_count(pdf: bytes) -> int | None:
    """Pages of ``pdf`` according to ``pdfinfo`` (poppler-utils), or None if pdfinfo is not installed."""
    if shutil.which("pdfinfo") is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdfinfo", fh.name], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(found.group(1)) if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--district", default="shiba")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    build_handout(args.district, "ja")
    print(f"first build in a fresh process (cold caches): {time.perf_counter() - t0:.2f} s")
    print(f"{'area':<16}{'lang':<6}{'median s':>10}{'p90 s':>9}{'KiB':>8}{'pages':>7}")
    ok = True
    for area in (args.district, None):
        for lang in LANGS:
            pdf = build_handout(area, lang)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                pdf = build_handout(area, lang)
                times.append(time.perf_counter() - start)
            pages = page_count(pdf)
            median = statistics.median(times)
            ok &= median <= TARGET_S and pages in (1, None) and pdf.startswith(b"%PDF-")
            print(f"{area or 'ward':<16}{lang:<6}{median:>10.3f}{p90(times):>9.3f}{len(pdf) / 1024:>8.0f}"
                  f"{pages if pages is not None else '?':>7}")
    print(f"target: median <= {TARGET_S:.1f} s and one page -> {'met' if ok else 'MISSED'}")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
