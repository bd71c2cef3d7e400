"""Residents' view: the five districts on the map, a picker, town search, the district basics."""

import streamlit as st

from atlas.i18n import t
from components.district_card import click_message, district_picker, district_summary, town_search
from components.district_map import district_map, last_click
from components.state import district, lang, select_district
from geo.lookup import locate


def _on_map_click() -> None:
    point = last_click()
    if point is None:
        return
    hit = locate(*point)
    st.session_state["click_hit"] = hit
    if hit.district:
        select_district(hit.district)


st.title(t("map_heading", lang()))
st.caption(t("map_caption", lang()))
map_col, side_col = st.columns([3, 2], gap="medium")
with side_col:
    district_picker()
    town_search()
    click_message()
    district_summary()
with map_col:
    district_map(lang(), district(), on_click=_on_map_click)
