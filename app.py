"""Minato district dashboard: page config, data check, language + district state, navigation."""

from __future__ import annotations

import streamlit as st

from atlas.checks import load_all
from atlas.i18n import DEFAULT_LANG, t
from components.language_switch import language_switch
from components.navigation import build_pages
from components.state import init_state, lang, show_notices, sync_url, view_params
from geo.layers import DataFileError

st.set_page_config(page_title="Minato district dashboard", page_icon="🗾", layout="wide")

try:
    load_all()
except DataFileError as exc:
    try:
        message = t("data_error", DEFAULT_LANG, detail=exc)
    except DataFileError:  # the broken file may be the string catalog itself
        message = f"The app cannot start because a data file is missing or broken: {exc}"
    st.error(message)
    st.stop()

init_state()
sync_url()  # every view change happens in widget state or callbacks, which are applied before this line
with st.sidebar:
    language_switch()

pages = build_pages(lang())
page = st.navigation(list(pages.values()), position="sidebar")
go_to = st.session_state.pop("go_to", None)
if go_to in pages:
    st.switch_page(pages[go_to], query_params=view_params())
show_notices()
page.run()
