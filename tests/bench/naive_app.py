"""Naive baseline for tests/bench/bench_map.py: the textbook st_folium district map.

On every run it reads the UNSIMPLIFIED district polygons from ../shared/data/geo (no caching),
builds a fresh folium map with a GeoJsonTooltip of ``district_en``, and hands it to ``st_folium``
with the default returned objects (so every pan/zoom/click reruns the script). The clicked
district's name comes from ``last_active_drawing``. Leaflet is served locally (the machine is
offline) through ``LocalLeafletMap`` below; nothing of the app's map code is used.

tests/bench/bench_map.py runs it from the repository root (so ./.streamlit/config.toml applies) through a
temporary folder holding a symlink to this file and a ``static`` symlink to the app's ./static: Streamlit
serves /app/static/ from the folder of the main script, and tests/bench/ has none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

SOURCE = ROOT.parent / "shared/data/geo/minato_districts_2020.geojson"



class LocalLeafletMap(folium.Map):
    """A folium map that loads Leaflet from this server (the machine is offline), nothing from a CDN."""

    default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
    default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]


st.set_page_config(page_title="Naive district map", layout="wide")

with open(SOURCE, encoding="utf-8") as fh:
    districts = json.load(fh)

m = LocalLeafletMap(location=[35.6581, 139.7414], zoom_start=13, tiles=None)
folium.GeoJson(
    districts,
    name="districts",
    tooltip=folium.GeoJsonTooltip(fields=["district_en"]),
).add_to(m)

map_col, side_col = st.columns([3, 2])
with map_col:
    out = st_folium(m, height=560, use_container_width=True)
drawing = (out or {}).get("last_active_drawing") or {}
name = (drawing.get("properties") or {}).get("district_en") or "Whole ward"
with side_col:
    st.subheader(name, anchor="selected-district")
