"""Presentation mode for town meetings: one district, six slides, big type, the deck's bar (components/slide_bar.py).

Each slide draws inside one box that fills the screen above the fixed bar (static/present.css); its title is an
``<h2>``, its source lines a small footer. A slide may give the bar's menu an extra part (a chart's method).
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from atlas.content import plan_content
from atlas.districts import area_label, districts
from atlas.i18n import t
from atlas.office_reach import reach_lines
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import branch_office, office_label
from atlas.profile import key_figures
from atlas.slides import SLIDES, fit_list_rem, fit_rem, read_slide
from components.inline_svg import svg_block
from components.markdown import html_text, in_lang, md_escape, md_table, plain_echo, tm
from components.profile_charts import cached_budget_chart, cached_chart_svg, cached_population_chart
from components.slide_bar import SLIDE_KEY, deck_setup, slide_bar
from components.slide_qr import qr_block
from components.source_note import Citations, source_lines
from components.state import district, lang
from geo.svg_map import districts_svg

STATEMENT_BOX = (66.0, 26.0)  # rem free for a district's aims on a 16:9 screen (under title and plan name)
LIST_BOX = (66.0, 29.0)  # rem free for the ward's priority issues (two columns)
SHOWN_KEY = "slide_shown"  # what the slide drawn in this run gives the bar: its title, its menu extra


def _shown() -> dict[str, object]:
    return st.session_state.setdefault(SHOWN_KEY, {})


def slide_chart(kind: str) -> None:
    """The ``population`` or ``budget`` chart filling the slide's free height with large type: a wide SVG on
    landscape screens and a narrow one on portrait phones (present.css shows one), each with its text alternative."""
    area = district() if kind == "population" else None
    svgs = "".join(cached_chart_svg(kind, area, lang(), style) for style in ("wide", "narrow"))
    chart = cached_population_chart(area, lang()) if kind == "population" else cached_budget_chart(lang())
    with st.container(key="slide_chart"):
        svg_block(svgs, "slide-svg", chart.title)


def current_slide() -> int:
    """The slide number from the session, or from ``?slide=`` on the first visit (with a notice if invalid)."""
    if SLIDE_KEY not in st.session_state:
        pos = read_slide(st.query_params.get(SLIDE_KEY))
        st.session_state[SLIDE_KEY] = pos.number
        if pos.notice is not None:
            st.session_state["slide_notice"] = pos.notice
    return st.session_state[SLIDE_KEY]


def _name() -> str:
    return area_label(district(), lang())


def _title(text: str) -> None:
    """The slide's title as its ``<h2>`` (and the bar's announcement)."""
    _shown()["title"] = text
    st.html(f'<h2 class="slide-title">{html.escape(text)}</h2>')


def _lead(text: str, raw: str = "") -> None:
    """A lead line: ``text`` escaped, then ``raw`` HTML already escaped (e.g. a lang span, :func:`in_lang`)."""
    st.html(f'<div class="slide-lead">{html_text(text)}{raw}</div>')


def _body(paragraphs: list[str], size_rem: float | None = None, extra_class: str = "") -> None:
    """Paragraphs at body size, or at ``size_rem`` (a text set to fill its box: :func:`atlas.slides.fit_rem`)."""
    paras = "".join(f"<p>{html_text(p)}</p>" for p in paragraphs)
    style = f' style="font-size: {size_rem}rem"' if size_rem else ""
    st.html(f'<div class="slide-body {extra_class}"{style}>{paras}</div>')


def slide_title() -> None:
    """District name and slogan over the map with the district highlighted (no tiles: works offline)."""
    plan = plan_content()
    cite = Citations(lang())
    text_col, map_col = st.columns([1, 1.25], gap="large")
    with text_col:
        _title(_name())
        lead = plan.district(district()).slogan if district() else plan.ward.vision
        with cite(lead):
            _lead(lead.shown(lang()))
        cite.flush()
        qr_block(district(), lang())
    with map_col:
        office = branch_office(district())
        labels = {d.id: d.name(lang()) for d in districts()}
        svg = districts_svg(district(), (office.lat, office.lng) if office else None, 640, 480, labels,
                            title=_name(), text_escape=html_text)
        svg_block(svg, "slide-map", _name())


def slide_aims() -> None:
    """What the branch office aims for (the ward: the plan's vision note and priority issues)."""
    plan = plan_content()
    cite = Citations(lang())
    if district():
        dplan = plan.district(district())
        _title(t("aims_heading", lang()))
        with cite(dplan.plan_name, dplan.aims):
            _lead(dplan.plan_name.shown(lang()))
            paragraphs = dplan.aims.paragraphs(lang())
            _body(paragraphs, fit_rem(" ".join(paragraphs), *STATEMENT_BOX), "slide-statement")
    else:
        _title(t("priority_issues_heading", lang()))
        issues = plan.ward.priority_issues
        with cite(*(i.title for i in issues)):
            shown = [i.title.shown(lang()) for i in issues]
            items = "".join(f"<li>{html_text(text)}</li>" for text in shown)
            size = fit_list_rem(shown, *LIST_BOX)
            st.html(f'<div class="slide-body slide-list" style="font-size: {size}rem"><ol>{items}</ol></div>')
    cite.flush()


def _technical(text: str) -> None:
    with st.expander(tm("estimate_details", lang())):
        st.caption(md_escape(text))


def _footer(refs: list) -> None:
    """The slide's source lines as a small footer (present.css runs them on in one paragraph); more than three
    fold into one line "Sources (n)", so the chart keeps its height."""
    with st.container(key="slide_footer"):
        source_lines(refs, lang(), fold_after=3)


def slide_population() -> None:
    """The population chart of the district or the ward."""
    _title(f"{t('slide_population', lang())} — {_name()}")
    chart = cached_population_chart(district(), lang())
    slide_chart("population")
    with st.container(key="slide_notes"):
        st.caption(md_escape(" ".join(chart.notes)))
    if chart.technical:  # the estimate's method, range and backtest record: one click away, in the bar's menu
        _shown()["extra"] = lambda: _technical(chart.technical)
    _footer(chart.sources)


def slide_budget() -> None:
    """General-account budgets with the plan's FY2024–2026 frame; no district breakdown exists."""
    _title(t("slide_budget", lang()))
    chart = cached_budget_chart(lang())
    slide_chart("budget")
    notes = chart.notes + ([t("budget_no_district", lang())] if district() else [])
    with st.container(key="slide_notes"):
        st.caption(md_escape(" ".join(notes)))
    _footer(chart.sources)


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
    """How residents take part (the plan's words on district plans; the ward-wide first paragraph is on /plan), and
    how to reach the branch office: phone numbers, hours and web page with their dates, what no source we checked
    gives, and the QR code that opens this district on a phone."""
    plan = plan_content()
    office = branch_office(district())
    _title(t("slide_take_part", lang()))
    intro = plan.ward.district_plans_intro
    cite = Citations(lang())
    text_col, office_col = st.columns([1.3, 1], gap="large")
    with text_col:
        with cite(intro.title, intro.text):
            _lead(intro.title.shown(lang()))
            _body(intro.text.paragraphs(lang())[-2:])
        cite.flush()
        qr_block(district(), lang())
    with office_col:
        if office is not None:
            lines = reach_lines(office, lang())
            with st.container(key="slide_office"):
                st.html(f'<div class="slide-office"><p><b>{html_text(office_label(office, lang()))}</b><br>'
                        f'{in_lang(office.address_ja, "ja", lang(), html_text)}</p>'
                        + "".join(f"<p>{html_text(line.text)}</p>" for line in lines) + "</div>")
            source_lines([(OFFICE_SOURCE, None), *(ref for line in lines for ref in line.refs)], lang())


RENDERERS = {"title": slide_title, "aims": slide_aims, "population": slide_population, "budget": slide_budget,
             "indicators": slide_indicators, "take_part": slide_take_part}


def presentation() -> None:
    """The whole present page: the deck's setup, a notice, the current slide in its box, then the bar."""
    deck_setup()
    number = current_slide()
    notice = st.session_state.pop("slide_notice", None)
    if notice is not None:
        st.warning(tm("slide_out_of_range", lang(), value=plain_echo(notice)))
    st.session_state[SHOWN_KEY] = {}
    st.html(f'<h1 class="slide-sr-only">{html.escape(t("nav_present", lang()))} — {html.escape(_name())}</h1>')
    with st.container(key=f"slide_{SLIDES[number - 1]}"), st.container(key="slide"):
        RENDERERS[SLIDES[number - 1]]()
    shown = _shown()
    extra = shown.get("extra")
    slide_bar(number, str(shown.get("title", "")), extra if callable(extra) else None)
