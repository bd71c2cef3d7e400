"""The Basic Plan on one page, from data/content/plan.yaml.

Every paragraph we translated carries its mark (:meth:`Text.shown`, :meth:`Text.paragraphs`), and every text cites
its source beside it (:class:`Citations`): the summary, or the city page its own wording comes from.
"""

from __future__ import annotations

import re

import streamlit as st

from atlas import formatting as fmt
from atlas.content import PlanContent, Text, plan_content
from atlas.districts import districts
from components.district_profile import translation_flag
from components.grid import row_cells
from components.markdown import md_escape, tm
from components.navigation import page_link
from components.source_note import Citations
from components.state import select_district


def _paragraphs(text: Text, lang: str) -> None:
    for para in text.paragraphs(lang):
        st.markdown(md_escape(para))


def _period(period: str, lang: str) -> str:
    """'FY2024–FY2026' in the reader's convention (2024年度–2026年度 in ja/zh)."""
    years = re.findall(r"\d{4}", period)
    return "–".join(fmt.fiscal_year(int(y), lang) for y in years) if years else period


def plan_overview(lang: str) -> None:
    """Vision, period, key figures, revision aims and the mayor's message."""
    plan = plan_content()
    ward = plan.ward
    cite = Citations(lang)
    st.title(tm("plan_page_heading", lang))
    page_link("map", tm("back_to_map", lang))
    translation_flag(lang)
    with cite(ward.cover_title):
        st.markdown(f"## {md_escape(ward.cover_title.shown(lang))}")  # h2: headings step down one level
    with cite(ward.vision):
        st.markdown(f"> **{md_escape(ward.vision.shown(lang))}**")
    with cite(ward.vision_note):
        _paragraphs(ward.vision_note, lang)
    period = ward.plan_period
    with cite(period.text):
        st.caption(md_escape(period.caption(lang)))
    with cite(ward.what_is_plan):
        _paragraphs(ward.what_is_plan, lang)
    cols = st.columns(len(ward.key_figures))
    for col, fig in zip(cols, ward.key_figures, strict=True):
        value = fmt.oku_yen(fig.value, lang) if fig.unit == "oku_yen" else fmt.people(int(fig.value), lang)
        when = fmt.date(fig.date, lang) if fig.date else _period(fig.period or "", lang)
        with cite(fig.label):
            col.metric(md_escape(fig.label.shown(lang)), value)
        col.caption(md_escape(when))
    cite.flush([(plan.source, None)])  # the key figures are the summary's
    st.markdown(f"### {tm('plan_revision_heading', lang)}")
    focus = ward.revision_focus
    with cite(focus.title, focus.text):
        st.markdown(f"**{md_escape(focus.title.shown(lang))}**")
        _paragraphs(focus.text, lang)
    with cite(*ward.revision_aims):
        st.markdown("\n".join(f"- {md_escape(aim.shown(lang))}" for aim in ward.revision_aims))
    cite.flush()
    message = ward.mayor_message
    with st.expander(md_escape(f"{message.title.shown(lang)} — {message.author.shown(lang)}")):
        with cite(message.title, message.author, message.text):
            _paragraphs(message.text, lang)
        st.caption(md_escape(fmt.month(message.date, lang)))
        cite.flush()


def city_goals(lang: str) -> None:
    """The four pictures of the city in FY2026."""
    st.markdown(f"## {tm('city_goals_heading', lang)}")
    cite = Citations(lang)
    for cell, goal in row_cells(plan_content().ward.city_goals, 2):
        with cite(goal):
            cell.info(md_escape(goal.shown(lang)))
    cite.flush()


def priority_issues(lang: str) -> None:
    """The eight priority issues, numbered."""
    ward = plan_content().ward
    st.markdown(f"## {tm('priority_issues_heading', lang)}")
    cite = Citations(lang)
    with cite(ward.priority_issues_note):
        _paragraphs(ward.priority_issues_note, lang)
    for cell, issue in row_cells(ward.priority_issues, 2):
        with cell.container(border=True, key=f"priority_issue_{issue.n}"), cite(issue.title, issue.summary):
            st.markdown(f"**{issue.n}. {md_escape(issue.title.shown(lang))}**")
            st.markdown(md_escape(issue.summary.shown(lang)))
    cite.flush()


