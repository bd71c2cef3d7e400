"""Embed mode of /compare: ``?embed=map`` or ``?embed=chart&chart=series|scatter`` shows only that map or chart,
for an iframe on another site (who may frame it: ``MINATO_FRAME_ANCESTORS``, deploy/csp.py).

The view comes from the URL as on the full page (``indicator``, ``level``, ``layers``, ``x``, ``y``, ``lang``); no
language switch, page bar or widgets; sources and dates under it, and a link to the full view in a new tab.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from atlas.compare import IndicatorView
from atlas.explore import dated_measures, scatter_figure, series_figure
from atlas.view_link import CHARTS, DEFAULT_CHART, EMBEDS, parse_level
from components.compare_explore import current_scatter, show_figure
from components.compare_map import compare_map, paint_spec
from components.compare_switches import current_switches, seed_from_url
from components.markdown import md_escape, plain_echo, tm
from components.source_note import source_lines
from components.state import district, lang

EMBED_STYLE = ("<style>header[data-testid='stHeader'],[data-testid='stToolbar'],[data-testid='stDecoration']"
               "{display:none!important}.block-container{padding:0.5rem 1rem!important}</style>")


def raw_embed() -> str | None:
    """The first ``?embed=`` value. Streamlit reserves ``embed`` for its own embedding (``?embed=true``) and hides
    it from ``st.query_params``, so it is read from the run's query string (which keeps it in the URL)."""
    ctx = get_script_run_ctx()
    values = parse_qs(ctx.query_string if ctx else "").get("embed", [])
    return values[0].strip().lower() if values else None


def embed_mode(page_name: str) -> str | None:
    """'map' or 'chart' when /compare is opened with a known ``?embed=`` (other pages are never embedded)."""
    value = raw_embed()
    return value if page_name == "compare" and value in EMBEDS else None


def embed_notice() -> None:
    """On /compare: an ``?embed=`` value that is neither ours nor Streamlit's own ``true`` (the whole page shows)."""
    value = raw_embed()
    if value and value not in EMBEDS and value != "true":
        st.warning(tm("unknown_embed", lang(), value=plain_echo(value)))


def full_view_link() -> None:
    """A link to the same view on the whole page, opening in a new tab (the iframe keeps its place)."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "chart"}  # embed: hidden from it
    st.markdown(f'<a href="?{urlencode(params)}" target="_blank" rel="noopener">{tm("embed_full_view", lang())}</a>',
                unsafe_allow_html=True)


def embedded_map(view: IndicatorView) -> None:
    """The choropleth as the URL asks (level, layers, selection), its sources below."""
    seed_from_url()
    chosen, layers = current_switches()
    level = chosen if view.has_chome else "district"
    selected = None if level == "chome" else district()
    compare_map(paint_spec(view, level, selected, layers, lang()), lang(), on_click=lambda: None, height=480)
    source_lines(list(view.refs), lang())


def embedded_chart(views: dict[str, IndicatorView]) -> None:
    """The time series (``?indicator=`` when it is dated, else the first dated one) or the scatter (``?x=``, ``?y=``,
    at ``?level=`` when both have chome figures)."""
    code = lang()
    chart = st.query_params.get("chart", DEFAULT_CHART)
    chart = chart if chart in CHARTS else DEFAULT_CHART
    if chart == "scatter":
        x, y, level = current_scatter(views, parse_level(st.query_params.get("level")))
        figure = scatter_figure(x, y, level, code)
    else:
        measures = dated_measures()
        wanted = st.query_params.get("indicator")
        measure = next((m for m in measures if m.indicator == wanted), measures[0])
        figure = series_figure(measure, code)
    st.markdown(f"**{md_escape(figure.title)}**")
    show_figure(figure, f"embed-{chart}")


def embed_page(kind: str, views: dict[str, IndicatorView], view: IndicatorView) -> None:
    """Only the map or the chart, then the link to the full view."""
    st.html(EMBED_STYLE)  # style only: the event container, no raw-HTML Markdown
    if kind == "map":
        embedded_map(view)
    else:
        embedded_chart(views)
    full_view_link()

