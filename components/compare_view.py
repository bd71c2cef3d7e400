"""The compare page: indicator choice, choropleth, ranking bars, charts on demand, table, downloads, uploads."""

from __future__ import annotations

import streamlit as st

from atlas.compare import (
    IndicatorView,
    all_views,
    chome_ranking,
    click_caption,
    interval,
    picker_label,
    ranking,
    upload_views,
)
from atlas.districts import district_by_id
from atlas.facilities import SOURCE_IDS as FACILITY_SOURCES
from atlas.freshness import as_of
from atlas.i18n import t
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.svg_ranking import Bar, ranking_svg
from atlas.upload import UPLOAD_PREFIX
from components.compare_embed import embed_mode, embed_notice, embed_page
from components.compare_explore import explore_section
from components.compare_map import MAP_KEY, compare_map, map_download, paint_spec
from components.compare_switches import (
    chome_offer,
    current_switches,
    link_notices,
    map_switches,
    seed_from_url,
    write_url,
)
from components.compare_table import indicator_table
from components.compare_upload import UPLOAD, upload_panel
from components.district_map import select_from_click
from components.html_blocks import details_html, html_in_view
from components.inline_svg import svg_block
from components.map_first import rest_fallback, rest_waits, show_rest
from components.markdown import ja_runs, md_escape, plain_echo, tm
from components.page_meta import COMPARE_CSS, page_stylesheet
from components.source_note import source_lines, source_lines_html
from components.state import district, lang
from components.text_blocks import caption_block
from geo.layers import chome_list

INDICATOR = "indicator"
DEFAULT_INDICATOR = "population"
CHOME = "selected_chome"
UNKNOWN_INDICATOR = "unknown_indicator"
LAYER_SOURCES = {"shelters": FACILITY_SOURCES["shelter"], "evacuation": FACILITY_SOURCES["evacuation_site"],
                 "offices": OFFICE_SOURCE}


def _views() -> dict[str, IndicatorView]:
    return all_views(lang(), st.session_state.get(UPLOAD))


def current_indicator(views: dict[str, IndicatorView]) -> str:
    """The indicator from the session, or ``?indicator=`` on the first visit (notice if unknown)."""
    if INDICATOR not in st.session_state or st.session_state[INDICATOR] not in views:
        wanted = st.query_params.get(INDICATOR) if INDICATOR not in st.session_state else None
        if wanted and wanted not in views:
            st.session_state[UNKNOWN_INDICATOR] = wanted
        st.session_state[INDICATOR] = wanted if wanted in views else DEFAULT_INDICATOR
    st.query_params[INDICATOR] = st.session_state[INDICATOR]
    return st.session_state[INDICATOR]


def indicator_notice() -> None:
    """Once, in the first run that draws the whole page: the ``?indicator=`` that was not known."""
    wanted = st.session_state.pop(UNKNOWN_INDICATOR, None)
    if wanted and wanted.startswith(UPLOAD_PREFIX) and st.session_state.get(UPLOAD) is None:
        st.warning(tm("upload_lost", lang()))  # the URL names an uploaded column this session lacks (issue 22)
    elif wanted:
        st.warning(tm("unknown_indicator", lang(), value=plain_echo(wanted)))


def indicator_picker(views: dict[str, IndicatorView]) -> None:
    """Selectbox of every indicator (uploaded columns included), those with chome figures marked."""
    # selectbox options are shown as plain text (not Markdown): no escaping
    labels = {k: picker_label(v, lang()) for k, v in views.items()}
    st.selectbox(tm("indicator_select", lang()), options=list(views), format_func=labels.__getitem__, key=INDICATOR)


def _on_map_click() -> None:
    """A click on the map, or its report that it has drawn (components/map_first.py)."""
    show_rest()
    hit = select_from_click(MAP_KEY)
    if hit is not None:
        st.session_state[CHOME] = hit.chome.key_code if hit.chome else None


def map_panel(view: IndicatorView, views: dict[str, IndicatorView], waiting: bool = False) -> bool:
    """Level and layer switches (``waiting``: only their place, the map drawn as the URL asks), then the
    choropleth. Returns whether the map's frame is in the page."""
    seed_from_url()
    with st.container(key="compare_map_switches"):  # its place is kept while empty (static/app.css)
        if waiting:
            st.columns(3)  # a block in it, or Streamlit would not draw the empty container
            chosen, layers = current_switches()
        else:
            chosen, layers = map_switches()
    write_url(chosen, layers)
    level = chosen if view.has_chome else "district"
    if chosen != level and not waiting:
        chome_offer(view, views)
    selected = st.session_state.get(CHOME) if level == "chome" else district()
    has_frame = compare_map(paint_spec(view, level, selected, layers, lang()), lang(), on_click=_on_map_click,
                            announce=waiting)
    if waiting:
        return has_frame
    link_notices()
    caption = click_caption(view, level, st.session_state.get("click_hit"), lang())
    if caption:
        caption_block(ja_runs(md_escape(caption), lang()))
    layer_refs = [(sid, None) for name, sid in LAYER_SOURCES.items() if name in layers]
    if layers:  # each layer's own source, dated by its record (the date of the copy the points come from)
        source_lines(layer_refs, lang())
    map_download(view, level, layers, layer_refs, lang())
    return has_frame


