"""What the compare page shows for one indicator, from the registry or from a user's upload. No Streamlit.

Downloads (CSV with provenance columns, GeoJSON with metadata) are in :mod:`atlas.downloads`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from atlas.freshness import as_of
from atlas.i18n import t
from atlas.indicators import (
    SourceRef,
    area_name,
    chome_values,
    column_labels,
    definition,
    district_values,
    format_number,
    format_value,
    indicator_ids,
    interval_text,
    value_interval,
)
from atlas.indicators import table as registry_table
from atlas.upload import UPLOAD_PREFIX, UploadResult, column_id
from geo.layers import layer
from geo.lookup import Location

__all__ = ["UPLOAD_PREFIX", "UPLOAD_SOURCE", "IndicatorView", "all_views", "click_caption", "comparison_table",
           "interval",
           "legend_title", "number_only", "period_column", "picker_label", "ranking", "chome_ranking", "registry_view",
           "table_formats",
           "upload_column", "upload_views"]
UPLOAD_SOURCE = "upload"


@dataclass(frozen=True)
class IndicatorView:
    """Values of one indicator by district (plus ``ward``) and, where defined, by chome.

    ``refs`` are the (source id, figure date) pairs the values rest on, over all areas (a None date: the source
    gives none, show the record's own date); ``dates`` and ``base_dates`` are each area's value date and, for
    change indicators, the earlier date it is compared with.
    """

    id: str
    label: str
    unit: str
    description: str
    district: dict[str, float | None]
    chome: dict[str, float]
    format: Callable[[float | None], str]
    as_of: dt.date | None = None
    refs: tuple[SourceRef, ...] = ()
    uploaded: bool = False
    dates: dict[str, dt.date | None] = field(default_factory=dict)
    base_dates: dict[str, dt.date | None] = field(default_factory=dict)

    @property
    def has_chome(self) -> bool:
        return bool(self.chome)

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids of :attr:`refs`, unique, in order."""
        return tuple(dict.fromkeys(sid for sid, _ in self.refs))


def registry_view(ind_id: str, lang: str) -> IndicatorView:
    """The view of a registry indicator (see data/indicators.yaml)."""
    d = definition(ind_id)
    values = district_values(ind_id)
    chome = chome_values(ind_id) if "chome" in d.levels else {}
    dates = [v.as_of for v in values if v.as_of]
    return IndicatorView(
        id=ind_id, label=d.label(lang), unit=d.unit(lang), description=d.description(lang),
        district={v.area: v.value for v in values}, chome=chome,
        format=lambda value, _id=ind_id: format_value(_id, value, lang),
        as_of=max(dates) if dates else None,
        refs=tuple(dict.fromkeys(ref for v in values for ref in v.refs)),
        dates={v.area: v.as_of for v in values},
        base_dates={v.area: v.base_date for v in values if v.base_date},
    )


def upload_views(result: UploadResult | None, lang: str) -> list[IndicatorView]:
    """One view per numeric column of a valid upload (district or chome level; nothing is stored); each view's id
    is the column's short id (``upload:4f9edc4d``), which the URL carries instead of the header."""
    if result is None or not result.ok:
        return []
    views = []
    for column in result.columns:
        values = result.values.get(column, {})
        by_district = values if result.level == "district" else {}
        by_chome = values if result.level == "chome" else {}
        views.append(IndicatorView(
            id=result.ids.get(column) or column_id(column), label=column, unit="",
            description=t("upload_description", lang),
            district={k: by_district.get(k) for k in (*_district_ids(), "ward")} if by_district else {},
            chome=dict(by_chome), format=lambda v: "—" if v is None or not math.isfinite(v) else f"{v:,.6g}",
            refs=((UPLOAD_SOURCE, None),), uploaded=True,
        ))
    return views


def _district_ids() -> list[str]:
    return [f["properties"]["id"] for f in layer("districts")["features"]]


def all_views(lang: str, upload: UploadResult | None) -> dict[str, IndicatorView]:
    """Registry indicators then uploaded columns, by id."""
    views = {i: registry_view(i, lang) for i in indicator_ids()}
    return views | {v.id: v for v in upload_views(upload, lang)}


def picker_label(view: IndicatorView, lang: str) -> str:
    """The indicator's name in the picker (plain text): uploads marked as the user's own, chome data marked.

    >>> picker_label(registry_view("census_density", "en"), "en")
    'Population density (2020 census) · chome data'
    """
    label = f"{view.label} ({t('uploaded_label', lang)})" if view.uploaded else view.label
    return f"{label} · {t('chome_mark', lang)}" if view.has_chome else label


def chome_ranking(view: IndicatorView) -> list[tuple[str, float]]:
    """Chome (KEY_CODE) with a value, highest first: the ranking of a chome-only indicator."""
    pairs = [(k, v) for k, v in view.chome.items() if v is not None and math.isfinite(v)]
    return sorted(pairs, key=lambda p: p[1], reverse=True)


def ranking(view: IndicatorView) -> list[tuple[str, float]]:
    """Districts with a value, highest first (the ward excluded)."""
    pairs = [(a, v) for a, v in view.district.items() if a != "ward" and v is not None and math.isfinite(v)]
    return sorted(pairs, key=lambda p: p[1], reverse=True)


def interval(view: IndicatorView, lang: str) -> str:
    """The period a change indicator compares: one interval when every area shares it, else one per area;
    '' for indicators that compare nothing.

    >>> interval(registry_view("growth_since_census", "en"), "en")
    '1 Oct 2020 → 1 Feb 2026 (64 months)'
    """
    spans = {a: (b, view.dates.get(a)) for a, b in view.base_dates.items() if b and view.dates.get(a)}
    if not spans:
        return ""
    if len(set(spans.values())) == 1:
        start, end = next(iter(spans.values()))
        return interval_text(start, end, lang)
    return "; ".join(f"{area_name(a, lang)}: {interval_text(b, e, lang)}" for a, (b, e) in spans.items())


def period_column(lang: str, ind_id: str) -> str:
    """Header of the on-screen table's period column of a change indicator."""
    return t("column_period", lang, label=definition(ind_id).label(lang))


def comparison_table(lang: str, uploads: list[IndicatorView]) -> pd.DataFrame:
    """Areas × indicators (raw numbers) with headers in ``lang``; after each change indicator the period it compares
    in each area (text); district-level uploads appended."""
    df = registry_table(lang)
    labels = column_labels(lang)
    out: dict[str, object] = {}
    for column in df.columns:
        out[labels[column]] = df[column]
        if column not in ("area", "name"):
            values = district_values(column)
            if any(v.base_date for v in values):
                out[period_column(lang, column)] = [value_interval(v, lang) for v in values]
    table = pd.DataFrame(out)
    for view in uploads:
        if view.district:
            table[upload_column(view, lang)] = [view.district.get(a) for a in df["area"]]
    return table


def upload_column(view: IndicatorView, lang: str) -> str:
    """Header of an uploaded column: its name marked as the user's own."""
    return f"{view.label} ({t('uploaded_label', lang)})"


def table_formats(lang: str, uploads: list[IndicatorView]) -> dict[str, str]:
    """Header -> display format (``str.format``) of each numeric column of :func:`comparison_table`."""
    labels = column_labels(lang)
    out = {labels[i]: f"{{:,.{definition(i).digits}f}}" for i in indicator_ids()}
    return out | {upload_column(v, lang): "{:,.6g}" for v in uploads if v.district}


def legend_title(view: IndicatorView, lang: str) -> str:
    """'Label (unit), as of <date>' for the map legend; change indicators name the period compared instead."""
    unit = f" ({view.unit})" if view.unit else ""
    span = interval(view, lang)
    if span:
        return f"{view.label}{unit}, {span}"
    date = f", {as_of(view.as_of, lang)}" if view.as_of else ""
    return f"{view.label}{unit}{date}"


def number_only(view: IndicatorView) -> Callable[[float], str]:
    """Formatter for legend class bounds (number without unit) of a registry indicator."""
    if view.uploaded:
        return lambda v: f"{v:,.6g}"
    style = definition(view.id).format
    return lambda v: format_number(style, v)


def click_caption(view: IndicatorView, level: str, hit: Location | None, lang: str) -> str | None:
    """What the caption under the map says about a click: each value under its own area's name.

    At the ``district`` level the clicked district and its value; when the indicator also has a value for the
    clicked chome, that value follows, labelled as the chome's. At the ``chome`` level the clicked chome and its
    value. None for a click outside the ward, or (chome level) outside every land chome.

    >>> from geo.lookup import locate
    >>> hit = locate(35.660657, 139.735091)  # 麻布地区総合支所, in 六本木五丁目
    >>> click_caption(registry_view("census_density", "en"), "chome", hit, "en").startswith("Roppongi 5-chome: ")
    True
    >>> click_caption(registry_view("population", "en"), "district", hit, "en").startswith("Azabu: ")
    True
    """
    if hit is None or hit.district is None:
        return None
    chome = hit.chome
    if level == "chome":
        if chome is None:
            return None
        return t("selected_value", lang, area=chome.name(lang), value=view.format(view.chome.get(chome.key_code)))
    shown = view.format(view.district.get(hit.district))
    name = area_name(hit.district, lang)
    if chome is None or view.chome.get(chome.key_code) is None:
        return t("selected_value", lang, area=name, value=shown)
    return t("selected_value_with_chome", lang, area=name, value=shown, chome=chome.name(lang),
             chome_value=view.format(view.chome[chome.key_code]))
