"""Bring a part of the page into view when the selection changes (phones stack the map above it)."""

from __future__ import annotations

import streamlit as st

from components.page_meta import static_script

_UNSET = object()


def reveal_on_change(container_key: str, value: object, state_key: str) -> None:
    """Scroll ``.st-key-<container_key>`` into view when ``value`` differs from the last run's.

    Nothing moves on the first run (a shared link opens at the top); the script only scrolls when the
    container is not already wholly on screen, so wide layouts with the summary beside the map stay put.
    """
    last = st.session_state.get(state_key, _UNSET)
    st.session_state[state_key] = value
    with st.container(key="reveal_script"):  # always there (hidden by app.css), so later elements keep their place
        if last is _UNSET or last == value:
            return
        script = static_script("reveal.js", target=f".st-key-{container_key}", selected=str(value))
        st.html(script, unsafe_allow_javascript=True)  # a new value makes a new element, so it runs again
