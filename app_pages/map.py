"""Residents' view: district picker and town search, the map with the district's summary beside it,
then the full profile (aims, key figures, charts, initiatives)."""

import streamlit as st

from components.district_card import click_message, district_picker, town_search
from components.district_map import district_map, select_from_click
from components.district_profile import district_summary, initiatives, key_figure_grid, plan_aims
from components.handout_button import handout_button
from components.markdown import tm
from components.profile_charts import profile_charts
from components.reveal import reveal_on_change
from components.state import district, lang

st.title(tm("map_heading", lang()), anchor=False)
st.caption(tm("map_caption", lang()))
pick_col, search_col = st.columns(2, gap="medium")  # first in the tab order, before the map
map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:  # sent first (the frame loads while the rest is drawn); nothing may come before it between runs
    district_map(lang(), district(), on_click=select_from_click)
with pick_col:
    district_picker()
with search_col:
    town_search()
with side_col:
    click_message()
    district_summary(district(), lang())
    handout_button(district(), lang())
reveal_on_change("district_summary", district(), "summary_shown_for")
plan_aims(district(), lang())
key_figure_grid(district(), lang())
profile_charts(district(), lang())
initiatives(district(), lang())
