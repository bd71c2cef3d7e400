"""Session state <-> URL: the selected district and language live in ``?district=`` and ``?lang=``.

On a session's first run every parameter is read once (:func:`atlas.state.read_view`): repeated or malformed
values are dropped from the URL with a notice, so pages only ever see one well-formed value per parameter.
"""

from __future__ import annotations

import streamlit as st

from atlas.state import PAGE_PARAMS, collapse, read_view
from components.markdown import plain_echo, tm

DISTRICT = "district"
LANG = "lang"
SELECT_KEY = "district_select"


def init_state() -> None:
    """On a session's first run, restore the view from the URL and remember any notices."""
    if "view_ready" in st.session_state:
        return
    view = read_view({key: st.query_params.get_all(key) for key in (DISTRICT, LANG, *PAGE_PARAMS)})
    for key in PAGE_PARAMS:  # the page reads its own parameter later: leave it exactly one valid value
        if key not in view.page and key in st.query_params:
            del st.query_params[key]
        elif key in view.page and st.query_params.get_all(key) != [view.page[key]]:
            st.query_params[key] = view.page[key]
    st.session_state[DISTRICT] = view.district
    st.session_state[LANG] = view.lang
    st.session_state["notices"] = list(view.notices)
    st.session_state["view_ready"] = True


def lang() -> str:
    return st.session_state[LANG]


def district() -> str | None:
    return st.session_state[DISTRICT]


def select_district(slug: str | None) -> None:
    """Select ``slug`` (None = whole ward); safe to call from widget callbacks. The picker's value is written only
    when it differs (a map click, a town search): a value written through session state is pushed to the browser
    with the next run, and pushing the picker its own choice back would undo a second tap made before that run."""
    st.session_state[DISTRICT] = slug
    if SELECT_KEY in st.session_state and st.session_state[SELECT_KEY] != (slug or ""):
        st.session_state[SELECT_KEY] = slug or ""


def view_params() -> dict[str, str]:
    """The query parameters that describe the current view (for the URL and links between pages)."""
    wanted = {LANG: lang()}
    if district():
        wanted[DISTRICT] = district()
    return wanted


def sync_url() -> None:
    """Write the current view into the URL, dropping keys that hold defaults."""
    wanted = view_params()
    for key in (DISTRICT, LANG):
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != [value]:  # also rewrites ?district=nowhere&district=azabu
            st.query_params[key] = value


def show_notices() -> None:
    """Show the notices about unknown or repeated URL values, the values as escaped plain text, until
    :func:`drop_notices` (after the first run that draws the whole page)."""
    for key, value, more in collapse(st.session_state.get("notices", [])):  # one box per kind of notice
        extra = " " + tm("notices_more", lang(), n=more) if more else ""
        st.warning(tm(key, lang(), value=plain_echo(value)) + extra, icon="⚠️")


def drop_notices() -> None:
    """The page has been drawn whole with the notices: later runs go without them. (A map page's first run,
    which draws its map alone, stops before this: its notices stay for the run that brings the rest.)"""
    st.session_state.pop("notices", None)
