"""Indicator values as text, rounded numbers, tables and Excel-ready CSV bytes (the compare page's CSV layouts with
each value's sources are in :mod:`atlas.download_csv`)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from atlas import formatting as fmt
from atlas.districts import area_label
from atlas.i18n import LANGS, t
from atlas.indicators.compute import IndicatorValue, areas
from atlas.indicators.registry import DIGITS, definition, definitions, district_values, indicator_ids

MISSING = "—"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
COLUMN_NAMES = {"area": {"ja": "ID", "en": "ID", "zh": "ID"}, "name": {"ja": "地区", "en": "District", "zh": "地区"}}


def format_number(fmt_name: str, value: float | None) -> str:
    """The number alone in format ``fmt_name``; None or NaN -> '—'.

    >>> format_number("int", 9921.4), format_number("decimal2", 4.45), format_number("percent1", -0.04)
    ('9,921', '4.45', '0.0')
    """
    if value is None or not math.isfinite(value):
        return MISSING
    text = f"{value:,.{DIGITS[fmt_name]}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0.0"


def format_value(ind_id: str, value: float | None, lang: str) -> str:
    """``value`` of ``ind_id`` with its unit in ``lang``.

    >>> format_value("population", 44149, "ja"), format_value("population", 44149, "en")
    ('44,149人', '44,149 people')
    >>> format_value("foreign_share", 8.94, "en"), format_value("density", None, "zh")
    ('8.9%', '—')
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}'")
    d = definition(ind_id)
    number = format_number(d.format, value)
    if number == MISSING:
        return number
    unit = d.unit(lang)
    sep = " " if lang == "en" and not unit.startswith("%") else ""
    return f"{number}{sep}{unit}"


def rounded(ind_id: str, value: float | None) -> int | float | None:
    """``value`` rounded as it is shown: an int for whole-number formats, None when missing.

    >>> rounded("population", 44149.0), rounded("density", 9921.123595505618), rounded("area_km2", None)
    (44149, 9921, None)
    """
    if value is None or not math.isfinite(value):
        return None
    digits = definition(ind_id).digits
    return int(round(value)) if digits == 0 else round(value, digits) + 0.0  # + 0.0: no "-0.0"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``.

    >>> months_between(dt.date(2025, 4, 1), dt.date(2026, 2, 1))
    10
    """
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def interval_text(start: dt.date, end: dt.date, lang: str) -> str:
    """'1 Apr 2025 → 1 Feb 2026 (10 months)' in ``lang``."""
    return t("interval", lang, start=fmt.date(start, lang), end=fmt.date(end, lang),
             months=months_between(start, end))


def value_interval(value: IndicatorValue, lang: str) -> str:
    """The period a change indicator compares in one area, or '' for indicators that compare nothing."""
    if value.base_date is None or value.as_of is None:
        return ""
    return interval_text(value.base_date, value.as_of, lang)


def area_name(area: str, lang: str) -> str:
    """District name in ``lang``, or the whole-ward label for ``ward``."""
    return area_label(area, lang)


def table(lang: str) -> pd.DataFrame:
    """One row per area (five districts, then ``ward``): ``area`` slug, ``name`` in ``lang``, then one column per
    indicator id with raw values (NaN where missing). As-of dates and sources: :func:`district_values`."""
    data: dict[str, list] = {"area": list(areas()), "name": [area_name(a, lang) for a in areas()]}
    for ind_id in indicator_ids():
        data[ind_id] = [math.nan if v.value is None else v.value for v in district_values(ind_id)]
    return pd.DataFrame(data)


def column_labels(lang: str) -> dict[str, str]:
    """Column -> header in ``lang`` for :func:`table` (``label (unit)`` for indicators)."""
    out = {col: names[lang] for col, names in COLUMN_NAMES.items()}
    return out | {d.id: f"{d.label(lang)} ({d.unit(lang)})" for d in definitions()}


def _neutralise(cell: object) -> object:
    """Prefix a quote to strings a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def csv_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as CSV in UTF-8 with a BOM (Excel opens it correctly), without the index.

    String cells and headers starting with = + - @ tab or CR get a leading ``'`` so spreadsheets do not run them
    as formulas; numeric cells (including negative numbers) are written as numbers.
    """
    out = df.copy()
    out.columns = [_neutralise(str(c)) for c in df.columns]
    for i in range(out.shape[1]):
        if not pd.api.types.is_numeric_dtype(out.iloc[:, i]):
            out.isetitem(i, out.iloc[:, i].astype(object).map(_neutralise))
    return ("\ufeff" + out.to_csv(index=False, lineterminator="\n")).encode("utf-8")
