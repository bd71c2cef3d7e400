"""Ways to choose a district beside the map: picker, town search, and what a map click hit."""

from __future__ import annotations

import streamlit as st

from atlas.districts import district_by_id, districts
from atlas.i18n import t
from components.markdown import tm
from components.state import SELECT_KEY, district, lang, select_district
from geo.towns import search_town

TOWN_KEY = "town_query"


def district_picker() -> None:
    """A selectbox over the districts (keyboard access), in sync with the map and the URL."""
    ids = [""] + [d.id for d in districts()]
    labels = {d.id: d.name(lang()) for d in districts()} | {"": t("whole_ward", lang())}  # options: plain text
    if SELECT_KEY not in st.session_state:  # widget state is dropped on pages without the picker
        st.session_state[SELECT_KEY] = district() or ""
    st.selectbox(
        tm("district_select", lang()),
        options=ids,
        format_func=labels.__getitem__,
        key=SELECT_KEY,
        on_change=lambda: select_district(st.session_state[SELECT_KEY] or None),
    )


def _on_town_search() -> None:
    result = search_town(st.session_state.get(TOWN_KEY, ""))
    st.session_state["town_result"] = result
    if result.district:
        select_district(result.district)


def town_search() -> None:
    """Free-text town search (kanji, kana, Chinese, romaji, postcodes) that selects the town's district.

    The query is echoed as escaped plain text, cut to a line (``TownSearch.short_query``).
    """
    st.text_input(tm("town_search", lang()), key=TOWN_KEY, placeholder=t("town_search_help", lang()),
                  on_change=_on_town_search)
    result = st.session_state.get("town_result")
    if result is None or not result.query.strip():
        return

    query, code = result.short_query, result.postcode or ""  # raw: tm escapes the whole message
    if result.reason == "outside_minato":
        st.info(tm("town_postcode_outside", lang(), postcode=code, place=result.place))
    elif result.reason == "unknown_postcode":
        st.info(tm("town_postcode_unknown", lang(), postcode=code))
    elif result.reason == "no_town":
        st.info(tm("town_postcode_no_town", lang(), postcode=code))
    elif result.status == "not_found":
        st.info(tm("town_not_found", lang(), query=query))
    elif result.chome is not None:
        st.success(tm("town_found", lang(), chome=result.chome.name(lang()),
                      district=district_by_id(result.chome.district).name(lang())))
    else:
        names = "、".join(c.name(lang()) for c in result.matches[:12])
        st.info(tm("town_ambiguous", lang(), query=query, names=names))


def click_message() -> None:
    """What the latest map click hit (set by the map's callback)."""
    hit = st.session_state.get("click_hit")
    if hit is None:
        return
    if hit.chome is None and hit.district is None:
        st.info(tm("clicked_outside", lang()))
    elif hit.chome is not None:
        chome = hit.chome.name(lang())
        st.caption(tm("clicked_chome", lang(), chome=chome, district=district_by_id(hit.district).name(lang())))
