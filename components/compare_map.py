"""The compare page's choropleth: geometry sent once, colours, legend and points sent per run (small)."""

from __future__ import annotations

import html
from collections.abc import Callable

import folium
import streamlit as st
from streamlit_folium import st_folium

from atlas.choropleth import MISSING, classify, fills
from atlas.compare import IndicatorView, legend_title, number_only
from atlas.districts import districts
from atlas.facilities import evacuation_sites, shelters
from atlas.i18n import t
from atlas.offices import office_label, offices
from atlas.sources import sources
from components.district_map import LocalLeafletMap, Script, map_credit, map_ui, tile_layer
from geo.layers import chome_list
from geo.payload import bounds, chome_payload, compact_json, districts_payload, outline_payload, quantize

MAP_KEY = "compare_map"
POINT_COLOURS = {"shelter": "#D55E00", "evacuation_site": "#009E73", "office": "#000000"}


@st.cache_data(show_spinner=False)
def compare_script() -> str:
    """Geometry of districts and chome (language-free; tooltips are set by paint)."""
    (south, west), _ = bounds()
    origin = (round(west - 0.001, 3), round(south - 0.001, 3))
    cfg = {
        "origin": origin,
        "outline": quantize(outline_payload(), origin),
        "districts": quantize(districts_payload({d.id: "" for d in districts()},
                                                {d.id: MISSING for d in districts()}), origin),
        "chome": quantize(chome_payload({c.key_code: "" for c in chome_list()}), origin),
        "credit": html.escape(sources()["estat-boundaries-2020"].credit),
    }
    return f"MinatoMap.drawCompare({{parent}}, {compact_json(cfg)});"


def _legend(view: IndicatorView, values: dict[str, float | None], lang: str) -> tuple[dict[str, str], str]:
    classes = classify(values)
    rows = "".join(f'<div><span class="swatch" style="background:{c}"></span>{html.escape(label)}</div>'
                   for c, label in classes.labels(number_only(view)))
    missing = f'<div><span class="swatch" style="background:{MISSING}"></span>—</div>'
    legend = f'<div class="title">{html.escape(legend_title(view, lang))}</div>{rows}{missing}'
    return fills(values, classes), legend


def _points(layers: set[str], lang: str) -> list[dict[str, object]]:
    points: list[dict[str, object]] = []
    address = t("facility_address", lang)

    def add(kind: str, name: str, addr: str, lat: float, lng: float) -> None:
        popup = f"<strong>{html.escape(name)}</strong><br>{html.escape(address)}: {html.escape(addr)}"
        points.append({"lat": lat, "lng": lng, "name": html.escape(name), "popup": popup, "kind": kind,
                       "colour": POINT_COLOURS[kind]})

    if "shelters" in layers:
        for f in shelters():
            add("shelter", f.name_ja, f.address_ja, f.lat, f.lng)
    if "evacuation" in layers:
        for f in evacuation_sites():
            add("evacuation_site", f.name_ja, f.address_ja, f.lat, f.lng)
    if "offices" in layers:
        for o in offices():
            add("office", office_label(o, lang), o.address_ja, o.lat, o.lng)
    return points


def paint_spec(view: IndicatorView, level: str, selected: str | None, layers: set[str], lang: str) -> dict:
    """Colours, tooltips, legend, selection and facility points for one run."""
    if level == "chome":
        values: dict[str, float | None] = {c.key_code: view.chome.get(c.key_code) for c in chome_list()}
        names = {c.key_code: c.name(lang) for c in chome_list()}
    else:
        values = {d.id: view.district.get(d.id) for d in districts()}
        names = {d.id: d.name(lang) for d in districts()}
    colour, legend = _legend(view, values, lang)
    tips = {k: html.escape(f"{names[k]}: {view.format(v)}") for k, v in values.items()}
    return {"level": level, "fills": colour, "tips": tips, "legend": legend, "selected": selected or "",
            "points": _points(layers, lang), "ui": map_ui(lang, "compare_map_label")}


def compare_map(spec: dict, lang: str, on_click: Callable[[], None], height: int = 520) -> None:
    """Draw the choropleth; only the paint layer changes between runs, so the map is not rebuilt."""
    m = LocalLeafletMap(location=None, tiles=None, zoom_control=True, min_zoom=11, max_zoom=18, control_scale=True)
    tile_layer().add_to(m)
    m.fit_bounds(bounds())
    Script(compare_script()).add_to(m)
    group = folium.FeatureGroup(name="paint", control=False)
    Script(f"MinatoMap.paint({{parent}}, {compact_json(spec)});").add_to(group)
    st_folium(m, key=MAP_KEY, height=height, use_container_width=True, returned_objects=["last_clicked"],
              feature_group_to_add=group, on_change=on_click)
    map_credit(lang)
