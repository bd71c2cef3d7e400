"""/compare's Explore section: Plotly charts below the map and picker, on demand (figures: atlas/explore.py).

Streamlit fetches Plotly's bundle (4.7 MB, ~1.2–1.4 MB compressed) only when a page shows a Plotly chart. On a
phone that chunk was half of /compare's first-visit bytes and its parse a long task (issue 21), so the charts
are drawn only once a planner turns on the toggle, whose label states the size. The toggle is in the URL
(``?explore=1``); a link carrying the scatter's pair (``?x=``, ``?y=``, as every link made while the charts were
always shown did) opens them too, unless it says ``explore=0`` (:func:`atlas.view_link.explore_open`). Closing
them takes ``explore``, ``x`` and ``y`` out of the URL; the session keeps the pair for the next opening.
A link that opens the charts draws them in a run after the picker's (:func:`explore_later`): measured under load,
drawing them in the picker's run held the picker back by seconds while the browser fetched and parsed Plotly.
The scatter plots the map's level when both indicators have chome figures. Each chart can be downloaded as a
self-contained HTML file (atlas/travel_chart.py).
"""

from __future__ import annotations

import streamlit as st

from atlas.compare import IndicatorView, picker_label
from atlas.explore import ExploreFigure, dated_measures, plot_config, scatter_figure, series_figure
from atlas.indicators import definition
from atlas.travel_chart import chart_html, latest_refs
from atlas.view_link import explore_open
from components.markdown import ja_runs, md_escape, tm
from components.source_note import source_lines
from components.state import lang
from components.text_blocks import caption_block

SCATTER_KEYS = {"x": "scatter_x", "y": "scatter_y"}
DEFAULT_XY = {"x": "density", "y": "avg_household_size"}
SERIES_KEY = "series_measure"
EXPLORE_READY = "explore_ready"  # True: the charts are drawn (when open) in every run of the session
EXPLORE_OPEN = "explore_open"  # the toggle: the planner asked for the charts
KEPT_XY = "explore_kept_xy"  # the scatter's pair while the charts are closed (their widgets' state is dropped)
XY_PARAMS = ("explore", "x", "y")
_TICKS = "explore_ticks"
LATER_SECONDS = 0.5


@st.fragment(run_every=LATER_SECONDS)
def explore_later() -> None:
    """Placed in the run that draws the picker: its first timed run (the browser starts the timer once that run
    is in) draws the whole page again, with the charts."""
    ticks = st.session_state.get(_TICKS, 0)
    st.session_state[_TICKS] = ticks + 1
    if ticks and not st.session_state.get(EXPLORE_READY):
        st.session_state[EXPLORE_READY] = True
        st.rerun()


def show_figure(chart: ExploreFigure, key: str) -> None:
    """The chart, its sources (each with its date) under it, and its HTML download."""
    code = lang()
    st.plotly_chart(chart.figure, theme=None, key=key, config=plot_config(f"minato-{key}", code), alt=chart.alt)
    if chart.fit_text:
        st.caption(md_escape(chart.fit_text))
    known = latest_refs(chart.refs)
    source_lines(known, code)
    if len(known) < len({sid for sid, _ in chart.refs}):  # an upload's values: the user's own, no record
        st.caption(tm("upload_description", code))
    st.download_button(tm("download_chart_html", code), data=lambda: chart_html(chart, code),
                       file_name=f"minato-{key}-{code}.html", mime="text/html", key=f"dl-{key}", on_click="ignore")


def seed_xy(views: dict[str, IndicatorView]) -> None:
    """The scatter's indicators from ``?x=`` / ``?y=`` on the first draw (an unknown id: the default, a notice)."""
    for axis, key in SCATTER_KEYS.items():
        if key in st.session_state and st.session_state[key] in views:
            continue
        wanted = st.query_params.get(axis) or st.session_state.get(KEPT_XY, {}).get(axis)
        if wanted and wanted not in views:
            st.warning(tm("unknown_indicator", lang(), value=wanted[:40]))
        fallback = DEFAULT_XY[axis] if DEFAULT_XY[axis] in views else list(views)[0 if axis == "x" else 1]
        st.session_state[key] = wanted if wanted in views else fallback


