"""Residents' view: the map, district picker and town search, then the district profile."""

import streamlit as st

from atlas.i18n import t
from components.district_card import click_message, district_picker, town_search
from components.district_map import district_map, select_from_click
from components.district_profile import initiatives, key_figure_grid, office_card, profile_header
from components.handout_button import handout_button
from components.profile_charts import profile_charts
from components.state import district, lang

st.title(t("map_heading", lang()))
st.caption(t("map_caption", lang()))
map_col, side_col = st.columns([3, 2], gap="medium")
with side_col:
    district_picker()
    town_search()
    click_message()
    profile_header(district(), lang())
    office_card(district(), lang())
    handout_button(district(), lang())
with map_col:
    district_map(lang(), district(), on_click=select_from_click)
key_figure_grid(district(), lang())
profile_charts(district(), lang())
initiatives(district(), lang())
