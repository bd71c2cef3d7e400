"""Minato district dashboard: page config, data check, language + district state, navigation."""

from __future__ import annotations

import streamlit as st

from atlas.checks import load_all
from atlas.i18n import DEFAULT_LANG, t
from components.language_switch import language_switch
from components.state import init_state, lang, show_notices, sync_url
from geo.layers import DataFileError

st.set_page_config(page_title="Minato district dashboard", page_icon="🗾", layout="wide")

try:
    load_all()
except DataFileError as exc:
    st.error(t("data_error", DEFAULT_LANG, detail=exc) if "i18n" not in str(exc) else f"Data file problem: {exc}")
    st.stop()

init_state()
with st.sidebar:
    language_switch()

pages = [st.Page("pages/map.py", title=t("nav_map", lang()), icon="🗺️", default=True, url_path="")]
page = st.navigation(pages, position="sidebar")
show_notices()
page.run()
sync_url()
