"""The language switch (ja / en / zh), kept in ``?lang=``."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import LANGS, t
from components.state import LANG


def language_switch() -> None:
    """A horizontal radio; switching keeps the district and the page."""
    st.radio(
        "Language / 言語 / 语言",
        options=list(LANGS),
        format_func=lambda code: t("language_name", code),
        key=LANG,
        horizontal=True,
        label_visibility="collapsed",
    )
