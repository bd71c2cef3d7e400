"""Ways to choose a district beside the map: picker, town search, and what a map click hit."""

from __future__ import annotations

import streamlit as st

from atlas.district_names import district_search_names
from atlas.districts import district_by_id, districts
from atlas.i18n import t
from components.markdown import md_escape, tm, tm_in_lang
from components.state import SELECT_KEY, district, lang, select_district
from components.text_blocks import caption_block
from geo.find import find
from geo.towns import TownSearch

TOWN_KEY = "town_query"


def district_picker() -> None:
    """A horizontal radio over the whole ward and the districts, in sync with the map and the URL: one tap on a
    phone with every choice in view, one tab stop and arrow keys on a keyboard, 44 px targets (static/app.css),
    and none of the selectbox's JavaScript on the map page's first visit."""
    ids = [""] + [d.id for d in districts()]
    labels = {d.id: d.name(lang()) for d in districts()} | {"": t("whole_ward_option", lang())}  # plain text
    if SELECT_KEY not in st.session_state:  # widget state is dropped on pages without the picker
        st.session_state[SELECT_KEY] = district() or ""
    st.radio(
        tm("district_select", lang()),
        options=ids,
        format_func=lambda slug: md_escape(labels[slug]),
        key=SELECT_KEY,
        horizontal=True,
        on_change=lambda: select_district(st.session_state[SELECT_KEY] or None),
    )


def _on_town_search() -> None:
    result = find(st.session_state.get(TOWN_KEY, ""), district_search_names())
    st.session_state["town_result"] = result
    if result.district:
        select_district(result.district)


def _search_for(text: str) -> None:
    """Run the search for a suggested name, as if typed."""
    st.session_state[TOWN_KEY] = text
    _on_town_search()


def _place_name(result: TownSearch, view: str) -> str:
    """The gazetteer place's name in the view's language (romaji in English), with 駅 / Station for stations."""
    place = result.places[0]
    name = place.romaji if view == "en" else place.name_ja
    return t("place_station", view, name=name) if place.kind == "station" else name


def _place_message(result: TownSearch, view: str) -> str:
    sep = ", " if view == "en" else "、"
    where = sep.join(t("town_place_where", view, chome=c.name(view), district=district_by_id(c.district).name(view))
                     for c in result.matches[:12])
    return tm("town_place", view, place=_place_name(result, view), where=where)


def _miss(result: TownSearch, view: str) -> None:
    """A miss: what did not match, the nearest names as buttons, two examples and the map."""
    st.info(tm("town_not_found", view, query=result.short_query) + "  \n" + tm("town_try", view))
    if result.suggestions:
        st.caption(tm("town_suggest", view))
        _suggestion_buttons(result, view)


def _labels(result: TownSearch, view: str) -> list[str]:
    return [s.en if view == "en" else s.ja for s in result.suggestions]


def _suggestion_buttons(result: TownSearch, view: str) -> None:
    """One button per suggested name; a tap searches for it."""
    labels = _labels(result, view)
    for i, (col, label) in enumerate(zip(st.columns(min(len(labels), 4)) * 2, labels, strict=False)):
        col.button(label, key=f"town_suggestion_{i}", on_click=_search_for, args=(label,))


def town_search() -> None:
    """Free-text search for a town, postcode, station or landmark (kanji, kana, Chinese, romaji) that selects the
    district; a miss suggests the nearest names and says the map works too.

    The query is echoed as escaped plain text, cut to a line (``TownSearch.short_query``).
    """
    view = lang()
    st.text_input(tm("town_search", view), key=TOWN_KEY, placeholder=t("town_search_help", view),
                  on_change=_on_town_search)
    result = st.session_state.get("town_result")
    if result is None or not result.query.strip():
        return

    query, code = result.short_query, result.postcode or ""  # raw: tm escapes the whole message
    if result.reason == "outside_minato" and result.outside is not None:
        place = (result.outside.name_en or result.outside.name_ja) if view == "en" else result.outside.name_ja
        st.info(tm("town_outside", view, query=query, place=place))
    elif result.reason == "outside_minato":
        st.info(tm("town_postcode_outside", view, postcode=code, place=result.place))
    elif result.reason == "unknown_postcode":
        st.info(tm("town_postcode_unknown", view, postcode=code))
    elif result.reason == "no_town":
        st.info(tm("town_postcode_no_town", view, postcode=code))
    elif result.status == "not_found":
        _miss(result, view)
    elif result.district_named and result.district:
        st.success(tm("town_district", view, district=district_by_id(result.district).name(view)))
    elif result.suggestions:  # an area name such as 青山: the towns that contain it
        names = (", " if view == "en" else "、").join(_labels(result, view))
        st.info(tm("town_area", view, query=query, names=names))
        _suggestion_buttons(result, view)
    elif result.places:
        (st.success if result.district else st.info)(_place_message(result, view))
    elif result.chome is not None:
        st.success(tm("town_found", view, chome=result.chome.name(view),
                      district=district_by_id(result.chome.district).name(view)))
    else:
        names = "、".join(c.name(view) for c in result.matches[:12])
        st.info(tm("town_ambiguous", view, query=query, names=names))


def click_message() -> None:
    """What the latest map click hit (set by the map's callback)."""
    hit = st.session_state.get("click_hit")
    if hit is None:
        return
    if hit.chome is None and hit.district is None:
        st.info(tm("clicked_outside", lang()))
    elif hit.chome is not None:
        view = lang()
        chome_lang = "en" if view == "en" else "ja"  # romaji in en, else the Japanese name (lang="ja" in zh)
        text = tm_in_lang("clicked_chome", view, {"chome": chome_lang}, chome=hit.chome.name(view),
                          district=district_by_id(hit.district).name(view))
        caption_block(text)
