"""Declared schemas (pydantic) of the committed boundary layers in ``data/geo/``. No Streamlit.

Each layer is a FeatureCollection of Polygon or MultiPolygon features whose properties the app reads; a Point
in ``ward_outline.geojson`` or a chome without ``district`` stops the app at start-up with the file and feature.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from geo.plain_text import excerpt, plain_text

Position = Annotated[list[Annotated[float, Field(allow_inf_nan=False)]], Field(min_length=2, max_length=3)]
Ring = Annotated[list[Position], Field(min_length=4)]
SLUG = re.compile(r"^[a-z]+(-[a-z]+)*$")
KEY_CODE = re.compile(r"^\d{9}(\d{2})?$")


def _closed(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    if not rings:
        raise ValueError("a polygon needs at least one ring")
    for i, ring in enumerate(rings):
        if ring[0][:2] != ring[-1][:2]:
            raise ValueError(f"ring {i} is not closed (first and last positions differ)")
    return rings


PolygonRings = Annotated[list[Ring], AfterValidator(_closed)]


class Polygon(BaseModel):
    type: Literal["Polygon"]
    coordinates: PolygonRings


class MultiPolygon(BaseModel):
    type: Literal["MultiPolygon"]
    coordinates: Annotated[list[PolygonRings], Field(min_length=1)]


def _pattern(regex: re.Pattern[str], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(f"{excerpt(value)} is not {what}")
        return value
    return AfterValidator(check)


Slug = Annotated[StrictStr, _pattern(SLUG, "a lowercase slug such as 'shibaura-konan'")]
Name = Annotated[StrictStr, Field(min_length=1), AfterValidator(plain_text)]
Count = Annotated[int, Field(ge=0, strict=True)]
Area = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class DistrictProps(BaseModel):
    id: Slug
    pop_2020: Count
    households_2020: Count


class ChomeProps(BaseModel):
    key_code: Annotated[StrictStr, _pattern(KEY_CODE, "an e-Stat KEY_CODE of 9 or 11 digits")]
    name_ja: Name
    town_ja: Name
    town_en: Name
    chome: Annotated[int, Field(ge=1, strict=True)] | None
    district: Slug
    pop_2020: Count
    households_2020: Count
    area_m2: Area


class OutlineProps(BaseModel):
    name_ja: Name
    name_en: Name


class _Feature(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["Feature"]
    geometry: Annotated[Polygon | MultiPolygon, Field(discriminator="type")]


class DistrictFeature(_Feature):
    properties: DistrictProps


class ChomeFeature(_Feature):
    properties: ChomeProps


class OutlineFeature(_Feature):
    properties: OutlineProps


FEATURES: dict[str, type[_Feature]] = {"districts": DistrictFeature, "chome": ChomeFeature, "outline": OutlineFeature}


class Collection(BaseModel):
    """The top level of a layer; its features are checked one by one (so a message names the feature)."""

    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: Annotated[list[dict[str, Any]], Field(min_length=1)]
