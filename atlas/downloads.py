"""The compare page's GeoJSON download, citing its sources. No Streamlit.

Values are rounded as the page shows them. The GeoJSON has a top-level ``metadata`` member with every indicator's
sources (title, publisher, URL, reference date, license, credit line) and the boundary data's credit. The CSVs
(district and chome level, each value with its sources' title, URL, licence and credit) are in
:mod:`atlas.download_csv`.
"""

from __future__ import annotations

import datetime as dt
import json

from atlas.compare import IndicatorView
from atlas.i18n import t
from atlas.indicators import (
    SourceRef,
    area_name,
    chome_values,
    definition,
    definitions,
    district_values,
    rounded,
    source_date,
)
from atlas.sources import sources
from geo.layers import chome_list, layer

BOUNDARY_SOURCE = "estat-boundaries-2020"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def source_record(sid: str, lang: str, day: dt.date | None = None) -> dict[str, object]:
    """A source as metadata: id, title in ``lang``, publisher, URL, reference date, license and credit line.

    ``day`` is the date of the figures taken from it; without one, the record's own ``reference_date``.
    """
    src = sources()[sid]
    copy = src.retrieved
    return {"id": sid, "title": src.titles[lang], "publisher": src.publisher_in(lang), "url": src.url,
            "reference_date": src.iso_date(day), "license": src.license_in(lang), "credit": src.credit,
            "retrieved": {"date": copy.date.isoformat(), "by": copy.by, "url": copy.url} if copy else None}


def _cited(refs: list[SourceRef], lang: str) -> list[dict[str, object]]:
    """One record per source of ``refs`` (first-seen order), dated with the latest figure date taken from it."""
    latest: dict[str, dt.date | None] = {}
    for ref in refs:
        day = source_date(ref)
        if ref[0] not in latest or (day and (latest[ref[0]] is None or day > latest[ref[0]])):
            latest[ref[0]] = day
    return [source_record(sid, lang, day) for sid, day in latest.items()]


def metadata(lang: str, uploads: list[IndicatorView]) -> dict[str, object]:
    """The GeoJSON's ``metadata`` member: boundaries and, per indicator, what it means and where it comes from."""
    indicators = []
    cited = [BOUNDARY_SOURCE]
    for d in definitions():
        values = district_values(d.id)
        entry: dict[str, object] = {
            "id": d.id, "label": d.label(lang), "unit": d.unit(lang), "decimals": d.digits,
            "levels": list(d.levels), "description": d.description(lang),
            "as_of": {v.area: _iso(v.as_of) for v in values},
        }
        if any(v.base_date for v in values):
            entry["compared_with"] = {v.area: _iso(v.base_date) for v in values}
        entry["sources"] = _cited([ref for v in values for ref in v.refs], lang)
        cited += [ref[0] for v in values for ref in v.refs]
        indicators.append(entry)
    return {
        "title": t("compare_heading", lang),
        "language": lang,
        "note": t("downloads_note", lang),
        "boundaries": source_record(BOUNDARY_SOURCE, lang),
        "credits": list(dict.fromkeys(sources()[sid].credit for sid in cited)),
        "indicators": indicators,
        "uploads": [{"id": v.id, "label": v.label, "note": t("upload_description", lang)} for v in uploads],
    }


def boundaries_geojson(lang: str, uploads: list[IndicatorView]) -> bytes:
    """Districts and chome with every indicator value (rounded as shown) as one GeoJSON FeatureCollection, with a
    top-level ``metadata`` member (see :func:`metadata`)."""
    ids = [d.id for d in definitions()]
    per_area = {i: {v.area: rounded(i, v.value) for v in district_values(i)} for i in ids}
    features = []
    for f in layer("districts")["features"]:
        slug = f["properties"]["id"]
        props = {"level": "district", "id": slug, "name": area_name(slug, lang)}
        props |= {i: per_area[i].get(slug) for i in ids}
        props |= {v.id: v.district.get(slug) for v in uploads if v.district}
        features.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    chome_ids = [i for i in ids if "chome" in definition(i).levels]
    chome_vals = {i: {k: rounded(i, x) for k, x in chome_values(i).items()} for i in chome_ids}
    geoms = {f["properties"]["key_code"]: f["geometry"] for f in layer("chome")["features"]}
    for c in chome_list():
        props = {"level": "chome", "id": c.key_code, "name": c.name(lang), "district": c.district}
        props |= {i: chome_vals[i].get(c.key_code) for i in chome_ids}
        props |= {v.id: v.chome.get(c.key_code) for v in uploads if v.chome}
        features.append({"type": "Feature", "properties": props, "geometry": geoms[c.key_code]})
    doc = {"type": "FeatureCollection", "metadata": metadata(lang, uploads), "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
