"""The compare page's choropleth: geometry from a cached static file, colours, legend and points sent per run."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from atlas.choropleth import MISSING, classify, fills
from atlas.compare import IndicatorView, legend_title, number_only
from atlas.districts import districts
from atlas.facilities import evacuation_sites, shelters
from atlas.i18n import t
from atlas.map_layers import map_ui
from atlas.offices import office_label, offices
from atlas.travel_map import layer_points, map_html
from components.district_map import map_credit
from components.leaflet_map import leaflet_map
from components.markdown import in_lang, tm
from geo.layers import chome_list

MAP_KEY = "compare_map"
POINT_COLOURS = {"shelter": "#D55E00", "evacuation_site": "#009E73", "office": "#000000"}


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

    def add(kind: str, name: str, addr: str, lat: float, lng: float, name_lang: str = "ja") -> None:
        """A point; the Japanese name and address carry lang="ja" in the en and zh views (tooltips are HTML)."""
        shown = in_lang(name, name_lang, lang, html.escape)
        popup = f"<strong>{shown}</strong><br>{html.escape(address)}: {in_lang(addr, 'ja', lang, html.escape)}"
        points.append({"lat": lat, "lng": lng, "name": shown, "popup": popup, "kind": kind,
                       "colour": POINT_COLOURS[kind]})

    if "shelters" in layers:
        for f in shelters():
            add("shelter", f.name_ja, f.address_ja, f.lat, f.lng)
    if "evacuation" in layers:
        for f in evacuation_sites():
            add("evacuation_site", f.name_ja, f.address_ja, f.lat, f.lng)
    if "offices" in layers:
        for o in offices():
            label = office_label(o, lang)
            add("office", label, o.address_ja, o.lat, o.lng, "ja" if label == o.name_ja else lang)
    return points


def paint_spec(view: IndicatorView, level: str, selected: str | None, layers: set[str], lang: str) -> dict:
    """Colours, tooltips, legend, selection and facility points for one run."""
    if level == "chome":  # chome names are romaji in en, the Japanese name (lang="ja") in ja and zh
        values: dict[str, float | None] = {c.key_code: view.chome.get(c.key_code) for c in chome_list()}
        names = {c.key_code: in_lang(c.name(lang), "en" if lang == "en" else "ja", lang, html.escape)
                 for c in chome_list()}
    else:
        values = {d.id: view.district.get(d.id) for d in districts()}
        names = {d.id: html.escape(d.name(lang)) for d in districts()}
    colour, legend = _legend(view, values, lang)
    tips = {k: f"{names[k]}{html.escape(': ' + view.format(v))}" for k, v in values.items()}
    return {"level": level, "fills": colour, "tips": tips, "legend": legend, "selected": selected or "",
            "points": _points(layers, lang), "ui": map_ui(lang, "compare_map_label")}


def map_download(view: IndicatorView, level: str, layers: set[str], refs: list, lang: str) -> None:
    """'Download this map (HTML)': the current view as one file that opens offline (atlas/travel_map.py)."""
    st.download_button(tm("download_map_html", lang), key="dl-map-html", mime="text/html", on_click="ignore",
                       data=lambda: map_html(view, level, lang, layer_points(layers, lang), refs),
                       file_name=f"minato-map-{view.id.replace(':', '-')}-{level}-{lang}.html")


def compare_map(spec: dict, lang: str, on_click: Callable[[], None], height: int = 520,
                announce: bool = False) -> bool:
    """Draw the choropleth; only the paint (colours, tooltips, legend, points) changes between runs. ``announce``:
    the frame reports once that it has drawn (components/map_first.py). False: no map frame."""
    shown = leaflet_map(mode="compare", base="compare.json", view=spec, lang=lang, key=MAP_KEY, height=height,
                        on_click=on_click, announce=announce)
    map_credit(lang)
    return shown
