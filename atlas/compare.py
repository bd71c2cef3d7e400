"""What the compare page shows for one indicator, from the registry or from a user's upload. No Streamlit."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from atlas import formatting as fmt
from atlas.i18n import t
from atlas.indicators import (
    area_name,
    chome_values,
    column_labels,
    definition,
    district_values,
    format_number,
    format_value,
    indicator_ids,
)
from atlas.indicators import table as registry_table
from atlas.upload import UploadResult
from geo.layers import chome_list, layer

UPLOAD_PREFIX = "upload:"
UPLOAD_SOURCE = "upload"


@dataclass(frozen=True)
class IndicatorView:
    """Values of one indicator by district (plus ``ward``) and, where defined, by chome."""

    id: str
    label: str
    unit: str
    description: str
    district: dict[str, float | None]
    chome: dict[str, float]
    format: Callable[[float | None], str]
    as_of: dt.date | None = None
    sources: tuple[str, ...] = ()
    uploaded: bool = False
    dates: dict[str, dt.date | None] = field(default_factory=dict)

    @property
    def has_chome(self) -> bool:
        return bool(self.chome)


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
        sources=tuple(dict.fromkeys(s for v in values for s in v.sources)),
        dates={v.area: v.as_of for v in values},
    )


def upload_views(result: UploadResult | None, lang: str) -> list[IndicatorView]:
    """One view per numeric column of a valid upload (district or chome level; nothing is stored)."""
    if result is None or not result.ok:
        return []
    views = []
    for column in result.columns:
        values = result.values.get(column, {})
        by_district = values if result.level == "district" else {}
        by_chome = values if result.level == "chome" else {}
        views.append(IndicatorView(
            id=f"{UPLOAD_PREFIX}{column}", label=column, unit="", description=t("upload_description", lang),
            district={k: by_district.get(k) for k in (*_district_ids(), "ward")} if by_district else {},
            chome=dict(by_chome), format=lambda v: "—" if v is None or not math.isfinite(v) else f"{v:,.6g}",
            sources=(UPLOAD_SOURCE,), uploaded=True,
        ))
    return views


def _district_ids() -> list[str]:
    return [f["properties"]["id"] for f in layer("districts")["features"]]


def all_views(lang: str, upload: UploadResult | None) -> dict[str, IndicatorView]:
    """Registry indicators then uploaded columns, by id."""
    views = {i: registry_view(i, lang) for i in indicator_ids()}
    return views | {v.id: v for v in upload_views(upload, lang)}


def ranking(view: IndicatorView) -> list[tuple[str, float]]:
    """Districts with a value, highest first (the ward excluded)."""
    pairs = [(a, v) for a, v in view.district.items() if a != "ward" and v is not None and math.isfinite(v)]
    return sorted(pairs, key=lambda p: p[1], reverse=True)


def comparison_table(lang: str, uploads: list[IndicatorView]) -> pd.DataFrame:
    """Areas × indicators (raw numbers) with headers in ``lang``; district-level uploads appended."""
    df = registry_table(lang)
    for view in uploads:
        if view.district:
            df[view.id] = [view.district.get(a) for a in df["area"]]
    labels = column_labels(lang) | {v.id: f"{v.label} ({t('uploaded_label', lang)})" for v in uploads}
    return df.rename(columns=labels)


def boundaries_geojson(lang: str, uploads: list[IndicatorView]) -> bytes:
    """Districts and chome with every indicator value (raw numbers) as one GeoJSON FeatureCollection."""
    ids = indicator_ids()
    per_area = {i: {v.area: v.value for v in district_values(i)} for i in ids}
    features = []
    for f in layer("districts")["features"]:
        slug = f["properties"]["id"]
        props = {"level": "district", "id": slug, "name": area_name(slug, lang)}
        props |= {i: per_area[i].get(slug) for i in ids}
        props |= {v.id: v.district.get(slug) for v in uploads if v.district}
        features.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    chome_ids = [i for i in ids if "chome" in definition(i).levels]
    chome_vals = {i: chome_values(i) for i in chome_ids}
    geoms = {f["properties"]["key_code"]: f["geometry"] for f in layer("chome")["features"]}
    for c in chome_list():
        props = {"level": "chome", "id": c.key_code, "name": c.name(lang),
                 "district": c.district}
        props |= {i: chome_vals[i].get(c.key_code) for i in chome_ids}
        props |= {v.id: v.chome.get(c.key_code) for v in uploads if v.chome}
        features.append({"type": "Feature", "properties": props, "geometry": geoms[c.key_code]})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def legend_title(view: IndicatorView, lang: str) -> str:
    """'Label (unit), as of <date>' for the map legend."""
    unit = f" ({view.unit})" if view.unit else ""
    date = f", {t('as_of', lang, date=fmt.date(view.as_of, lang))}" if view.as_of else ""
    return f"{view.label}{unit}{date}"


def number_only(view: IndicatorView) -> Callable[[float], str]:
    """Formatter for legend class bounds (number without unit) of a registry indicator."""
    if view.uploaded:
        return lambda v: f"{v:,.6g}"
    style = definition(view.id).format
    return lambda v: format_number(style, v)
