"""Branch-office (総合支所) locations from ``data/geo/offices.csv`` (source: minato-offices-opendata)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.districts import district_by_id
from atlas.loading import csv_field, csv_rows
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
    out = []
    for where, rec in csv_rows(path, ("district", "name_ja", "name_en", "address_ja", "lat", "lng")):
        try:
            out.append(Office(rec["district"], csv_field(rec, "name_ja", where), csv_field(rec, "name_en", where),
                              csv_field(rec, "address_ja", where), float(rec["lat"]), float(rec["lng"])))
        except ValueError as exc:
            raise DataFileError(f"{where}: {exc}") from exc
    return tuple(out)


def office_label(office: Office, lang: str) -> str:
    """A district's main branch office in ``lang`` (districts.yaml); other offices by their ja/en name."""
    district = district_by_id(office.district) if office.district else None
    if district is not None and branch_office(office.district) == office:
        return district.office_name(lang)
    return office.name_en if lang == "en" else office.name_ja


def branch_office(district: str | None) -> Office | None:
    """The district's main branch office (first row for it), or the ward office for None."""
    return next((o for o in offices() if o.district == (district or "")), None)
