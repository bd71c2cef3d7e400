"""Schemas of the YAML records: sources, districts, indicators and budget notes. No Streamlit.

Each record is validated on its own, so a message names its row (``source 3``); references between files (a
source id that must exist, a district that must be known) are checked by the loaders after this.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictStr, model_validator

from atlas.schemas.common import LangText, Record, Slug, SourceId, Text, matches

URL = re.compile(r"^https?://[^/\s]+/\S+$")
"""A page address with a path: a bare site root ("https://example.org/") does not say which page was used."""
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
YamlDate = Annotated[dt.date, Field(strict=True)]
"""An unquoted YAML date (2020-10-01); text such as "1 Oct 2020" or "2020-10-01" in quotes is an error."""
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
"""A month written as ``2024-01`` (YAML reads it as text): the date of a page that gives only its month."""
PRECISIONS = ("day", "month")
FORMATS = ("int", "decimal1", "decimal2", "percent1", "per10k1")
BUDGET_KINDS = ("initial_budget", "settlement_revenue", "settlement_expenditure")


def _levels(levels: list[str]) -> list[str]:
    if levels not in (["district"], ["district", "chome"]):
        raise ValueError("must be [district] or [district, chome]")
    return levels


class RetrievedCopy(Record):
    """A copy of the publisher's data made by someone else: the day it was taken from the publisher and by whom."""

    date: YamlDate
    by: Text
    url: Annotated[StrictStr, matches(URL, "a full http(s) address of the copy")]


class SourceRecord(Record):
    """One record of ``data/sources.yaml``.

    ``reference_date`` is the publisher's own date: a day, or a month written ``2024-01`` when the page gives
    only its month (``date_precision`` then reads ``month``). ``retrieved`` is for data taken from a copy: the
    day the copy was taken from the publisher is a retrieval date, never the data's date. ``url_note`` says what
    the link is when it is not the source's own page (e.g. the page that lists a document whose address is unknown).
    """

    id: SourceId
    title: LangText
    publisher: Text
    url: Annotated[StrictStr, matches(URL, "a full http(s) address of the page")]
    url_note: LangText | None = None
    reference_date: YamlDate | None
    date_precision: Literal[PRECISIONS] = "day"  # type: ignore[valid-type]
    read_date: YamlDate | None = None
    date_note: LangText | None = None
    retrieved: RetrievedCopy | None = None
    license: Text | LangText
    credit: Text
    derivation: LangText | None = None

    @model_validator(mode="before")
    @classmethod
    def _month_dates(cls, data: Any) -> Any:
        """``reference_date: 2024-01`` is the first of that month with ``date_precision: month``."""
        if isinstance(data, dict) and isinstance(data.get("reference_date"), str):
            found = MONTH.match(data["reference_date"].strip())
            if found:
                data = {**data, "reference_date": dt.date(int(found[1]), int(found[2]), 1), "date_precision": "month"}
        return data

    @model_validator(mode="after")
    def _dated_or_explained(self) -> SourceRecord:
        if self.reference_date is None and self.date_note is None:
            raise ValueError("reference_date is null, so date_note must say in ja, en and zh why "
                             "(the page gives none) and when it was read")
        if self.retrieved is not None and self.reference_date is not None:
            raise ValueError("retrieved is the day a copy was taken, not the data's date: with retrieved, "
                             "reference_date must be null")
        return self


class DistrictRecord(Record):
    """One record of ``data/districts.yaml``."""

    id: Slug
    source_name: Text
    name: LangText
    colour: Annotated[StrictStr, matches(COLOUR, "a #RRGGBB colour")]
    office: LangText
    official_area_km2: Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]


class UnitLists(Record):
    """The ``units:`` section of ``data/indicators.yaml``: the only unit texts indicators may use."""

    ja: Annotated[list[Text], Field(min_length=1)]
    en: Annotated[list[Text], Field(min_length=1)]
    zh: Annotated[list[Text], Field(min_length=1)]


class IndicatorRecord(Record):
    """One indicator of ``data/indicators.yaml`` (units are checked against :class:`UnitLists` by the loader)."""

    id: Annotated[StrictStr, matches(INDICATOR_ID, "snake_case")]
    label: LangText
    unit: LangText
    format: Literal[FORMATS]  # type: ignore[valid-type]
    levels: Annotated[list[StrictStr], AfterValidator(_levels)]
    higher_is: Literal["more", "less", "neutral"]
    description: LangText
    sources: Annotated[list[SourceId], Field(min_length=1)]


class BudgetNoteRecord(Record):
    """One note of ``data/figures/budget_notes.yaml``."""

    fiscal_year: Annotated[int, Field(strict=True, ge=1990, le=2100)]
    kind: Literal[BUDGET_KINDS]  # type: ignore[valid-type]
    source: SourceId
    text: LangText
    on_chart: StrictBool = True


class DerivationRecord(Record):
    """One entry of ``data/figures/derivations.yaml``: a pattern of population.csv's ``derived`` cells."""

    id: Slug
    match: Text
    text: LangText
