"""'Download handout': a one-page A4 PDF built only when the button is clicked."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas.handout import HandoutError, build_handout, check_requirements
from atlas.i18n import t


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_handout(district: str | None, lang: str, day: dt.date) -> bytes:
    return build_handout(district, lang, generated=day)


def handout_problem(lang: str) -> str | None:
    """Why no handout can be made here (no CJK font or no PDF library), or None."""
    try:
        check_requirements(lang)
    except HandoutError as exc:
        return str(exc)
    return None


def handout_button(district: str | None, lang: str) -> None:
    """The download button; the PDF is made on click (deferred), or a clear message if it cannot be made."""
    problem = handout_problem(lang)
    if problem:
        st.caption(t("handout_unavailable", lang, detail=problem))
        return
    name = district or "ward"
    st.download_button(
        t("download_handout", lang),
        data=lambda: _cached_handout(district, lang, dt.date.today()),
        file_name=f"minato-{name}-handout-{lang}.pdf",
        mime="application/pdf",
        key=f"handout-{name}-{lang}",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
