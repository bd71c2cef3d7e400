"""Slide 3, the map page and the handout state our estimate's method and the axis baseline in one sentence each."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from atlas.charts import trend_method
from atlas.districts import area_label
from atlas.estimates import trend_estimate
from atlas.handout import handout_html
from atlas.i18n import LANGS
from components.profile_charts import cached_population_chart, plan_points


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\\", "")


@pytest.mark.parametrize("lang", LANGS)
def test_population_slide_states_method_and_baseline(open_view, lang: str) -> None:
    text = _captions(open_view("app_pages/present.py", lang, district="azabu", slide="3"))
    est = trend_estimate("azabu", plan_points()[1].date)
    assert trend_method(est, area_label("azabu", lang), lang) in text
    chart = cached_population_chart("azabu", lang)
    assert chart.notes[-1] in text  # the baseline sentence


@pytest.mark.parametrize("lang", LANGS)
def test_map_page_and_handout_state_the_method(open_view, lang: str) -> None:
    est = trend_estimate("takanawa", plan_points()[1].date)
    method = trend_method(est, area_label("takanawa", lang), lang)
    assert method in _captions(open_view(None, lang, district="takanawa"))
    page = handout_html("takanawa", lang)
    assert html.escape(method) in page or method in page
