"""Our district estimates: the candidate methods, the rolling-origin backtest that chooses one and sizes its range,
and what the charts say about them. Expected values are recomputed here independently (numpy, plain loops)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest

from atlas import backtest
from atlas import formatting as fmt
from atlas.charts import district_estimates_sum, population_chart
from atlas.districts import districts
from atlas.estimate_methods import DAMPING_PER_MONTH, METHODS, damped_sum, forecast
from atlas.estimate_text import estimate_texts
from atlas.estimates import DistrictEstimate, NoEstimate, district_estimate, estimate_outcome
from atlas.figures import Observation, series
from atlas.i18n import LANGS, t
from components.profile_charts import plan_points
from geo.paths import DATA_DIR

SLUGS = [d.id for d in districts()]
BASE, PROJECTION = plan_points()
TARGET = PROJECTION.date


def _obs(day: dt.date, value: float) -> Observation:
    return Observation(day, "x", "population", int(value), "s")


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _independent(method: str, points: list[Observation], target: dt.date) -> float | None:
    """The four methods written again with numpy, from their documented definitions."""
    if method == "last_value":
        return float(points[-1].value)
    if method != "line_all":
        points = [o for o in points if o.date >= _months_before(points[-1].date, 12)]
    if len({o.date for o in points}) < 2:
        return None
    x = np.array([(o.date - points[0].date).days for o in points], float)
    slope, intercept = np.polyfit(x, [o.value for o in points], 1)
    if method in ("line_all", "line_12m"):
        return float(intercept + slope * (target - points[0].date).days)
    months = (target - points[-1].date).days / (365.25 / 12)
    phi = DAMPING_PER_MONTH
    return float(points[-1].value + slope * 365.25 / 12 * phi * (1 - phi ** months) / (1 - phi))


def _independent_checks(area: str, method: str) -> list[tuple[dt.date, dt.date, float, int]]:
    """(cut, checked, predicted, actual) by the stated rules: every cut with ≥ 3 counts, every later count within
    ±50 % of the real horizon, only where all four methods can predict."""
    counts = series(area, "population")
    real = (TARGET - [o for o in counts if o.date < TARGET][-1].date).days
    out = []
    for i in range(2, len(counts)):
        for later in counts[i + 1:]:
            h = (later.date - counts[i].date).days
            if not real * 0.5 <= h <= real * 1.5:
                continue
            made = {m: _independent(m, counts[:i + 1], later.date) for m in METHODS}
            if any(v is None for v in made.values()):
                continue
            out.append((counts[i].date, later.date, made[method], later.value))
    return out


def test_methods_on_points_that_lie_on_a_line() -> None:
    days = [dt.date(2025, m, 1) for m in range(1, 8)]
    points = [_obs(d, 1000 + 2 * (d - days[0]).days) for d in days]
    target = dt.date(2026, 1, 1)
    assert forecast("line_all", points, target).value == pytest.approx(1000 + 2 * (target - days[0]).days)
    assert forecast("line_12m", points, target).value == pytest.approx(1000 + 2 * (target - days[0]).days)
    assert forecast("last_value", points, target).value == points[-1].value
    months = (target - days[-1]).days / (365.25 / 12)
    expected = points[-1].value + 2 * 365.25 / 12 * sum(DAMPING_PER_MONTH ** i for i in range(1, 100))  # upper bound
    assert points[-1].value < forecast("damped", points, target).value < expected
    assert damped_sum(6) == pytest.approx(sum(DAMPING_PER_MONTH ** i for i in range(1, 7)))
    assert forecast("damped", points, target).value == pytest.approx(_independent("damped", points, target))
    assert months > 5


def test_the_12_month_line_ignores_older_counts() -> None:
    old = [_obs(dt.date(2023, m, 1), 5000) for m in (1, 2, 3)]
    start = dt.date(2025, 1, 1)
    recent = [_obs(dt.date(2025, m, 1), 1000 + (dt.date(2025, m, 1) - start).days) for m in (1, 2, 3)]
    made = forecast("line_12m", old + recent, dt.date(2025, 6, 1))
    assert made.value == pytest.approx(1000 + (dt.date(2025, 6, 1) - start).days) and made.used == tuple(recent)
    assert forecast("line_12m", old + recent[-1:], dt.date(2025, 6, 1)) is None  # one count: no line


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("slug", SLUGS)
def test_rolling_origin_checks_match_an_independent_recomputation(slug: str, method: str) -> None:
    record = backtest.run(TARGET).record(method, slug)
    expected = _independent_checks(slug, method)
    assert len(record.checks) == len(expected) > 0
    for check, (cut, checked, predicted, actual) in zip(record.checks, expected, strict=True):
        assert (check.cut, check.checked, check.actual) == (cut, checked, actual)
        assert check.predicted == pytest.approx(predicted, abs=1e-6)
    errors = [p - a for _, _, p, a in expected]
    assert record.mae == pytest.approx(np.mean(np.abs(errors)))
    assert record.bias == pytest.approx(np.mean(errors))
    assert record.max_error == pytest.approx(max(abs(e) for e in errors))


def test_every_cut_the_data_allows_is_used() -> None:
    """Every register date with three counts up to it and a later count in the horizon window is a cut."""
    choice = backtest.run(TARGET)
    for slug in SLUGS:
        cuts = {c.cut for c in choice.record("line_all", slug).checks}
        assert cuts == {cut for cut, _, _, _ in _independent_checks(slug, "line_all")}
        assert len(cuts) >= 2, slug  # more than the single check the former backtest made


@pytest.mark.parametrize("method", METHODS)
def test_range_and_coverage_follow_the_nearest_rank_rule(method: str) -> None:
    choice = backtest.run(TARGET)
    rel = {s: [abs(p - a) / p for _, _, p, a in _independent_checks(s, method)] for s in SLUGS}

    def quantile(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[math.ceil(0.8 * len(ordered)) - 1]

    assert choice.band_share[method] == pytest.approx(quantile([r for s in SLUGS for r in rel[s]]))
    for slug in SLUGS:
        others = quantile([r for s in SLUGS if s != slug for r in rel[s]])
        record = choice.record(method, slug)
        assert record.band_share == pytest.approx(others)
        assert record.covered == sum(r <= others for r in rel[slug])


def test_method_is_chosen_by_the_backtest_and_districts_by_no_change() -> None:
    choice = backtest.run(TARGET)
    pooled = {m: np.mean([abs(p - a) / p for s in SLUGS for _, _, p, a in _independent_checks(s, m)])
              for m in ("line_all", "line_12m", "damped")}
    assert choice.method == min(pooled, key=pooled.get)
    for slug in SLUGS:
        mine = np.mean([abs(p - a) for _, _, p, a in _independent_checks(slug, choice.method)])
        naive = np.mean([abs(p - a) for _, _, p, a in _independent_checks(slug, "last_value")])
        assert choice.shown[slug] == (mine < naive)
        assert (district_estimate(slug, TARGET) is not None) == (mine < naive)


@pytest.mark.parametrize("slug", [s for s in SLUGS if district_estimate(s, TARGET) is not None])
def test_a_shown_estimate_is_the_chosen_method_with_the_backtest_range(slug: str) -> None:
    est = district_estimate(slug, TARGET)
    choice = backtest.run(TARGET)
    counts = [o for o in series(slug, "population") if o.date < TARGET]
    value = _independent(choice.method, counts, TARGET)
    assert est.value == round(value) and est.method == choice.method
    half = round(choice.band_share[choice.method] * value)
    assert (est.low, est.high) == (est.value - half, est.value + half)
    assert est.path[-1] == (TARGET, est.value)
    assert PROJECTION.source not in est.sources  # rests on the register, not on the plan


def test_azabu_gets_no_rising_line_and_the_reason_is_said() -> None:
    """Issue 17: Azabu's straight line rose to 61,353 while its register fell; the backtest says why not to show it."""
    outcome = estimate_outcome("azabu", TARGET)
    assert isinstance(outcome, NoEstimate)
    text = estimate_texts("azabu", TARGET, "en")
    counts = series("azabu", "population")
    changes = np.diff([o.value for o in counts])
    k = next(i for i in range(len(changes)) if changes[-1 - i] >= 0)  # falls in a row at the end
    assert k >= 2
    start, end = counts[-1 - k], counts[-1]
    assert any(fmt.people(start.value, "en") in s and fmt.people(end.value, "en") in s and "fallen" in s
               for s in text.plain)
    assert any("rising line" in s for s in text.plain)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_district_chart_says_plainly_what_the_estimate_is_and_its_past_error(slug: str, lang: str) -> None:
    chart = population_chart(slug, lang, BASE, PROJECTION)
    record = backtest.run(TARGET).record(backtest.run(TARGET).method, slug)
    est = district_estimate(slug, TARGET)
    names = [tr.name for tr in chart.figure.data]
    assert t("series_plan_points", lang) not in names
    assert fmt.people(round(record.mae), lang) in chart.notes[0]
    if est is None:
        assert t("series_trend_estimate", lang) not in names
        assert not [tr for tr in chart.figure.data if tr.error_y and tr.error_y.array is not None]
        return
    assert t("series_trend_estimate", lang) in names
    point = next(tr for tr in chart.figure.data if tr.error_y and tr.error_y.array is not None)
    assert list(point.y) == [est.value]
    assert (point.error_y.array[0], point.error_y.arrayminus[0]) == (est.high - est.value, est.value - est.low)
    plain = chart.notes[0]
    assert fmt.people(est.low, lang) in plain and fmt.people(est.high, lang) in plain
    assert fmt.people(round(record.max_error), lang) in plain
    assert f"{record.covered}" in chart.technical and fmt.date(TARGET, lang) in chart.technical
    low, high = chart.y_range
    assert 0 < low < min(o.value for o in series(slug, "population")) and high > est.high
    assert f"{round(low):,}" in chart.notes[-1]


