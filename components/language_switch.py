"""The language switch (ja / en / zh) at the top of every page, kept in ``?lang=``."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import LANGS, t
from components.markdown import md_escape
from components.state import LANG

WIDGET_KEY = "lang_switch"


def _on_change() -> None:
    st.session_state[LANG] = st.session_state[WIDGET_KEY]


def language_switch() -> None:
    """A horizontal radio above the page (one tab stop, arrow keys between languages, 44 px targets from
    static/app.css); switching keeps the district and the page.

    The language lives in its own state key, so it survives pages where Streamlit drops widget state.
    """
    if WIDGET_KEY not in st.session_state:
        st.session_state[WIDGET_KEY] = st.session_state[LANG]
    with st.container(key="lang_top"):
        st.radio(
            "Language / 言語 / 语言",
            options=list(LANGS),
            format_func=lambda code: md_escape(t("language_name", code)),
            key=WIDGET_KEY,
            horizontal=True,
            label_visibility="collapsed",
            on_change=_on_change,
        )
