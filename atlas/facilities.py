"""Facility tables in ``data/facilities/`` (GSI shelters and evacuation sites, nurseries), validated on load.

Built by ``tools/build_facilities.py``; errors name the file and row (the header is row 1). Loads are cached per
file path, so a different ``$MINATO_DATA_DIR`` gets its own copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.districts import districts
from atlas.loading import csv_field, csv_rows
from geo.layers import DataFileError
from geo.paths import data_dir

KINDS = ("shelter", "evacuation_site")
FILES = {"shelter": "shelters.csv", "evacuation_site": "evacuation_sites.csv", "nursery": "nurseries.csv"}
SOURCE_IDS = {"shelter": "gsi-shelters", "evacuation_site": "gsi-evacuation-sites", "nursery": "minato-nurseries"}
NURSERY_CATEGORIES = ("認可保育園", "認定こども園", "小規模保育施設", "港区保育室")
NON_FACILITY_CATEGORIES = ("医療的ケア児・障害児クラス",)  # a class inside a nursery: listed, never counted
LAT_RANGE, LNG_RANGE = (35.5, 35.8), (139.6, 139.9)  # generous box around Minato City


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


def _district(rec: dict[str, str], where: str) -> str:
    slug = csv_field(rec, "district", where)
    if slug not in {d.id for d in districts()}:
        raise DataFileError(f"{where}: unknown district '{slug}'")
    return slug


def _coordinate(rec: dict[str, str], key: str, bounds: tuple[float, float], where: str) -> float:
    raw = csv_field(rec, key, where)
    try:
        value = float(raw)
    except ValueError as exc:
        raise DataFileError(f"{where}: {key} '{raw}' is not a number") from exc
    if not (math.isfinite(value) and bounds[0] <= value <= bounds[1]):
        raise DataFileError(f"{where}: {key} {value} is outside Minato City")
    return value


def shelters() -> tuple[Facility, ...]:
    """GSI designated shelters (指定避難所), sorted by id."""
    return load_facilities(facilities_dir() / FILES["shelter"], "shelter")


def evacuation_sites() -> tuple[Facility, ...]:
    """GSI designated emergency evacuation sites (指定緊急避難場所), sorted by id."""
    return load_facilities(facilities_dir() / FILES["evacuation_site"], "evacuation_site")


@cache
def load_facilities(path: Path, kind: str) -> tuple[Facility, ...]:
    """Facilities of ``kind`` from ``path`` (see :func:`shelters`)."""
    header = ["id", "name_ja", "address_ja", "district", "lat", "lng", "kind"]
    if kind == "shelter":
        header.append("for_support_needed")
    out, seen = [], {}
    for where, rec in csv_rows(path, tuple(header), BUILD_HINT):
        fid = csv_field(rec, "id", where)
        if fid in seen:
            raise DataFileError(f"{where}: duplicate id '{fid}' (first on {seen[fid]})")
        seen[fid] = where.rsplit(", ", 1)[1]
        if csv_field(rec, "kind", where) != kind:
            raise DataFileError(f"{where}: kind must be '{kind}'")
        support = False
        if kind == "shelter":
            flag = csv_field(rec, "for_support_needed", where)
            if flag not in ("0", "1"):
                raise DataFileError(f"{where}: for_support_needed must be 0 or 1, not '{flag}'")
            support = flag == "1"
        out.append(Facility(
            id=fid, name_ja=csv_field(rec, "name_ja", where), address_ja=csv_field(rec, "address_ja", where),
            district=_district(rec, where), lat=_coordinate(rec, "lat", LAT_RANGE, where),
            lng=_coordinate(rec, "lng", LNG_RANGE, where), kind=kind, for_support_needed=support,
        ))
    return tuple(sorted(out, key=lambda f: f.id))


def nurseries() -> tuple[Nursery, ...]:
    """Nursery entries in the city's listing order, including the non-facility class row."""
    return load_nurseries(facilities_dir() / FILES["nursery"])


@cache
def load_nurseries(path: Path) -> tuple[Nursery, ...]:
    """Nurseries from ``path`` (see :func:`nurseries`)."""
    out, seen = [], {}
    for where, rec in csv_rows(path, ("facility", "district", "category"), BUILD_HINT):
        name, category = csv_field(rec, "facility", where), csv_field(rec, "category", where)
        if category not in NURSERY_CATEGORIES + NON_FACILITY_CATEGORIES:
            raise DataFileError(f"{where}: unknown category '{category}'")
        if name in seen:
            raise DataFileError(f"{where}: duplicate facility '{name}' (first on {seen[name]})")
        seen[name] = where.rsplit(", ", 1)[1]
        out.append(Nursery(name, _district(rec, where), category))
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