def test_ward_keeps_the_plans_projection_and_sums_only_complete_estimates() -> None:
    chart = population_chart(None, "en", BASE, PROJECTION)
    plan = next(tr for tr in chart.figure.data if tr.name == t("series_plan_points", "en"))
    assert list(plan.y) == [BASE.value, PROJECTION.value]
    assert "lines" not in plan.mode  # two points, no line: the plan gives no path between them
    assert any(f"{BASE.value:,}" in n and f"{PROJECTION.value:,}" in n and "no path" in n for n in chart.notes)
    estimates = [district_estimate(s, TARGET) for s in SLUGS]
    total = district_estimates_sum(TARGET)
    names = [tr.name for tr in chart.figure.data]
    if any(e is None for e in estimates):
        assert total is None and t("series_estimate_sum", "en") not in names
        missing = [d.name("en") for d, e in zip(districts(), estimates, strict=True) if e is None]
        assert any(all(m in note for m in missing) for note in chart.notes)
    else:
        assert total == sum(e.value for e in estimates)


def _with_actuals(data: Path, offset: int) -> dict[str, int]:
    """Add register rows on the target date (the estimate + ``offset``, or the last count for the others)."""
    rows, values = [], {}
    for slug in SLUGS:
        est = district_estimate(slug, TARGET)  # from the real data/
        values[slug] = (est.value + offset) if est else series(slug, "population")[-1].value
        rows.append(f"{TARGET.isoformat()},{slug},population,{values[slug]},minato-population-2026,")
    rows.append(f"{TARGET.isoformat()},ward,population,{sum(values.values())},minato-population-2026,")
    path = data / "figures" / "population.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    return values


