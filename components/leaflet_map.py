"""Our Leaflet map component (static/map_frame): base layers from a static file, a small view per run.

Each run sends only ``view`` (the selected district and its office, or the choropleth's colours and legend):
a few hundred bytes to a few KB over the websocket. The base layers (~85 KB), the tiles and the frame's texts
come once per language as a cached file (atlas/map_layers.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from atlas.i18n import t
from atlas.map_layers import layer_url
from components.markdown import tm
from geo.paths import ROOT

log = logging.getLogger(__name__)

FRAME_DIR = ROOT / "static" / "map_frame"

_frame = components.declare_component("map", path=str(FRAME_DIR))


def leaflet_map(*, mode: str, base: str, view: dict[str, Any], lang: str, key: str, height: int,
                on_click: Callable[[], None], announce: bool = False) -> bool:
    """Draw (or update) the map frame; ``on_click`` runs before the rerun that a click on the map starts.

    ``mode`` is "districts" (map page) or "compare"; ``base`` names a file of atlas.map_layers, which also
    carries the tiles and, for the map page, the frame's texts (the compare page sends them in ``view["ui"]``).
    The clicked point is in ``st.session_state[key]["last_clicked"]``. Without the base file (here, or when the
    frame cannot fetch it) the map's place says so in ``lang``; the rest of the page works on.
    With ``announce`` the frame reports once that the map is drawn (``{"drawn": true}``, or false when it cannot
    be) as the component's value, which also runs ``on_click`` (:mod:`components.map_first`).
    Returns whether the frame is in the page (False: the warning instead).
    """
    try:
        url = layer_url(base)
    except OSError:
        log.exception("map layer file %s is missing (python -m atlas.map_layers builds it)", base)
        st.warning(tm("map_failed", lang))
        return False
    _frame(mode=mode, base=url, view=view, failed=t("map_failed", lang), announce=announce, height=height, key=key,
           default=None, on_change=on_click)
    return True
