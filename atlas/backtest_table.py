"""The backtest as table rows and sentences in the view's language (for /sources). No Streamlit."""

from __future__ import annotations

import datetime as dt
import math

from atlas import backtest
from atlas import formatting as fmt
from atlas.backtest import Choice
from atlas.districts import area_label
from atlas.estimate_methods import DAMPING_PER_MONTH, METHODS, NAIVE
from atlas.estimate_text import method_name, method_short, signed
from atlas.estimates import DistrictEstimate, district_estimate
from atlas.i18n import t


def _people(value: float, lang: str) -> str:
    return "—" if math.isnan(value) else fmt.people(round(value), lang)


def _signed(value: float, lang: str) -> str:
    return "—" if math.isnan(value) else signed(round(value), lang)


def horizon_words(choice: Choice) -> dict[str, str]:
    """The real horizon and the accepted range in days (several values joined when districts differ)."""
    spans = list(choice.horizons.values())
    reals = sorted({s[0] for s in spans})
    return {"horizon": "/".join(str(r) for r in reals), "hmin": str(min(s[1] for s in spans)),
            "hmax": str(max(s[2] for s in spans))}


def intro(choice: Choice, lang: str) -> list[str]:
    """The rules of the backtest, the rule that chose the method and which districts get an estimate."""
    if choice.method is None:
        return [t("backtest_none", lang)]
    first = t("backtest_intro", lang, min_points=backtest.MIN_POINTS,
              tolerance=fmt.percent(backtest.HORIZON_TOLERANCE, lang, 0), target=fmt.date(choice.target, lang),
              phi=f"{DAMPING_PER_MONTH:g}", **horizon_words(choice))
    share = choice.band_share[choice.method] or 0.0
    rule = t("backtest_rule", lang, method=method_name(choice.method, lang),
             error=fmt.percent(choice.pooled_error[choice.method], lang, 2),
             naive=fmt.percent(choice.pooled_error[NAIVE], lang, 2),
             level=fmt.percent(backtest.BAND_LEVEL, lang, 0), share=fmt.percent(share, lang, 2))
    sep = t("list_separator", lang)
    shown = sep.join(area_label(a, lang) for a, ok in choice.shown.items() if ok) or "—"
    hidden = sep.join(area_label(a, lang) for a, ok in choice.shown.items() if not ok) or "—"
    pooled = len(choice.pooled_checks(choice.method))
    covered = sum(choice.record(choice.method, a).covered for a in backtest.area_ids())
    coverage = t("backtest_coverage", lang, covered=covered, pooled=pooled,
                 share=fmt.percent(covered / pooled if pooled else 0.0, lang, 0),
                 level=fmt.percent(backtest.BAND_LEVEL, lang, 0))
    return [first, rule, coverage, t("backtest_decision", lang, shown=shown, hidden=hidden)]


def record_rows(choice: Choice, lang: str) -> list[dict[str, str]]:
    """One row per district and method: checks, coverage, mean error, bias, largest error, used or not."""
    rows = []
    for area in backtest.area_ids():
        for method in METHODS:
            rec = choice.record(method, area)
            used = method == choice.method and choice.shown[area]
            rows.append({t("col_area", lang): area_label(area, lang), t("col_method", lang): method_short(method, lang),
                         t("col_checks", lang): str(rec.n),
                         t("col_coverage", lang): f"{rec.covered} / {rec.n}" if rec.n else "—",
                         t("col_mae", lang): _people(rec.mae, lang), t("col_bias", lang): _signed(rec.bias, lang),
                         t("col_max_error", lang): _people(rec.max_error, lang),
                         t("col_used", lang): t("answer_yes" if used else "answer_no", lang)})
    return rows


def estimates_with_actuals(target: dt.date) -> list[DistrictEstimate]:
    """The shown estimates for ``target`` whose actual register count is already known."""
    found = (district_estimate(a, target) for a in backtest.area_ids())
    return [e for e in found if e is not None and e.actual is not None]


def actual_rows(target: dt.date, lang: str) -> list[dict[str, str]]:
    """Estimate against actual, one row per district that has both."""
    rows = []
    for est in estimates_with_actuals(target):
        assert est.actual is not None and est.actual_error is not None
        rows.append({t("col_area", lang): area_label(est.area, lang), t("col_date", lang): fmt.date(est.date, lang),
                     t("col_predicted", lang): fmt.people(est.value, lang),
                     t("col_actual", lang): f"{fmt.people(est.actual.value, lang)} ({fmt.date(est.actual.date, lang)})",
                     t("col_error", lang): signed(est.actual_error, lang),
                     t("col_error_share", lang): fmt.percent(est.actual_error / est.actual.value, lang, 2),
                     t("col_band", lang): f"{fmt.people(est.low, lang)} – {fmt.people(est.high, lang)}",
                     t("col_within_band", lang): t("answer_yes" if est.actual_within_band else "answer_no", lang)})
    return rows
