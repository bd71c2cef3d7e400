"""Load the committed boundary layers from ``data/geo/`` as plain dicts and shapely shapes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.paths import data_dir

LAYER_FILES = {"districts": "districts.geojson", "chome": "chome.geojson", "outline": "ward_outline.geojson"}


class DataFileError(RuntimeError):
    """A data file is missing or malformed; the message names the file (and row)."""


@dataclass(frozen=True)
class Chome:
    """One land chome (町丁目) of the 2020 census."""

    key_code: str
    name_ja: str
    town_ja: str
    town_en: str
    chome: int | None
    district: str
    pop_2020: int
    households_2020: int
    area_m2: float
    geometry: BaseGeometry

    def name(self, lang: str) -> str:
        """Kanji name, or romaji for English."""
        return self.name_en if lang == "en" else self.name_ja

    @property
    def name_en(self) -> str:
        """Romaji name, e.g. ``Roppongi 6-chome``."""
        return self.town_en if self.chome is None else f"{self.town_en} {self.chome}-chome"


def read_geojson(path: Path) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection, raising DataFileError naming the file on any problem."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"{path.name}: file is missing ({path})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path.name}: not valid GeoJSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataFileError(f"{path.name}: expected a GeoJSON FeatureCollection")
    return doc


def geo_dir() -> Path:
    """The folder of the boundary layers."""
    return data_dir() / "geo"


def layer(name: str) -> dict[str, Any]:
    """The named layer (``districts``, ``chome`` or ``outline``) as a GeoJSON dict (cached per folder)."""
    return _layer(geo_dir() / LAYER_FILES[name])


@cache
def _layer(path: Path) -> dict[str, Any]:
    return read_geojson(path)


def chome_list() -> tuple[Chome, ...]:
    """All land chome, validated, in KEY_CODE order."""
    return _chome_list(geo_dir())


@cache
def _chome_list(folder: Path) -> tuple[Chome, ...]:
    doc = _layer(folder / LAYER_FILES["chome"])
    out = []
    for i, feat in enumerate(doc["features"], start=1):
        try:
            p = feat["properties"]
            out.append(
                Chome(
                    key_code=str(p["key_code"]), name_ja=p["name_ja"], town_ja=p["town_ja"],
                    town_en=p["town_en"], chome=p["chome"], district=p["district"],
                    pop_2020=int(p["pop_2020"]), households_2020=int(p["households_2020"]),
                    area_m2=float(p["area_m2"]), geometry=shape(feat["geometry"]),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(f"chome.geojson: feature {i} is malformed ({exc!r})") from exc
    return tuple(out)


def district_shapes() -> dict[str, BaseGeometry]:
    """District id -> display geometry (water holes filled)."""
    return _district_shapes(geo_dir())


@cache
def _district_shapes(folder: Path) -> dict[str, BaseGeometry]:
    doc = _layer(folder / LAYER_FILES["districts"])
    try:
        return {f["properties"]["id"]: shape(f["geometry"]) for f in doc["features"]}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"districts.geojson: malformed feature ({exc!r})") from exc
