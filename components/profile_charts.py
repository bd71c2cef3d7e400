"""The profile's two charts (population, budget), built from data/ and rendered as chart cards.

Everything a card shows is built once per chart, language and data folder and kept (``st.cache_resource``): a
rerun only sends the same strings again, which Streamlit's message cache turns into references. The data
folder is part of each key, so a test's broken copy of data/ never meets a chart built from the real one.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from atlas import charts
from atlas.charts import Chart, PlanPoint, budget_chart, fiscal_scale, population_chart
from atlas.content import plan_content
from atlas.indicators import csv_bytes
from atlas.svg_chart import CARD, SLIDE_NARROW, SLIDE_WIDE, chart_svg
from components.chart_card import chart_card, table_html
from components.markdown import tm
from geo.paths import data_dir

SVG_STYLES = {style.name: style for style in (CARD, SLIDE_WIDE, SLIDE_NARROW)}
T = TypeVar("T")


def plan_points() -> tuple[PlanPoint, PlanPoint]:
    """The plan's 2024-01-01 base and 2027-01-01 projection of the ward population."""
    return charts.plan_points(plan_content())


def per_data_folder(max_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep what ``build`` returns once per call and data folder (``st.cache_resource``: callers must not mutate
    it). The folder is part of the key, so a test's copy of data/ never meets what the real one built."""

    def wrap(build: Callable[..., T]) -> Callable[..., T]:
        signature = inspect.signature(build)

        def kept(folder: str, *args: Any) -> T:
            return build(*args)

        kept.__qualname__ = f"{build.__qualname__}.kept"  # Streamlit keys a cache by the function's name
        cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(kept)

        @functools.wraps(build)
        def call(*args: Any, **kwargs: Any) -> T:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()  # ("card" given or left out: one entry)
            return cached(str(data_dir()), *bound.args)

        return call

    return wrap


@per_data_folder(max_entries=64)
def cached_population_chart(district: str | None, lang: str) -> Chart:
    """The population chart of ``district`` (None: the ward) with the plan's base and projection."""
    base, projection = plan_points()
    return population_chart(district, lang, base, projection)


@per_data_folder(max_entries=8)
def cached_budget_chart(lang: str) -> Chart:
    """The budget chart with the plan frame."""
    return budget_chart(lang, fiscal_scale(plan_content()))


@per_data_folder(max_entries=96)
def cached_chart_svg(kind: str, district: str | None, lang: str, style: str = "card") -> str:
    """The inline SVG of the ``population`` chart of ``district`` (None: the ward) or of the ``budget`` chart
    (``district`` is ignored: pass None) in ``style`` (``card``, ``wide``, ``narrow``: :mod:`atlas.svg_chart`).
    Texts are XML-escaped: the SVG reaches the page through :mod:`components.inline_svg`, not Markdown."""
    return chart_svg(_chart(kind, district, lang), SVG_STYLES[style])


@per_data_folder(max_entries=64)
def cached_table(kind: str, district: str | None, lang: str) -> str:
    """The chart's data table as HTML (texts escaped, numbers grouped)."""
    return table_html(_chart(kind, district, lang).table)


@per_data_folder(max_entries=64)
def cached_csv(kind: str, district: str | None, lang: str) -> bytes:
    """The chart's data table as CSV bytes (the compare page's writer: BOM, no spreadsheet formulas)."""
    return csv_bytes(_chart(kind, district, lang).table)


def _chart(kind: str, district: str | None, lang: str) -> Chart:
    return cached_population_chart(district, lang) if kind == "population" else cached_budget_chart(lang)


def _card(kind: str, district: str | None, lang: str) -> None:
    chart_card(_chart(kind, district, lang), lang, cached_chart_svg(kind, district, lang),
               cached_table(kind, district, lang), cached_csv(kind, district, lang))


def profile_charts(district: str | None, lang: str) -> None:
    """Population (district or ward) and budget (ward only; no district breakdown exists) side by side."""
    left, right = st.columns(2, gap="medium")
    with left:
        _card("population", district, lang)
    with right:
        _card("budget", None, lang)
        if district:
            st.info(tm("budget_no_district", lang))