def current_scatter(views: dict[str, IndicatorView], map_level: str) -> tuple[IndicatorView, IndicatorView, str]:
    """The scatter's x and y views and the level it plots (the map's, when both have chome figures)."""
    seed_xy(views)
    x, y = (views[st.session_state[k]] for k in SCATTER_KEYS.values())
    return x, y, map_level if x.has_chome and y.has_chome else "district"


def series_chart(key: str = "series") -> None:
    """Every dated indicator over time for the five districts and the ward."""
    code = lang()
    measures = dated_measures()
    if not measures:
        return
    st.markdown(f"### {tm('series_heading', code)}")
    chosen = st.selectbox(tm("series_measure", code), list(range(len(measures))), key=SERIES_KEY,
                          format_func=lambda i: definition(measures[i].indicator).label(code))
    show_figure(series_figure(measures[chosen], code), key)


def scatter_chart(views: dict[str, IndicatorView], map_level: str, key: str = "scatter") -> None:
    """Any two indicators against each other, at the district or (both with chome figures) the chome level."""
    code = lang()
    st.markdown(f"### {tm('scatter_heading', code)}")
    x, y, level = current_scatter(views, map_level)
    labels = {k: picker_label(v, code) for k, v in views.items()}
    left, right = st.columns(2)
    left.selectbox(tm("scatter_x", code), list(views), key=SCATTER_KEYS["x"], format_func=labels.__getitem__)
    right.selectbox(tm("scatter_y", code), list(views), key=SCATTER_KEYS["y"], format_func=labels.__getitem__)
    x, y, level = current_scatter(views, map_level)
    for axis, view in (("x", x), ("y", y)):
        if st.query_params.get(axis) != view.id:
            st.query_params[axis] = view.id
    st.session_state[KEPT_XY] = {"x": x.id, "y": y.id}
    if map_level == "chome" and level != "chome":
        st.caption(tm("scatter_chome_only", code))
    fit = st.checkbox(tm("scatter_fit", code), key="scatter_fit")
    show_figure(scatter_figure(x, y, level, code, fit), key)


def _toggled() -> None:
    """Opened by a click: the page is in, so the charts come in this very run (no :func:`explore_later`)."""
    if st.session_state.get(EXPLORE_OPEN):
        st.session_state[EXPLORE_READY] = True


def explore_toggle() -> bool:
    """The toggle (its label states the bytes it loads); the URL follows it (``explore=1`` when open; closed: no
    ``explore``, ``x`` or ``y``). Returns whether it is open."""
    opened = st.toggle(tm("explore_toggle", lang()), key=EXPLORE_OPEN, on_change=_toggled)
    if opened and st.query_params.get("explore") != "1":
        st.query_params["explore"] = "1"
    elif not opened:
        for key in XY_PARAMS:
            if key in st.query_params:
                del st.query_params[key]
    return opened


def explore_section(views: dict[str, IndicatorView], map_level: str) -> None:
    """The heading, what the charts are (closed) or how to use them (open), the toggle, then the time series and
    the scatter (opened by a link: once the page's first whole run is in, :func:`explore_later`)."""
    code = lang()
    st.markdown(f"## {tm('explore_heading', code)}")
    if EXPLORE_OPEN not in st.session_state:  # the session's first draw of the section: as the link says
        params = st.query_params
        st.session_state[EXPLORE_OPEN] = explore_open(params.get("explore"), params.get("x"), params.get("y"))
    opened = st.session_state[EXPLORE_OPEN]
    caption_block(ja_runs(tm("explore_note" if opened else "explore_closed_note", code), code))
    if not explore_toggle():
        return
    if not st.session_state.get(EXPLORE_READY):
        explore_later()
        return
    series_chart()
    scatter_chart(views, map_level)
