"""Branch-office (総合支所) locations from ``data/geo/offices.csv`` (source: minato-offices-opendata)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.districts import district_by_id
from atlas.loading import csv_records
from atlas.schemas.tables import OfficeRow
from geo.datafile import DataFileError
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
    """Offices from ``path``; a bad row raises DataFileError naming file and row (see :class:`OfficeRow`)."""
    out = []
    for where, row in csv_records(path, OfficeRow):
        if row.district and district_by_id(row.district) is None:
            raise DataFileError(f"{where}: unknown district '{row.district}'")
        out.append(Office(row.district, row.name_ja, row.name_en, row.address_ja, row.lat, row.lng))
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
