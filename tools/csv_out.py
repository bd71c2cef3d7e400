"""Deterministic CSV output for the build scripts in tools/."""

from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8 CSV with ``\\n`` line ends, so rebuilding on the same sources gives identical bytes."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
