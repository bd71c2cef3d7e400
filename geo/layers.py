"""Load the committed boundary layers from ``data/geo/`` as plain dicts and shapely shapes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir
from geo.schema import FEATURES, ChomeFeature, Collection, DistrictFeature
from geo.shape_checks import check_shape

__all__ = ["LAYER_FILES", "Chome", "DataFileError", "chome_list", "district_shapes", "layer", "read_geojson"]
LAYER_FILES = {"districts": "districts.geojson", "chome": "chome.geojson", "outline": "ward_outline.geojson"}


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


def read_geojson(path: Path, kind: str | None = None) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection, raising DataFileError naming the file on any problem.

    With ``kind`` (a key of LAYER_FILES) every feature is validated against that layer's schema
    (:mod:`geo.schema`): Polygon or MultiPolygon geometry and the properties the app reads; and its polygon must be
    valid, have an area and lie in Japan (:func:`geo.shape_checks.check_shape`).
    """
    name = data_name(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{name}: file is missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{name}: not valid GeoJSON ({exc})") from None
    except RecursionError:
        raise DataFileError(f"{name}: not valid GeoJSON (nested too deeply)") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataFileError(f"{name}: expected a GeoJSON FeatureCollection")
    validated(Collection, doc, name)
    if kind is not None:
        for i, feature in enumerate(doc["features"], start=1):
            validated(FEATURES[kind], feature, f"{name}, feature {i}")
            check_shape(shape(feature["geometry"]), f"{name}, feature {i}")
    return doc


def geo_dir() -> Path:
    """The folder of the boundary layers."""
    return data_dir() / "geo"


def layer(name: str) -> dict[str, Any]:
    """The named layer (``districts``, ``chome`` or ``outline``) as a GeoJSON dict (cached per folder)."""
    return _layer(geo_dir() / LAYER_FILES[name], name)


@cache
def _layer(path: Path, kind: str) -> dict[str, Any]:
    return read_geojson(path, kind)


def chome_list() -> tuple[Chome, ...]:
    """All land chome, validated, in KEY_CODE order."""
    return _chome_list(geo_dir())


@cache
def _chome_list(folder: Path) -> tuple[Chome, ...]:
    path = folder / LAYER_FILES["chome"]
    out = []
    for i, feat in enumerate(_layer(path, "chome")["features"], start=1):
        f = validated(ChomeFeature, feat, f"{data_name(path)}, feature {i}")
        p = f.properties
        out.append(Chome(key_code=p.key_code, name_ja=p.name_ja, town_ja=p.town_ja, town_en=p.town_en,
                         chome=p.chome, district=p.district, pop_2020=p.pop_2020, households_2020=p.households_2020,
                         area_m2=p.area_m2, geometry=shape(feat["geometry"])))
    if len({c.key_code for c in out}) != len(out):
        raise DataFileError(f"{data_name(path)}: duplicate key_code")
    return tuple(out)


def district_shapes() -> dict[str, BaseGeometry]:
    """District id -> display geometry (water holes filled)."""
    return _district_shapes(geo_dir())


@cache
def _district_shapes(folder: Path) -> dict[str, BaseGeometry]:
    path = folder / LAYER_FILES["districts"]
    out: dict[str, BaseGeometry] = {}
    for i, feat in enumerate(_layer(path, "districts")["features"], start=1):
        f = validated(DistrictFeature, feat, f"{data_name(path)}, feature {i}")
        if f.properties.id in out:
            raise DataFileError(f"{data_name(path)}, feature {i}: duplicate id '{f.properties.id}'")
        out[f.properties.id] = shape(feat["geometry"])
    return out
