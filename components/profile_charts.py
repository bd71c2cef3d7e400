"""The profile's two charts (population, budget), built from data/ and rendered as chart cards."""

from __future__ import annotations

import streamlit as st

from atlas import charts
from atlas.charts import Chart, PlanPoint, budget_chart, fiscal_scale, population_chart
from atlas.content import plan_content
from components.chart_card import chart_card
from components.markdown import tm


def plan_points() -> tuple[PlanPoint, PlanPoint]:
    """The plan's 2024-01-01 base and 2027-01-01 projection of the ward population."""
    return charts.plan_points(plan_content())


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_population_chart(district: str | None, lang: str) -> Chart:
    """The population chart (built once per district and language; callers must not mutate it)."""
    base, projection = plan_points()
    return population_chart(district, lang, base, projection)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_budget_chart(lang: str) -> Chart:
    """The budget chart with the plan frame (one per language; callers must not mutate it)."""
    return budget_chart(lang, fiscal_scale(plan_content()))


def profile_charts(district: str | None, lang: str) -> None:
    """Population (district or ward) and budget (ward only; no district breakdown exists) side by side."""
    left, right = st.columns(2, gap="medium")
    with left:
        chart_card(cached_population_chart(district, lang), lang)
    with right:
        chart_card(cached_budget_chart(lang), lang)
        if district:
            st.info(tm("budget_no_district", lang))
