"""Our district estimates (linear trend + band), their backtest, and how charts and key figures present them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from atlas import formatting as fmt
from atlas.charts import budget_chart, district_estimates_sum, fiscal_scale, population_chart
from atlas.content import plan_content
from atlas.districts import districts
from atlas.estimates import backtest, fit, trend_estimate
from atlas.figures import Observation, budget, budget_notes, series
from atlas.i18n import LANGS, catalog, t
from atlas.profile import key_figures
from components.profile_charts import plan_points

SLUGS = [d.id for d in districts()]
BASE, PROJECTION = plan_points()


def _polyfit_value(area: str, target: dt.date, until: dt.date | None = None) -> float:
    """The least-squares line through the area's register counts, by numpy, on ``target``."""
    points = [o for o in series(area, "population") if until is None or o.date <= until]
    x = [(o.date - points[0].date).days for o in points]
    slope, intercept = np.polyfit(x, [o.value for o in points], 1)
    return intercept + slope * (target - points[0].date).days


def test_fit_of_points_on_a_line_is_exact_with_no_band() -> None:
    days = [dt.date(2024, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1), dt.date(2025, 7, 1)]
    points = [Observation(d, "x", "population", 1000 + 2 * (d - days[0]).days, "s") for d in days]
    est = fit(points, dt.date(2026, 1, 1))
    assert est.value == 1000 + 2 * (dt.date(2026, 1, 1) - days[0]).days
    assert est.low == est.value == est.high
    assert fit(points[:2], dt.date(2026, 1, 1)) is None  # two points leave no residual to size a band


@pytest.mark.parametrize("slug", SLUGS)
def test_district_estimate_is_the_districts_own_linear_trend(slug: str) -> None:
    est = trend_estimate(slug, PROJECTION.date)
    assert est.value == round(_polyfit_value(slug, PROJECTION.date))
    assert est.low < est.value < est.high
    register = series(slug, "population")
    assert (est.first_date, est.last_date, est.points) == (register[0].date, register[-1].date, len(register))
    assert PROJECTION.source not in est.sources  # rests on the register, not on the plan


def test_a_falling_district_is_not_drawn_rising_by_the_ward_share() -> None:
    """Azabu fell from 2025-05 to 2026-02; the old share × ward projection drew it jumping by ~4.5 %."""
    register = series("azabu", "population")
    ward = {o.date: o.value for o in series("ward", "population")}
    share_based = round(register[-1].value / ward[register[-1].date] * PROJECTION.value)
    est = trend_estimate("azabu", PROJECTION.date)
    assert est.value != share_based
    assert est.value < share_based - 1000
    assert abs(est.value - register[-1].value) / register[-1].value < 0.02


@pytest.mark.parametrize("slug", SLUGS)
def test_backtest_predicts_the_latest_date_from_earlier_data_only(slug: str) -> None:
    check = backtest(slug)
    register = series(slug, "population")
    assert check.checked == register[-1].date and check.actual == register[-1].value
    assert (check.checked - check.fitted_to).days >= 270
    assert check.predicted == round(_polyfit_value(slug, check.checked, until=check.fitted_to))
    assert check.error == check.predicted - check.actual
    # the method is usable: within 2 % of what happened about nine months later
    assert abs(check.error_share) < 0.02, (slug, check)


def test_ward_keeps_the_plans_projection_and_states_the_gap_to_our_sum() -> None:
    chart = population_chart(None, "en", BASE, PROJECTION)
    plan = next(tr for tr in chart.figure.data if tr.name == t("series_plan_points", "en"))
    assert list(plan.y) == [BASE.value, PROJECTION.value]
    assert plan.mode == "markers"  # two points, no line: the plan gives no path between them
    assert any(f"{BASE.value:,}" in n and f"{PROJECTION.value:,}" in n and "no path" in n for n in chart.notes)
    total = district_estimates_sum(PROJECTION.date)
    assert total == sum(trend_estimate(s, PROJECTION.date).value for s in SLUGS)
    marker = next(tr for tr in chart.figure.data if tr.name == t("series_estimate_sum", "en"))
    assert list(marker.y) == [total]
    gap = f"{abs(PROJECTION.value - total):,}"
    assert any(gap in note and f"{total:,}" in note for note in chart.notes)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_district_chart_names_its_estimate_ours_with_method_band_and_baseline(slug: str, lang: str) -> None:
    chart = population_chart(slug, lang, BASE, PROJECTION)
    est = trend_estimate(slug, PROJECTION.date)
    names = [tr.name for tr in chart.figure.data]
    assert t("series_trend_estimate", lang) in names
    assert t("series_plan_points", lang) not in names
    point = next(tr for tr in chart.figure.data if tr.error_y and tr.error_y.array is not None)
    assert list(point.y) == [est.value]
    assert (point.error_y.array[0], point.error_y.arrayminus[0]) == (est.high - est.value, est.value - est.low)
    method = chart.notes[0]
    assert fmt.people(est.low, lang) in method and fmt.people(est.high, lang) in method
    assert fmt.date(est.date, lang) in method
    low, high = chart.y_range
    assert 0 < low < min(o.value for o in series(slug, "population")) and high > est.high
    assert f"{round(low):,}" in chart.notes[-1]


def test_budget_chart_keeps_the_fiscal_scale_apart_and_marks_the_fy2017_transfer() -> None:
    scale = fiscal_scale(plan_content())
    chart = budget_chart("en", scale)
    assert not [s for s in chart.figure.layout.shapes if s.type == "rect"]  # no band that looks like a bar frame
    span = next(s for s in chart.figure.layout.shapes if s.type == "line")
    assert span.x0 < scale.years[0] < scale.years[1] < span.x1
    note = chart.notes[0]
    assert fmt.oku_yen(scale.total_oku, "en") in note and "general account" in note
    assert f"FY{scale.plan_years[0]}" in note and f"FY{scale.revised}" in note
    marked = {(a.x, a.text) for a in chart.figure.layout.annotations}
    for item in budget_notes():
        assert (item.fiscal_year, "*") in marked
        assert any(item.text["en"] in n for n in chart.notes)
    secondary = next(tr for tr in chart.figure.data if "secondary" in tr.name)
    assert sorted(secondary.x) == sorted(b.fiscal_year for b in budget()
                                         if b.kind == "initial_budget" and b.reliability == "secondary")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_projection_names_its_target_date_and_is_not_dated_as_of_it(lang: str) -> None:
    projection = next(f for f in key_figures(None, lang) if fmt.people(PROJECTION.value, lang) == f.value)
    assert fmt.date(PROJECTION.date, lang) in projection.label
    assert all(day != PROJECTION.date for _, day in projection.refs)


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_claims_the_city_did_not_publish_what_we_did_not_find(lang: str) -> None:
    overreach = ("未公表", "公表していない", "publishes no", "not published", "未公布")
    for key, text in catalog(lang).items():
        assert not any(word in text for word in overreach), key
