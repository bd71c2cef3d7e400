"""Schemas of the CSV rows in ``data/``: figures, offices and facilities. No Streamlit.

Cells arrive as stripped text; numbers and dates are parsed here (``2026-13-01`` or ``lots`` is an error naming
the column). Whether an area, district or source id exists is checked by the loaders against the other files.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from atlas.schemas.common import Cell
from atlas.schemas.records import BUDGET_KINDS

MEASURES = ("population", "households", "foreign_population", "census_population", "census_households")
RELIABILITY = ("official", "secondary")
LAT_RANGE, LNG_RANGE = (35.5, 35.8), (139.6, 139.9)  # a generous box around Minato City
NURSERY_CATEGORIES = ("認可保育園", "認定こども園", "小規模保育施設", "港区保育室")
NON_FACILITY_CATEGORIES = ("医療的ケア児・障害児クラス",)  # a class inside a nursery: listed, never counted


def _within(bounds: tuple[float, float]) -> AfterValidator:
    def check(value: float) -> float:
        if not bounds[0] <= value <= bounds[1]:
            raise ValueError(f"{value} is outside Minato City ({bounds[0]}–{bounds[1]})")
        return value

    return AfterValidator(check)


Number = Annotated[float, Field(allow_inf_nan=False)]
Lat = Annotated[Number, _within(LAT_RANGE)]
Lng = Annotated[Number, _within(LNG_RANGE)]


class Row(BaseModel):
    """A CSV row: columns the schema does not name are ignored (only required columns are checked)."""

    model_config = ConfigDict(extra="ignore")


class PopulationRow(Row):
    """A row of ``data/figures/population.csv``."""

    date: dt.date
    area: Cell
    measure: Literal[MEASURES]  # type: ignore[valid-type]
    value: Annotated[int, Field(ge=0)]
    source: Cell
    derived: str = ""


class BudgetRow(Row):
    """A row of ``data/figures/budget.csv`` (amounts in 億円)."""

    fiscal_year: Annotated[int, Field(ge=1990, le=2100)]
    kind: Literal[BUDGET_KINDS]  # type: ignore[valid-type]
    amount_oku_yen: Annotated[Number, Field(ge=0)]
    source: Cell
    reliability: Literal[RELIABILITY]  # type: ignore[valid-type]
    note: str = ""


class OfficeRow(Row):
    """A row of ``data/geo/offices.csv``; ``district`` is empty for the ward office."""

    district: str = ""
    name_ja: Cell
    name_en: Cell
    address_ja: Cell
    lat: Lat
    lng: Lng


CONTACT_KINDS = ("phone", "hours", "web")
ADDRESS_EN = "address_en"
"""The office's address in the English form its publisher prints (one row per office at most)."""


class OfficeContactRow(Row):
    """A row of ``data/facilities/office_contacts.csv``: one phone number, opening hours, web page or English address
    form of an office
    (by its ``name_ja`` in offices.csv), what it is (``label_*``: e.g. 代表, a section's name), its source and date."""

    office: Cell
    kind: Literal[(*CONTACT_KINDS, ADDRESS_EN)]  # type: ignore[valid-type]
    value: Cell
    label_ja: Cell
    label_en: Cell
    label_zh: Cell
    source: Cell
    as_of: dt.date


class FacilityRow(Row):
    """A row of ``data/facilities/evacuation_sites.csv`` (and the common columns of shelters)."""

    id: Cell
    name_ja: Cell
    address_ja: Cell
    district: Cell
    lat: Lat
    lng: Lng
    kind: Cell


class ShelterRow(FacilityRow):
    """A row of ``data/facilities/shelters.csv``."""

    for_support_needed: Literal["0", "1"]


class NurseryRow(Row):
    """A row of ``data/facilities/nurseries.csv``."""

    facility: Cell
    district: Cell
    category: Literal[NURSERY_CATEGORIES + NON_FACILITY_CATEGORIES]  # type: ignore[valid-type]