def ranking_bars(view: IndicatorView) -> None:
    """Horizontal bars of the five districts (largest first), the selected one outlined, the ward's value dashed:
    an inline SVG (no chart library to download before the map)."""
    st.markdown(f"**{tm('ranking_heading', lang())}** — {md_escape(view.label)}")
    ranked = ranking(view)
    if not ranked:
        chome_bars(view)
        return
    bars = [Bar(district_by_id(a).name(lang()), v, view.format(v), district_by_id(a).colour, a == district())
            for a, v in ranked]
    ward = view.district.get("ward")
    ward_line = (ward, f"{t('whole_ward', lang())}: {view.format(ward)}") if ward is not None else None
    values_text = "; ".join(f"{b.label} {b.shown}" for b in bars)
    alt = t("ranking_alt", lang(), indicator=view.label, values=values_text)
    svg = ranking_svg(bars, f"{t('ranking_heading', lang())}: {view.label}", alt, ward_line)
    svg_block(svg, "chart-box", alt)
    _provenance(view)


CHOME_BARS = 10


def chome_bars(view: IndicatorView) -> None:
    """A chome-only indicator (an upload): a sentence on why the districts are not ranked, then its top chome."""
    ranked = chome_ranking(view)
    if not ranked:
        st.info("—")
        return
    code = lang()
    st.caption(tm("ranking_chome_only", code, n=min(CHOME_BARS, len(ranked)), total=len(ranked)))
    names = {c.key_code: c for c in chome_list()}
    bars = [Bar(names[k].name(code), v, view.format(v), district_by_id(names[k].district).colour,
                k == st.session_state.get(CHOME)) for k, v in ranked[:CHOME_BARS] if k in names]
    values_text = "; ".join(f"{b.label} {b.shown}" for b in bars)
    alt = t("ranking_alt", code, indicator=view.label, values=values_text)
    svg = ranking_svg(bars, f"{t('ranking_heading', code)}: {view.label}", alt, None, uid="chome-ranking")
    svg_block(svg, "chart-box", alt)
    _provenance(view)


def _provenance(view: IndicatorView) -> None:
    if view.uploaded:
        st.caption(tm("upload_description", lang()))
        return
    caption_block(ja_runs(md_escape(view.description), lang()))
    span = interval(view, lang())
    if span:
        st.caption(tm("interval_caption", lang(), interval=span))
    source_lines(list(view.refs), lang())  # each source with the date of the figures taken from it


def definitions_html(views: dict[str, IndicatorView], code: str) -> str:
    """Each registry indicator: label, unit, date, how it is computed and its sources, in one fold (one ``st.html``
    block where Streamlit drew two elements per indicator: issue 21). Every text escaped, Japanese runs in the en
    view marked ``lang="ja"``."""
    def text(value: str) -> str:
        return html_in_view(value, code)

    parts = []
    for view in views.values():
        if view.uploaded:
            continue
        span = interval(view, code)
        when = t("interval_caption", code, interval=span) if span else (as_of(view.as_of, code) if view.as_of else "")
        date = f" — {text(when)}" if when else ""
        parts.append(f"<p><strong>{text(view.label)}</strong> ({text(view.unit)}){date}<br>"
                     f"{text(view.description)}</p>" + source_lines_html(list(view.refs), code))
    return details_html(text(t("definitions_heading", code)), "".join(parts))


def definitions(views: dict[str, IndicatorView]) -> None:
    """The definitions fold (:func:`definitions_html`)."""
    with st.container(key="definitions"):
        st.html(definitions_html(views, lang()))


def compare_page() -> None:
    """Compose the page; a session's first page draws its map first, the rest after it (components/map_first.py)."""
    waiting = rest_waits()
    page_stylesheet(COMPARE_CSS)  # the side-by-side table and Plotly's mode bar
    if not embed_mode("compare"):
        st.title(tm("compare_heading", lang()))
        st.caption(tm("compare_caption", lang()))
    views = _views()
    current = current_indicator(views)
    view = views[current]
    kind = embed_mode("compare")
    if kind:  # only the map or the chart, for an iframe (components/compare_embed.py)
        show_rest()
        embed_page(kind, views, view)
        return
    top_left, top_right = st.columns([3, 2], gap="medium")
    with top_left:
        has_frame = map_panel(view, views, waiting)
    if waiting and has_frame:
        rest_fallback()
        st.stop()
    show_rest()
    with top_right:
        indicator_notice()
        embed_notice()
        indicator_picker(views)
        ranking_bars(view)
    explore_section(views, current_switches()[0])  # Plotly: only when asked for (a toggle, or a link that opens it)
    indicator_table(upload_views(st.session_state.get(UPLOAD), lang()))
    definitions(views)
    upload_panel()
