"""Minato district dashboard: page config, data check, language + district state, navigation."""

from __future__ import annotations

import streamlit as st

from components.compare_embed import embed_mode
from components.language_switch import language_switch
from components.navigation import build_pages, current_page_name, nav_bar
from components.page_meta import page_meta
from components.startup import check_data_or_stop
from components.state import district, drop_notices, init_state, lang, show_notices, sync_url, view_params
from components.streamlit_guard import harden

harden()  # no external-IP lookup, capped uploads: also under a plain `streamlit run` (issue 22)

st.set_page_config(page_title="Minato district dashboard", page_icon="🗾", layout="wide",
                   initial_sidebar_state="collapsed")  # the language and the picker come first, also by Tab

check_data_or_stop()  # every file in data/ validated; else one message in ?lang='s language naming file and row

init_state()
sync_url()  # every view change happens in widget state or callbacks, which are applied before this line
pages = build_pages(lang())
page = st.navigation(list(pages.values()), position="hidden")  # our own bar instead: visible on phones too
embedded = embed_mode(current_page_name(pages, page))  # /compare?embed=map|chart: that map or chart alone
if not embedded:
    language_switch()  # at the top of every page, outside the sidebar that phones keep closed
page_meta(page.title, district(), lang())  # <html lang>, the title in the view's language, static/app.css
go_to = st.session_state.pop("go_to", None)
if go_to in pages:
    st.switch_page(pages[go_to], query_params=view_params())
if not embedded:
    nav_bar(pages, current_page_name(pages, page), lang())  # every page, at the top, before its content
show_notices()
page.run()
drop_notices()
