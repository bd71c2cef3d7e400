"""The compare page's CSV downloads, one per map level, each value crediting its sources. No Streamlit.

- :func:`district_table`: the five districts and the whole ward, every indicator;
- :func:`chome_table`: the land chome of the 2020 census (one row each), every indicator with a chome level.

Values are rounded as the page shows them. After each value column come, for each source the value rests on
(numbered: density, for one, draws on the register and the city's areas), five columns: the source's title in the
view's language, its URL, its licence, the credit line the licence asks for (in the source's own wording), and the
date of the figures taken from it; a change indicator then gets the period it compares. Headers are in the view's
language; dates are ISO 8601 (``2026-02-01``), which Excel and pandas read as dates whatever the locale (a source
that gives no date has its record's note on why instead).

Why columns beside each value rather than a header block or a second "sources" file: the file stays one table with
one header row and the same columns on every row, so Excel's sorting and filters work and ``pandas.read_csv``
needs no ``skiprows``; a sources file sent separately (Excel cannot open a zip) is lost when the table is forwarded;
and the sources of a value can differ by area (a missing figure, a ward total), which per-row cells state exactly.
:func:`atlas.indicators.csv_bytes` writes the bytes (UTF-8 with a BOM, formulas neutralised).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from atlas.compare import IndicatorView, upload_column
from atlas.i18n import t
from atlas.indicators import (
    COLUMN_NAMES,
    SourceRef,
    area_name,
    areas,
    chome_values,
    column_labels,
    definition,
    definitions,
    district_values,
    rounded,
    source_date,
)
from atlas.sources import sources
from geo.layers import chome_list

SOURCE_FIELDS = ("title", "url", "license", "credit", "date")
"""The columns of one source after a value column, in order (i18n keys ``column_source_<field>``)."""


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def source_cells(ref: SourceRef, lang: str) -> dict[str, str]:
    """One source of a value as CSV cells: title in ``lang``, URL, licence, credit line, and the date of its figures
    (for a source that gives none, the record's note on why, in ``lang``, and for a copy the day it was taken)."""
    src = sources()[ref[0]]
    day = source_date(ref)
    when = _iso(day) if day else src.undated_text(lang, iso=True)
    return {"title": src.titles[lang], "url": src.url, "license": src.license_in(lang), "credit": src.credit,
            "date": when}


def source_header(label: str, n: int, field: str, lang: str) -> str:
    """Header of source ``n`` (1-based) of the value column ``label``: e.g. 「人口（出典1：クレジット表記）」."""
    return t(f"column_source_{field}", lang, label=label, n=n)


def credit_columns(label: str, refs: Sequence[Sequence[SourceRef]], lang: str) -> dict[str, list[str]]:
    """The source columns after the value column of indicator ``label``: ``refs`` holds each row's sources (as many
    numbered sources as the row with most; rows with fewer get empty cells)."""
    slots = max((len(r) for r in refs), default=0)
    out: dict[str, list[str]] = {}
    for n in range(1, slots + 1):
        cells = [source_cells(r[n - 1], lang) if len(r) >= n else dict.fromkeys(SOURCE_FIELDS, "") for r in refs]
        for field in SOURCE_FIELDS:
            out[source_header(label, n, field, lang)] = [c[field] for c in cells]
    return out


def _numbers(ind_id: str, values: Sequence[float | None]) -> pd.Series:
    """Values rounded as shown; whole-number indicators as integers (44149, not 44149.0)."""
    return pd.Series([rounded(ind_id, v) for v in values], dtype="Int64" if definition(ind_id).digits == 0 else "float")


def _upload_columns(view: IndicatorView, values: list[float | None], rows: int, lang: str) -> dict[str, object]:
    """An uploaded column and its one source column set: the user's own data, with no URL, licence or credit."""
    own = dict.fromkeys(SOURCE_FIELDS, "") | {"title": t("uploaded_label", lang)}
    label = upload_column(view, lang)
    return {label: values} | {source_header(label, 1, f, lang): [own[f]] * rows for f in SOURCE_FIELDS}


def district_table(lang: str, uploads: list[IndicatorView]) -> pd.DataFrame:
    """Five districts then the whole ward: ID, name, and per indicator its value, sources and (change indicators)
    the period compared; district-level uploads at the end."""
    labels = column_labels(lang)
    data: dict[str, object] = {labels["area"]: list(areas()), labels["name"]: [area_name(a, lang) for a in areas()]}
    for d in definitions():
        values = district_values(d.id)
        data[labels[d.id]] = _numbers(d.id, [v.value for v in values])
        data |= credit_columns(d.label(lang), [v.refs for v in values], lang)
        if any(v.base_date for v in values):
            data[t("column_period", lang, label=d.label(lang))] = [
                f"{_iso(v.base_date)} → {_iso(v.as_of)}" if v.base_date else "" for v in values]
    for view in uploads:
        if view.district:
            data |= _upload_columns(view, [view.district.get(a) for a in areas()], len(areas()), lang)
    return pd.DataFrame(data)


def chome_refs(ind_id: str) -> tuple[SourceRef, ...]:
    """The sources of a chome value: the indicator's sources, each dated by its record (the census boundary data
    hold the 2020 census figures of each chome)."""
    return tuple((sid, None) for sid in definition(ind_id).sources)


def chome_table(lang: str, uploads: list[IndicatorView]) -> pd.DataFrame:
    """One row per land chome (e-Stat KEY_CODE order): code, name, district, and per chome-level indicator its value
    and sources; chome-level uploads at the end."""
    chome = chome_list()
    data: dict[str, object] = {
        t("column_chome_code", lang): [c.key_code for c in chome],
        t("column_chome", lang): [c.name(lang) for c in chome],
        COLUMN_NAMES["name"][lang]: [area_name(c.district, lang) for c in chome],
    }
    labels = column_labels(lang)
    for d in definitions():
        if "chome" not in d.levels:
            continue
        values = chome_values(d.id)
        data[labels[d.id]] = _numbers(d.id, [values.get(c.key_code) for c in chome])
        data |= credit_columns(d.label(lang), [chome_refs(d.id)] * len(chome), lang)
    for view in uploads:
        if view.chome:
            data |= _upload_columns(view, [view.chome.get(c.key_code) for c in chome], len(chome), lang)
    return pd.DataFrame(data)
