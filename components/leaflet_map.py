"""Our Leaflet map component (static/map_frame): base layers from a static file, a small view per run.

Each run sends only ``view`` (the selected district and its office, or the choropleth's colours and legend),
the frame's UI texts and the tile settings: a few hundred bytes to a few KB over the websocket. The base
layers (~85 KB) come once per language as a cached file (atlas/map_layers.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import streamlit.components.v1 as components

from atlas.i18n import t
from atlas.map_layers import layer_url
from atlas.sources import sources
from components.page_meta import HTML_LANG
from geo.paths import ROOT

GSI_PALE = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
TILES_SOURCE = "gsi-tiles-pale"
FRAME_DIR = ROOT / "static" / "map_frame"

_frame = components.declare_component("map", path=str(FRAME_DIR))


def tiles() -> dict[str, str]:
    """GSI pale-map tiles (decoration: without network the map still draws), credited from sources.yaml."""
    source = sources()[TILES_SOURCE]
    attr = f'<a href="{html.escape(source.url)}" target="_blank">{html.escape(source.credit)}</a>'
    return {"url": GSI_PALE, "attr": attr}


def map_ui(lang: str, label_key: str = "map_label") -> dict[str, str]:
    """The frame's language, accessible name, reset-button label, touch hint and failure text (set as text)."""
    return {"lang": HTML_LANG.get(lang, lang), "label": t(label_key, lang), "reset": t("map_reset", lang),
            "hint": t("map_touch_hint", lang), "failed": t("map_failed", lang)}


def leaflet_map(*, mode: str, base: str, view: dict[str, Any], ui: dict[str, str], key: str, height: int,
                on_click: Callable[[], None]) -> None:
    """Draw (or update) the map frame; ``on_click`` runs before the rerun that a click on the map starts.

    ``mode`` is "districts" (map page) or "compare"; ``base`` names a file of atlas.map_layers.
    The clicked point is in ``st.session_state[key]["last_clicked"]``.
    """
    _frame(mode=mode, base=layer_url(base), view=view, ui=ui, tiles=tiles(), height=height, key=key, default=None,
           on_change=on_click)
