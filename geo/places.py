"""Stations, landmarks and large facilities of Minato, and the chome they lie in. No Streamlit.

The gazetteer ``data/places/places.csv`` lists stations and landmarks with their readings (kana, romaji),
other names (``aliases``, ``|``-separated) and a source id. A row gives a point (``lat``, ``lng``), an address
(``address_ja``, ``|``-separated when a place spans several chome), or both; its chome are derived at load time,
never typed: the point through :func:`geo.lookup.locate`, each address through :func:`geo.towns.search_town`.
Facilities already in ``data/`` join the index with their own points and sources: the city and branch offices
(``data/geo/offices.csv``) and GSI shelters and evacuation sites (``data/facilities/``).

Errors name the file and row (the header is row 1): ``data/places/places.csv, row 4: point (35.6, 139.9) lies
outside Minato's chome``. Whether each source id resolves in ``data/sources.yaml`` is checked by
:func:`check_sources`, called from :mod:`atlas.checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from geo.datafile import DataFileError, csv_rows, data_name, validated
from geo.layers import Chome
from geo.paths import data_dir

KINDS = ("station", "landmark", "facility")
FACILITY_FILES = {  # data-relative file -> source id of its records (see atlas.facilities, atlas.offices)
    "geo/offices.csv": "minato-offices-opendata",
    "facilities/shelters.csv": "gsi-shelters",
    "facilities/evacuation_sites.csv": "gsi-evacuation-sites",
}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KANA = re.compile(r"^[ぁ-ゖー]+$")
Coordinate = Annotated[float, Field(allow_inf_nan=False)]


class PlaceRow(BaseModel):
    """A row of ``data/places/places.csv``."""

    model_config = ConfigDict(extra="ignore")

    id: Annotated[StrictStr, Field(pattern=ID.pattern)]
    name_ja: Annotated[StrictStr, Field(min_length=1)]
    kana: Annotated[StrictStr, Field(pattern=KANA.pattern)]
    romaji: Annotated[StrictStr, Field(pattern=r"^[A-Za-z][A-Za-z\- ']*$")]
    aliases: StrictStr = ""
    kind: Literal[KINDS]  # type: ignore[valid-type]
    lat: Coordinate | None = None
    lng: Coordinate | None = None
    address_ja: StrictStr = ""
    source: Annotated[StrictStr, Field(min_length=1)]

    @model_validator(mode="after")
    def _located(self) -> PlaceRow:
        if (self.lat is None) != (self.lng is None):
            raise ValueError("lat and lng must be given together")
        if self.lat is None and not self.address_ja:
            raise ValueError("needs a point (lat, lng) or an address_ja to derive its chome from")
        return self


@dataclass(frozen=True)
class Place:
    """One named place and the chome it lies in (derived from its point or address)."""

    id: str
    name_ja: str
    kana: str
    romaji: str
    aliases: tuple[str, ...]
    kind: str
    source: str
    chome: tuple[Chome, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place is searched by: kanji, kana, romaji and the aliases."""
        return tuple(n for n in (self.name_ja, self.kana, self.romaji, *self.aliases) if n)


def gazetteer_path() -> Path:
    return data_dir() / "places" / "places.csv"


def _point_chome(lat: float, lng: float, where: str) -> Chome:
    from geo.lookup import locate

    found = locate(lat, lng).chome
    if found is None:
        raise DataFileError(f"{where}: point ({lat}, {lng}) lies outside Minato's chome")
    return found


def _address_chome(address: str, where: str) -> tuple[Chome, ...]:
    from geo.towns import search_town

    found = search_town(address)
    if found.chome is None and not (found.matches and all(c.chome is None for c in found.matches)):
        raise DataFileError(f"{where}: address '{address}' names no single chome of Minato")
    return found.matches


def _row_place(row: PlaceRow, where: str) -> Place:
    chome: dict[str, Chome] = {}
    if row.lat is not None and row.lng is not None:
        c = _point_chome(row.lat, row.lng, where)
        chome[c.key_code] = c
    for address in filter(None, (a.strip() for a in row.address_ja.split("|"))):
        chome |= {c.key_code: c for c in _address_chome(address, where)}
    aliases = tuple(a.strip() for a in row.aliases.split("|") if a.strip())
    return Place(row.id, row.name_ja, row.kana, row.romaji, aliases, row.kind, row.source, tuple(chome.values()))


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """(``"data/file, row N"``, non-blank stripped cells) of a CSV with at least one data row."""
    out = []
    for where, rec in csv_rows(path, required, non_empty=True):
        if None in rec:
            raise DataFileError(f"{where}: more cells than the header has columns")
        out.append((where, {k: v.strip() for k, v in rec.items() if v and v.strip()}))
    return out


@lru_cache(maxsize=4)
def load_places(path: Path) -> tuple[Place, ...]:
    """The gazetteer at ``path``, validated row by row (ids unique, every row located in some chome)."""
    out, seen = [], {}
    for where, cells in _rows(path, tuple(PlaceRow.model_fields)):
        row = validated(PlaceRow, cells, where)
        if row.id in seen:
            raise DataFileError(f"{where}: duplicate id '{row.id}' (first on {seen[row.id]})")
        seen[row.id] = where.rsplit(", ", 1)[1]
        out.append(_row_place(row, where))
    return tuple(out)


@lru_cache(maxsize=4)
def _facility_places(folder: Path) -> tuple[Place, ...]:
    """Offices, shelters and evacuation sites from their own files (validated by atlas at start-up)."""
    out: dict[str, Place] = {}
    for rel, source in FACILITY_FILES.items():
        for where, rec in _rows(folder / rel, ("name_ja", "lat", "lng")):
            name = rec.get("name_ja", "")
            try:
                c = _point_chome(float(rec["lat"]), float(rec["lng"]), where)
            except (KeyError, ValueError):
                raise DataFileError(f"{where}: lat and lng must be numbers") from None
            if name and name not in out:
                out[name] = Place(f"{source}-{len(out)}", name, "", "", (), "facility", source, (c,))
    return tuple(out.values())


def places() -> tuple[Place, ...]:
    """Gazetteer places first, then the facilities of ``data/`` whose names the gazetteer does not already have."""
    listed = load_places(gazetteer_path())
    names = {p.name_ja for p in listed}
    return listed + tuple(p for p in _facility_places(data_dir()) if p.name_ja not in names)


def check_sources(known: set[str]) -> None:
    """Raise DataFileError naming the first gazetteer row whose source id has no record in ``known``
    (the ids of ``data/sources.yaml``), or the facility file whose source id has none."""
    path = gazetteer_path()
    for where, cells in _rows(path, tuple(PlaceRow.model_fields)):
        if cells.get("source") not in known:
            raise DataFileError(f"{where}: unknown source '{cells.get('source')}' (no record in data/sources.yaml)")
    for rel, source in FACILITY_FILES.items():
        if source not in known:
            name = data_name(data_dir() / rel)
            raise DataFileError(f"{name}: unknown source '{source}' (no record in data/sources.yaml)")
