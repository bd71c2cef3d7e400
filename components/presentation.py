"""Presentation mode for town meetings: one district, six slides, big type, keyboard navigation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.content import plan_content
from atlas.districts import area_label, districts
from atlas.i18n import t
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import branch_office, office_label
from atlas.profile import key_figures
from atlas.slides import SLIDES, read_slide, step
from components.handout_button import handout_button
from components.markdown import html_text, in_lang, md_escape, md_table, plain_echo, tm
from components.navigation import page_link
from components.page_meta import static_script
from components.profile_charts import cached_budget_chart, cached_chart_svg, cached_population_chart
from components.source_note import Citations, source_lines
from components.state import district, lang
from geo.paths import ROOT
from geo.svg_map import districts_svg

SLIDE_KEY = "slide"


def present_style() -> None:
    """Hide Streamlit's chrome and enlarge the type (static/present.css); install the slide keys.

    The key handler (static/present_keys.js) is loaded into the page itself through ``st.html``, not into
    a component frame, so there is no invisible, untitled frame in the tab order.
    """
    st.html(ROOT / "static" / "present.css")
    with st.container(key="present_keys"):  # hidden by present.css
        st.html(static_script("present_keys.js"), unsafe_allow_javascript=True)


def slide_chart(kind: str) -> None:
    """The ``population`` or ``budget`` chart filling the slide's free height with large type: a wide SVG on
    landscape screens and a narrow one on portrait phones (present.css shows one), each with its text alternative."""
    area = district() if kind == "population" else None
    svgs = "".join(cached_chart_svg(kind, area, lang(), style) for style in ("wide", "narrow"))
    with st.container(key="slide_chart"):
        st.markdown(f'<div class="slide-svg">{svgs}</div>', unsafe_allow_html=True)  # st.html drops SVG


def current_slide() -> int:
    """The slide number from the session, or from ``?slide=`` on the first visit (with a notice if invalid)."""
    if SLIDE_KEY not in st.session_state:
        pos = read_slide(st.query_params.get(SLIDE_KEY))
        st.session_state[SLIDE_KEY] = pos.number
        if pos.notice is not None:
            st.session_state["slide_notice"] = pos.notice
    return st.session_state[SLIDE_KEY]


def _move(delta: int) -> None:
    st.session_state[SLIDE_KEY] = step(st.session_state[SLIDE_KEY], delta)


def navigation_bar(number: int) -> None:
    """Previous / counter / next, the handout download and the way out; keeps ``?slide=`` in the URL."""
    st.query_params[SLIDE_KEY] = str(number)
    prev, counter, nxt, handout, leave = st.columns([1.2, 1.4, 1.2, 2.2, 1.6], vertical_alignment="center")
    prev.button(tm("slide_prev", lang()), key="slide_prev", on_click=_move, args=(-1,), disabled=number == 1,
                width="stretch")
    counter.markdown(f"**{tm('slide_counter', lang(), n=number, total=len(SLIDES))}**")
    nxt.button(tm("slide_next", lang()), key="slide_next", on_click=_move, args=(1,),
               disabled=number == len(SLIDES), width="stretch", type="primary")
    with handout:
        handout_button(district(), lang())
    with leave:
        page_link("map", tm("slide_exit", lang()))


def _name() -> str:
    return area_label(district(), lang())


def _title(text: str) -> None:
    st.markdown(f'<div class="slide-title">{html_text(text)}</div>', unsafe_allow_html=True)


def _lead(text: str, raw: str = "") -> None:
    """A lead line: ``text`` escaped, then ``raw`` HTML already escaped (e.g. a lang span, :func:`in_lang`)."""
    st.markdown(f'<div class="slide-lead">{html_text(text)}{raw}</div>', unsafe_allow_html=True)


def _body(paragraphs: list[str]) -> None:
    paras = "".join(f"<p>{html_text(p)}</p>" for p in paragraphs)
    st.markdown(f'<div class="slide-body">{paras}</div>', unsafe_allow_html=True)


def slide_title() -> None:
    """District name and slogan over the map with the district highlighted (no tiles: works offline)."""
    plan = plan_content()
    cite = Citations(lang())
    text_col, map_col = st.columns([1, 1], gap="large")
    with text_col:
        _title(_name())
        lead = plan.district(district()).slogan if district() else plan.ward.vision
        with cite(lead):
            _lead(lead.shown(lang()))
        cite.flush()
    with map_col:
        office = branch_office(district())
        labels = {d.id: d.name(lang()) for d in districts()}
        svg = districts_svg(district(), (office.lat, office.lng) if office else None, 640, 480, labels,
                            title=_name(), text_escape=html_text)
        st.markdown(f'<div class="slide-map">{svg}</div>', unsafe_allow_html=True)


def slide_aims() -> None:
    """What the branch office aims for (the ward: the plan's vision note and priority issues)."""
    plan = plan_content()
    cite = Citations(lang())
    if district():
        dplan = plan.district(district())
        _title(t("aims_heading", lang()))
        with cite(dplan.plan_name, dplan.aims):
            _lead(dplan.plan_name.shown(lang()))
            _body(dplan.aims.paragraphs(lang()))
    else:
        _title(t("priority_issues_heading", lang()))
        issues = plan.ward.priority_issues
        with cite(*(i.title for i in issues)):
            items = "".join(f"<li>{html_text(i.title.shown(lang()))}</li>" for i in issues)
            st.markdown(f'<div class="slide-body"><ol>{items}</ol></div>', unsafe_allow_html=True)
    cite.flush()


def slide_population() -> None:
    """The population chart of the district or the ward."""
    _title(f"{t('slide_population', lang())} — {_name()}")
    chart = cached_population_chart(district(), lang())
    slide_chart("population")
    st.caption(md_escape(" ".join(chart.notes)))
    if chart.technical:  # the estimate's method, range and backtest record: one click away
        with st.expander(tm("estimate_details", lang())):
            st.caption(md_escape(chart.technical))
    source_lines(chart.sources, lang(), fold_after=2)


def slide_budget() -> None:
    """General-account budgets with the plan's FY2024–2026 frame; no district breakdown exists."""
    _title(t("slide_budget", lang()))
    chart = cached_budget_chart(lang())
    slide_chart("budget")
    notes = chart.notes + ([t("budget_no_district", lang())] if district() else [])
    st.caption(md_escape(" ".join(notes)))
    source_lines(chart.sources, lang(), fold_after=2)


def slide_indicators() -> None:
    """Key figures of the district next to the ward's."""
    _title(f"{t('slide_indicators', lang())} — {_name()}")
    ward = {f.label: f.value for f in key_figures(None, lang())}
    mine = key_figures(district(), lang())
    rows = [{t("col_indicator", lang()): f.label, _name(): f.value, t("whole_ward", lang()): ward.get(f.label, "")}
            for f in mine][:6]
    st.table(md_table(pd.DataFrame(rows).set_index(t("col_indicator", lang()))))  # st.table renders Markdown
    refs = [ref for f in mine[:6] for ref in f.refs]
    source_lines(refs, lang(), fold_after=2)


def slide_take_part() -> None:
    """The branch office and how residents take part in the district plan."""
    plan = plan_content()
    office = branch_office(district())
    _title(t("slide_take_part", lang()))
    if office is not None:
        _lead(f"{office_label(office, lang())} —", " " + in_lang(office.address_ja, "ja", lang(), html_text))
    intro = plan.ward.district_plans_intro
    cite = Citations(lang())
    with cite(intro.title, intro.text):
        _body([intro.title.shown(lang()), *intro.text.paragraphs(lang())])
    cite.flush([(OFFICE_SOURCE, None)])
    page_link("plan", tm("open_plan_page", lang()))


RENDERERS = {"title": slide_title, "aims": slide_aims, "population": slide_population, "budget": slide_budget,
             "indicators": slide_indicators, "take_part": slide_take_part}


def presentation() -> None:
    """The whole present page: style, notice, the current slide, then the navigation bar."""
    present_style()
    number = current_slide()
    notice = st.session_state.pop("slide_notice", None)
    if notice is not None:
        st.warning(tm("slide_out_of_range", lang(), value=plain_echo(notice)))
    RENDERERS[SLIDES[number - 1]]()
    navigation_bar(number)
    st.caption(tm("slide_keys_hint", lang()))
