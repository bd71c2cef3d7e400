"""The compare map's level and layer switches, restored from and written to the URL (``?level=``, ``?layers=``).

A session's first run of the page seeds the widgets from the URL (:func:`seed_from_url`); every run then writes
the view back (:func:`write_url`), defaults left out, so a copied address opens the same view.
"""

from __future__ import annotations

import streamlit as st

from atlas.compare import IndicatorView, picker_label
from atlas.view_link import LAYERS, LEVELS, link_params, parse_layers, parse_level
from components.markdown import md_escape, plain_echo, tm
from components.state import lang

LEVEL_KEY = "map_level"
LAYER_KEYS = {name: f"layer_{name}" for name in LAYERS}
LAYER_LABELS = {"shelters": "layer_shelters", "evacuation": "layer_evacuation", "offices": "layer_offices"}
INDICATOR_KEY = "indicator"
_NOTICES = "compare_link_notices"


def seed_from_url() -> None:
    """Where the widgets hold no value yet (first visit of the session, or back from another page), take the
    level and layers from the URL; unknown layer names are kept for a notice, the known ones are used."""
    if LEVEL_KEY not in st.session_state:
        st.session_state[LEVEL_KEY] = parse_level(st.query_params.get("level"))
    if not any(key in st.session_state for key in LAYER_KEYS.values()):
        known, unknown = parse_layers(st.query_params.get("layers"))
        for name, key in LAYER_KEYS.items():
            st.session_state[key] = name in known
        if unknown:
            st.session_state[_NOTICES] = [("unknown_layers", ",".join(unknown))]


def link_notices() -> None:
    """Once: layer names in the URL that are not known (the known ones are shown)."""
    for key, value in st.session_state.pop(_NOTICES, []):
        st.warning(tm(key, lang(), value=plain_echo(value)))


def current_switches() -> tuple[str, set[str]]:
    """The chosen level and layers, from the session (after :func:`seed_from_url`)."""
    level = st.session_state.get(LEVEL_KEY, LEVELS[0])
    return level, {name for name, key in LAYER_KEYS.items() if st.session_state.get(key)}


def write_url(level: str, layers: set[str]) -> None:
    """Put the map's level and layers in the URL; defaults are dropped from it."""
    wanted = link_params(level, layers)
    for key in ("level", "layers"):
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
        elif key in wanted and st.query_params.get_all(key) != [wanted[key]]:
            st.query_params[key] = wanted[key]


def map_switches() -> tuple[str, set[str]]:
    """The level radio (both levels, always) and the layer checkboxes: (level chosen, layers shown)."""
    code = lang()
    level = st.radio(tm("map_level", code), list(LEVELS), horizontal=True, key=LEVEL_KEY,
                     format_func={x: tm(f"level_{x}", code) for x in LEVELS}.__getitem__)
    cols = st.columns(len(LAYERS))
    layers = {name for (name, key), col in zip(LAYER_KEYS.items(), cols, strict=True)
              if col.checkbox(tm(LAYER_LABELS[name], code), key=key)}
    return level, layers


def _choose(ind_id: str) -> None:
    st.session_state[INDICATOR_KEY] = ind_id


def chome_offer(view: IndicatorView, views: dict[str, IndicatorView]) -> None:
    """At chome level with a district-only indicator: say so, and offer the indicators that have chome figures."""
    code = lang()
    st.info(tm("chome_offer", code, indicator=view.label))
    offered = [v for v in views.values() if v.has_chome]
    cols = st.columns(max(1, min(3, len(offered))))
    for i, other in enumerate(offered):
        cols[i % len(cols)].button(md_escape(picker_label(other, code)), key=f"chome_offer_{other.id}",
                                   on_click=_choose, args=(other.id,))
