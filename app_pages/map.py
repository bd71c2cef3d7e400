"""Residents' view: district picker and town search, the map with the district's summary beside it,
then the full profile (aims, key figures, charts, initiatives). A session's first open draws the title and
the map first, the rest when the map has drawn (components/map_first.py)."""

import streamlit as st

from components.district_card import click_message, district_picker, town_search
from components.district_map import district_map, select_from_click
from components.district_profile import initiatives, plan_aims
from components.district_summary import district_summary
from components.handout_button import handout_button
from components.key_figures import key_figure_grid
from components.map_first import rest_fallback, rest_waits, show_rest
from components.markdown import tm
from components.profile_charts import profile_charts
from components.reveal import reveal_on_change
from components.state import district, lang


def on_map_event() -> None:
    """The map was clicked, or has drawn: from now on the whole page is drawn; a click selects its district."""
    show_rest()
    select_from_click()


waiting = rest_waits()
st.title(tm("map_heading", lang()), anchor=False)
st.caption(tm("map_caption", lang()))
with st.container(key="view_pickers"):  # its place is kept while empty (static/app.css)
    pick_col, search_col = st.columns([3, 2], gap="medium")  # first in the tab order; the picker above the map
map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:  # sent first (the frame loads while the rest is drawn); nothing may come before it between runs
    has_frame = district_map(lang(), district(), on_click=on_map_event, announce=waiting)
if waiting and has_frame:
    with side_col:
        district_summary(district(), lang(), links=False)
    rest_fallback()
    st.stop()
show_rest()  # (also when there is no frame to report)
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
