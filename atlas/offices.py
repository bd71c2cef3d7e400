"""Branch-office (総合支所) locations from ``data/geo/offices.csv`` (source: minato-offices-opendata)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.layers import DataFileError
from geo.paths import data_dir

SOURCE_ID = "minato-offices-opendata"


@dataclass(frozen=True)
class Office:
    """An office; ``district`` is empty for the ward office."""

    district: str
    name_ja: str
    name_en: str
    address_ja: str
    lat: float
    lng: float


def offices() -> tuple[Office, ...]:
    """All offices in file order."""
    return load_offices(data_dir() / "geo" / "offices.csv")


@cache
def load_offices(path: Path) -> tuple[Office, ...]:
    """Offices from ``path``; a bad row raises DataFileError naming file and row."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            records = list(csv.DictReader(fh))
    except FileNotFoundError as exc:
        raise DataFileError(f"{path.name}: file is missing ({path})") from exc
    out = []
    for i, rec in enumerate(records, start=2):
        try:
            out.append(Office(rec["district"], rec["name_ja"], rec["name_en"], rec["address_ja"],
                              float(rec["lat"]), float(rec["lng"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path.name}, row {i}: {exc!r}") from exc
    return tuple(out)


def branch_office(district: str | None) -> Office | None:
    """The district's main branch office (first row for it), or the ward office for None."""
    return next((o for o in offices() if o.district == (district or "")), None)
