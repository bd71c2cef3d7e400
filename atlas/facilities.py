"""Facility tables in ``data/facilities/`` (GSI shelters and evacuation sites, nurseries), validated on load.

Built by ``tools/build_facilities.py``; errors name the file and row (the header is row 1). Loads are cached per
file path, so a different ``$MINATO_DATA_DIR`` gets its own copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.districts import districts
from atlas.loading import csv_records
from atlas.schemas.tables import (
    LAT_RANGE,
    LNG_RANGE,
    NON_FACILITY_CATEGORIES,
    NURSERY_CATEGORIES,
    FacilityRow,
    NurseryRow,
    ShelterRow,
)
from geo.datafile import DataFileError
from geo.paths import data_dir

__all__ = ["FILES", "KINDS", "LAT_RANGE", "LNG_RANGE", "NON_FACILITY_CATEGORIES", "NURSERY_CATEGORIES", "SOURCE_IDS",
           "Facility", "Nursery", "counts", "evacuation_sites", "load_facilities", "load_nurseries", "nurseries",
           "shelters"]
KINDS = ("shelter", "evacuation_site")
FILES = {"shelter": "shelters.csv", "evacuation_site": "evacuation_sites.csv", "nursery": "nurseries.csv"}
SOURCE_IDS = {"shelter": "gsi-shelters", "evacuation_site": "gsi-evacuation-sites", "nursery": "minato-nurseries"}
BUILD_HINT = "; run tools/build_facilities.py"


@dataclass(frozen=True)
class Facility:
    """A GSI designated shelter (指定避難所) or emergency evacuation site (指定緊急避難場所)."""

    id: str
    name_ja: str
    address_ja: str
    district: str
    lat: float
    lng: float
    kind: str
    for_support_needed: bool = False


@dataclass(frozen=True)
class Nursery:
    """A nursery facility on the city's vacancy page (name, district, category only)."""

    facility: str
    district: str
    category: str

    @property
    def counted(self) -> bool:
        """False for entries that are classes rather than facilities."""
        return self.category not in NON_FACILITY_CATEGORIES


def facilities_dir() -> Path:
    return data_dir() / "facilities"


def _district(slug: str, where: str) -> str:
    if slug not in {d.id for d in districts()}:
        raise DataFileError(f"{where}: unknown district '{slug}'")
    return slug


def _first(seen: dict[str, str], key: str, what: str, where: str) -> None:
    """Remember ``key`` at ``where``; a repeat is an error naming the row it first appeared on."""
    if key in seen:
        raise DataFileError(f"{where}: duplicate {what} '{key}' (first on {seen[key]})")
    seen[key] = where.rsplit(", ", 1)[1]


def shelters() -> tuple[Facility, ...]:
    """GSI designated shelters (指定避難所), sorted by id."""
    return load_facilities(facilities_dir() / FILES["shelter"], "shelter")


def evacuation_sites() -> tuple[Facility, ...]:
    """GSI designated emergency evacuation sites (指定緊急避難場所), sorted by id."""
    return load_facilities(facilities_dir() / FILES["evacuation_site"], "evacuation_site")


@cache
def load_facilities(path: Path, kind: str) -> tuple[Facility, ...]:
    """Facilities of ``kind`` from ``path`` (see :func:`shelters`)."""
    out, seen = [], {}
    for where, row in csv_records(path, ShelterRow if kind == "shelter" else FacilityRow, BUILD_HINT):
        _first(seen, row.id, "id", where)
        if row.kind != kind:
            raise DataFileError(f"{where}: kind must be '{kind}', not '{row.kind}'")
        out.append(Facility(
            id=row.id, name_ja=row.name_ja, address_ja=row.address_ja, district=_district(row.district, where),
            lat=row.lat, lng=row.lng, kind=kind,
            for_support_needed=isinstance(row, ShelterRow) and row.for_support_needed == "1",
        ))
    return tuple(sorted(out, key=lambda f: f.id))


def nurseries() -> tuple[Nursery, ...]:
    """Nursery entries in the city's listing order, including the non-facility class row."""
    return load_nurseries(facilities_dir() / FILES["nursery"])


@cache
def load_nurseries(path: Path) -> tuple[Nursery, ...]:
    """Nurseries from ``path`` (see :func:`nurseries`)."""
    out, seen = [], {}
    for where, row in csv_records(path, NurseryRow, BUILD_HINT):
        _first(seen, row.facility, "facility", where)
        out.append(Nursery(row.facility, _district(row.district, where), row.category))
    return tuple(out)


def counts(kind: str) -> dict[str, int]:
    """District slug -> number of facilities of ``kind`` (``shelter``, ``evacuation_site`` or ``nursery``).

    Every district appears (0 when it has none). Nursery counts leave out non-facility rows (a class).
    """
    if kind == "nursery":
        items = [n.district for n in nurseries() if n.counted]
    elif kind in KINDS:
        items = [f.district for f in (shelters() if kind == "shelter" else evacuation_sites())]
    else:
        raise ValueError(f"unknown facility kind '{kind}'")
    return {d.id: items.count(d.id) for d in districts()}