def policy_areas(lang: str) -> None:
    """The four policy areas with their highlighted initiatives."""
    ward = plan_content().ward
    st.markdown(f"## {tm('policy_areas_heading', lang)}")
    cite = Citations(lang)
    with cite(ward.policy_areas_note):
        _paragraphs(ward.policy_areas_note, lang)
    for n, (cell, area) in enumerate(row_cells(ward.policy_areas, 2), start=1):
        scope = f" ({md_escape(area.scope.shown(lang))})" if area.scope else ""
        texts = [area.name, *([area.scope] if area.scope else []), area.summary,
                 *(x for item in area.initiatives for x in (item.title, item.text))]
        with cell.container(border=True, key=f"policy_area_{n}"), cite(*texts):
            st.markdown(f"### {md_escape(area.numeral)} {md_escape(area.name.shown(lang))}{scope}")
            st.markdown(md_escape(area.summary.shown(lang)))
            for item in area.initiatives:
                st.markdown(f"**{md_escape(item.title.shown(lang))}**  \n{md_escape(item.text.shown(lang))}")
    cite.flush()


def participation(lang: str) -> None:
    """The citizens' forum with its counts and the children's survey with its six pictures."""
    part = plan_content().ward.participation
    cite = Citations(lang)
    st.markdown(f"## {tm('participation_heading', lang)}")
    with cite(part.intro.title, part.intro.text):
        st.markdown(f"**{md_escape(part.intro.title.shown(lang))}**")
        _paragraphs(part.intro.text, lang)
    forum = part.forum
    with cite(forum.name):
        st.markdown(f"### {md_escape(forum.name.shown(lang))}")
    a, b, c, d = st.columns(4)
    a.metric(tm("forum_participants", lang), fmt.people(forum.participants, lang))
    b.metric(tm("forum_meetings", lang), f"{forum.meetings}")
    c.metric(tm("forum_fields", lang), f"{forum.fields}")
    d.metric(tm("forum_proposals", lang), f"{forum.proposals}")
    with cite(forum.text):
        _paragraphs(forum.text, lang)
    survey = part.children_survey
    with cite(survey.name):
        st.markdown(f"### {md_escape(survey.name.shown(lang))}")
    with cite(survey.text):
        _paragraphs(survey.text, lang)
    st.markdown(f"**{tm('children_pictures_heading', lang)}**")
    for cell, pic in row_cells(survey.pictures, 3):
        with cell.container(border=True), cite(pic.title, *pic.points):
            st.markdown(f"**{md_escape(pic.title.shown(lang))}**")
            st.markdown("\n".join(f"- {md_escape(p.shown(lang))}" for p in pic.points))
    cite.flush()


def sdgs_and_districts(lang: str) -> None:
    """SDGs linkage, the district plans with links to each profile, and the closing line."""
    plan: PlanContent = plan_content()
    ward = plan.ward
    cite = Citations(lang)
    st.markdown(f"## {tm('sdgs_heading', lang)}")
    with cite(ward.sdgs):
        _paragraphs(ward.sdgs, lang)
    cite.flush()
    st.markdown(f"## {tm('district_plans_heading', lang)}")
    intro = ward.district_plans_intro
    with cite(intro.title, intro.text):
        st.markdown(f"**{md_escape(intro.title.shown(lang))}**")
        _paragraphs(intro.text, lang)
    for d in districts():
        dplan = plan.district(d.id)
        left, right = st.columns([3, 1])
        with cite(dplan.slogan):
            left.markdown(f"**{md_escape(d.name(lang))}** — {md_escape(dplan.slogan.shown(lang))}")
        right.button(tm("open_district", lang, district=d.name(lang)), key=f"open-{d.id}",
                     on_click=_open_district, args=(d.id,))
    with cite(ward.full_plan_note):
        st.caption(md_escape(ward.full_plan_note.shown(lang)))
    with cite(ward.closing):
        st.markdown(f"> {md_escape(ward.closing.shown(lang))}")
    cite.flush()


def _open_district(slug: str) -> None:
    select_district(slug)
    st.session_state["go_to"] = "map"
