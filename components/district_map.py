"""The interactive district map: our Leaflet component (components/leaflet_map.py), Leaflet served locally.

The base layers (tiles, outline, districts, chome, labels) depend only on the language and come as a
cached static file; each run sends the selection alone (the district's id and its office), which the
frame outlines and fits the view to.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from atlas.i18n import t
from atlas.map_layers import TILES_SOURCE
from atlas.offices import branch_office, office_label
from atlas.sources import sources
from components.leaflet_map import leaflet_map
from components.markdown import in_lang, md_escape, md_url, md_with_links
from components.state import select_district
from components.text_blocks import caption_block
from geo.lookup import Location, locate

MAP_KEY = "district_map"


def selection_view(district: str | None, lang: str) -> dict[str, object]:
    """What a run sends: the selected district (or "" for the ward), its office marker and the legend of the
    map's symbols (texts HTML-escaped)."""
    office = branch_office(district)
    marker, legend = None, []
    if office is not None:
        marker = {"lat": office.lat, "lng": office.lng, "name": html.escape(office_label(office, lang)),
                  "address": in_lang(office.address_ja, "ja", lang, html.escape)}
        kind = t("branch_office_heading" if district else "ward_office_heading", lang)
        legend.append({"symbol": "office", "text": html.escape(kind)})
    if district:
        legend.append({"symbol": "outline", "text": html.escape(t("map_legend_selected", lang))})
    return {"district": district or "", "office": marker, "legend": legend}


def district_map(lang: str, district: str | None, on_click: Callable[[], None], height: int = 560,
                 announce: bool = False) -> bool:
    """Draw the map; ``on_click`` runs (before the rerun) when the user clicks the map, or when the frame
    ``announce``-s that it has drawn (:func:`components.leaflet_map.leaflet_map`). False: no map frame."""
    shown = leaflet_map(mode="districts", base=f"districts-{lang}.json", view=selection_view(district, lang),
                        lang=lang, key=MAP_KEY, height=height, on_click=on_click, announce=announce)
    map_credit(lang)
    return shown


def map_credit(lang: str) -> None:
    """The credit lines the boundary data and the tiles require, under a map (in the Japanese the licences ask
    for, so marked ``lang="ja"`` in the en and zh views)."""
    credit = in_lang(sources()["estat-boundaries-2020"].credit, "ja", lang, md_with_links)
    tiles = sources()[TILES_SOURCE]
    tile_link = f"[{in_lang(tiles.credit, 'ja', lang)}]({md_url(tiles.url)})"
    text = f"{md_escape(t('map_credit_heading', lang))}: {credit} · {tile_link} · Leaflet"
    caption_block(text)


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
