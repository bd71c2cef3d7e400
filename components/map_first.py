"""The map first: a session's first open of the map page draws its title and the map, and nothing else.

Everything else on the page (pickers, summary, profile) is many elements whose code the browser fetches and runs
before the map's frame gets the main thread: drawn in the same run, they made the map appear about half a
second later. So the first run sends the title and the map; the frame reports once it has drawn (or that it
cannot), which runs the page again with everything. Should that report never come, a timer draws the rest
anyway. Every later run of the session draws the whole page at once.
"""

from __future__ import annotations

import streamlit as st

READY_KEY = "map_first_done"  # True: the map page draws everything in every run
_TICKS = "map_first_ticks"
FALLBACK_SECONDS = 4.0  # a map that has not reported by then (no frame, a failed script) no longer holds the rest


def rest_waits() -> bool:
    """Whether this run of the map page draws the title and the map only."""
    return not st.session_state.get(READY_KEY, False)


def show_rest() -> None:
    """From now on, every run draws the whole page (safe in callbacks)."""
    st.session_state[READY_KEY] = True


@st.fragment(run_every=FALLBACK_SECONDS)
def rest_fallback() -> None:
    """Placed in a run that holds the rest back: its first timed rerun draws the whole page."""
    ticks = st.session_state.get(_TICKS, 0)
    st.session_state[_TICKS] = ticks + 1
    if ticks and rest_waits():
        show_rest()
        st.rerun()
