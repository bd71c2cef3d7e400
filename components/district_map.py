"""The interactive district map: folium + streamlit-folium with Leaflet served locally.

The base map (tiles, outline, districts, chome, labels) depends only on the language, so its
script stays identical across reruns and the browser never redraws it; the selection is sent as
a small feature group that outlines the district and fits the view to it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import folium
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from atlas.districts import districts
from atlas.i18n import t
from atlas.offices import branch_office, office_label
from atlas.sources import sources
from components.markdown import md_escape, md_url, md_with_links
from components.page_meta import HTML_LANG
from components.state import select_district
from geo.layers import chome_list
from geo.lookup import Location, locate
from geo.payload import bounds, chome_payload, compact_json, districts_payload, label_points, outline_payload, quantize

STATIC = "/app/static"
MAP_KEY = "district_map"
GSI_PALE = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
TILES_SOURCE = "gsi-tiles-pale"


class LocalLeafletMap(folium.Map):
    """A folium map that loads Leaflet and our map script from this server, nothing from a CDN."""

    default_js = [("leaflet", f"{STATIC}/leaflet/leaflet.js"), ("districts_map", f"{STATIC}/districts_map.js")]
    default_css = [
        ("leaflet_css", f"{STATIC}/leaflet/leaflet.css"),
        ("districts_map_css", f"{STATIC}/districts_map.css"),
    ]


class Script(MacroElement):
    """A raw script attached to its parent (``{parent}`` is replaced by the parent's JS name).

    streamlit-folium reads each element's ``script`` macro itself, so ``render`` adds nothing to the
    figure: folium's default would compile the (large) script text as a Jinja template on every run.
    """

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code_template = code

    @property
    def code(self) -> str:
        return self.code_template.replace("{parent}", self._parent.get_name())

    def render(self, **kwargs: object) -> None:
        """Nothing to add to the folium figure (see the class docstring)."""


def map_config(lang: str) -> dict[str, object]:
    """Everything the browser needs to draw the base map in ``lang`` (names HTML-escaped)."""
    names = {d.id: d.name(lang) for d in districts()}
    chome_tips = {c.key_code: f"{c.name(lang)} · {names[c.district]}" for c in chome_list()}
    (south, west), _ = bounds()
    origin = (round(west - 0.001, 3), round(south - 0.001, 3))
    esc = {k: html.escape(v) for k, v in names.items()}
    return {
        "origin": origin,
        "outline": quantize(outline_payload(), origin),
        "districts": quantize(districts_payload(esc, {d.id: d.colour for d in districts()}), origin),
        "chome": quantize(chome_payload({k: html.escape(v) for k, v in chome_tips.items()}), origin),
        "labels": [{"at": list(at), "text": esc[d]} for d, at in label_points().items()],
        "credit": html.escape(sources()["estat-boundaries-2020"].credit),
        "ui": map_ui(lang),
    }


def map_ui(lang: str, label_key: str = "map_label") -> dict[str, str]:
    """The map frame's language, accessible name, reset-button label and touch hint (set as text, not HTML)."""
    return {"lang": HTML_LANG.get(lang, lang), "label": t(label_key, lang), "reset": t("map_reset", lang),
            "hint": t("map_touch_hint", lang)}


@st.cache_data(show_spinner=False)
def draw_script(lang: str) -> str:
    """The script that draws the base layers in ``lang``; built once per language and process."""
    return f"MinatoMap.draw({{parent}}, {compact_json(map_config(lang))});"


def base_map(lang: str) -> folium.Map:
    """A fresh base map (cheap: the heavy layer script is cached) whose script is the same every run."""
    ward = bounds()
    m = LocalLeafletMap(location=None, tiles=None, zoom_control=True, min_zoom=11, max_zoom=18, control_scale=True)
    tile_layer().add_to(m)
    m.fit_bounds(ward)
    Script(draw_script(lang)).add_to(m)
    return m


def selection_group(district: str | None, lang: str) -> folium.FeatureGroup:
    """The dynamic layer: outline of the selected district (or the ward view) and its office marker."""
    group = folium.FeatureGroup(name="selection", control=False)
    office = branch_office(district)
    marker = None
    if office is not None:
        marker = {"lat": office.lat, "lng": office.lng, "name": html.escape(office_label(office, lang)),
                  "address": html.escape(office.address_ja)}
    args = f"{compact_json(district or '')}, {compact_json(marker)}"
    Script(f"MinatoMap.highlight({{parent}}, {args});").add_to(group)
    return group


def district_map(lang: str, district: str | None, on_click: Callable[[], None], height: int = 560) -> None:
    """Draw the map; ``on_click`` runs (before the rerun) when the user clicks the map."""
    st_folium(
        base_map(lang),
        key=MAP_KEY,
        height=height,
        use_container_width=True,
        returned_objects=["last_clicked"],
        feature_group_to_add=selection_group(district, lang),
        on_change=on_click,
    )
    map_credit(lang)


def map_credit(lang: str) -> None:
    """The credit lines the boundary data and the tiles require, under a map."""
    credit = md_with_links(sources()["estat-boundaries-2020"].credit)
    tiles = sources()[TILES_SOURCE]
    tile_link = f"[{md_escape(tiles.credit)}]({md_url(tiles.url)})"
    st.caption(f"{md_escape(t('map_credit_heading', lang))}: {credit} · {tile_link} · Leaflet")


def tile_layer() -> folium.TileLayer:
    """GSI pale-map tiles (decoration: without network the map still draws), credited from sources.yaml."""
    tiles = sources()[TILES_SOURCE]
    attr = f'<a href="{html.escape(tiles.url)}" target="_blank">{html.escape(tiles.credit)}</a>'
    return folium.TileLayer(GSI_PALE, attr=attr, name="GSI pale", max_zoom=18, max_native_zoom=18)


def select_from_click(key: str = MAP_KEY) -> Location | None:
    """In a map's ``on_click`` callback: locate the click, remember it, select the district under it."""
    point = last_click(key)
    if point is None:
        return None
    hit = locate(*point)
    st.session_state["click_hit"] = hit
    if hit.district:
        select_district(hit.district)
    return hit


def last_click(key: str = MAP_KEY) -> tuple[float, float] | None:
    """(lat, lng) of the latest click on the map with ``key``, read inside its ``on_click`` callback."""
    value = st.session_state.get(key) or {}
    clicked = value.get("last_clicked") if isinstance(value, dict) else None
    if not clicked:
        return None
    try:
        return float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