@pytest.mark.parametrize("offset", [0, 5000])
def test_an_actual_on_the_target_date_is_shown_against_the_estimate(data_copy: Path, offset: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINATO_DATA_DIR", str(DATA_DIR))
    before = {s: district_estimate(s, TARGET) for s in SLUGS}
    values = _with_actuals(data_copy, offset)  # written before the copy is first read
    monkeypatch.setenv("MINATO_DATA_DIR", str(data_copy))
    shown = [s for s in SLUGS if before[s] is not None]
    assert shown
    for slug in shown:
        est = district_estimate(slug, TARGET)
        assert isinstance(est, DistrictEstimate)
        assert est.last_date < TARGET and est.actual is not None and est.actual.value == values[slug]
        assert est.actual_error == est.value - values[slug]
        assert est.actual_within_band == (est.low <= values[slug] <= est.high)
        chart = population_chart(slug, "en", BASE, PROJECTION)
        side = "inside" if est.actual_within_band else "outside"
        assert any(f"{values[slug]:,}" in n and side in n for n in chart.notes), chart.notes
    assert any(not district_estimate(s, TARGET).actual_within_band for s in shown) == (offset == 5000)


def test_the_printable_report_lists_every_district_and_method_with_its_numbers() -> None:
    from atlas.backtest_report import main, report

    choice = backtest.run(TARGET)
    text = report(choice)
    for slug in SLUGS:
        for method in METHODS:
            r = choice.record(method, slug)
            row = next(line for line in text.splitlines() if line.split()[:2] == [slug, method])
            assert row.split()[2:6] == [str(r.n), f"{r.covered}/{r.n}", f"{r.mae:.0f}", f"{r.bias:+.0f}"]
    assert f"chosen: {choice.method}" in text
    assert main([TARGET.isoformat()]) == 0
