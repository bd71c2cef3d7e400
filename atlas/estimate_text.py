"""What a chart says about a district estimate, in the view's language: plain sentences for residents, and the
technical sentence (method, range, backtest coverage) a planner opens one click away. No Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas import backtest
from atlas import formatting as fmt
from atlas.districts import area_label
from atlas.estimates import DistrictEstimate, NoEstimate, Run, estimate_outcome, runs_against
from atlas.i18n import t


@dataclass(frozen=True)
class EstimateTexts:
    """``plain``: the sentences shown next to the chart; ``technical``: the one behind a click."""

    plain: list[str]
    technical: str


def signed(value: int, lang: str) -> str:
    """+1,234人 / −56 (a real minus sign)."""
    text = fmt.people(abs(value), lang)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


def method_name(method: str, lang: str) -> str:
    """The method described in words (``line_all`` → "a straight line fitted by least squares …")."""
    return t(f"est_method_{method}", lang)


def method_short(method: str, lang: str) -> str:
    """The method's short table label."""
    return t(f"est_short_{method}", lang)


def run_sentences(run: Run, shown: bool, lang: str) -> list[str]:
    """The latest counts' direction, and that the estimate's line (or the method's, where none is shown) runs
    the other way."""
    values = {"k": run.changes, "start_date": fmt.date(run.start.date, lang),
              "start": fmt.people(run.start.value, lang), "end_date": fmt.date(run.end.date, lang),
              "end": fmt.people(run.end.value, lang)}
    recent = t("estimate_recent_fell" if run.sign < 0 else "estimate_recent_rose", lang, **values)
    if shown:
        return [recent, t("estimate_against_up" if run.sign < 0 else "estimate_against_down", lang)]
    return [recent, t("estimate_against_up_hidden" if run.sign < 0 else "estimate_against_down_hidden", lang)]


def _people(value: float, lang: str) -> str:
    return fmt.people(round(value), lang)


def _shown(est: DistrictEstimate, name: str, lang: str) -> EstimateTexts:
    rec = est.record
    plain = [t("estimate_resident", lang, value=fmt.people(est.value, lang), target=fmt.date(est.date, lang),
               low=fmt.people(est.low, lang), high=fmt.people(est.high, lang), n=rec.n,
               mae=_people(rec.mae, lang), max=_people(rec.max_error, lang))]
    run = runs_against(est.area, est.date, est.per_year)
    if run is not None:
        plain += run_sentences(run, True, lang)
    if est.actual is not None and est.actual_error is not None:
        key = "estimate_vs_actual_inside" if est.actual_within_band else "estimate_vs_actual_outside"
        plain.append(t(key, lang, actual=fmt.people(est.actual.value, lang),
                       actual_date=fmt.date(est.actual.date, lang), target=fmt.date(est.date, lang),
                       last=fmt.date(est.last_date, lang), value=fmt.people(est.value, lang),
                       error=signed(est.actual_error, lang), low=fmt.people(est.low, lang),
                       high=fmt.people(est.high, lang)))
    choice = backtest.run(est.date)
    _, hmin, hmax = choice.horizons[est.area]
    technical = t("estimate_technical", lang, method=method_name(est.method, lang), n=est.points,
                  first=fmt.date(est.first_date, lang), last=fmt.date(est.last_date, lang),
                  target=fmt.date(est.date, lang), share=fmt.percent(est.band_share, lang, 2),
                  level=fmt.percent(backtest.BAND_LEVEL, lang, 0), pooled=len(choice.pooled_checks(est.method)),
                  hmin=hmin, hmax=hmax, area=name, covered=rec.covered, checks=rec.n)
    return EstimateTexts(plain, technical)


def _hidden(none: NoEstimate, name: str, lang: str) -> EstimateTexts:
    rec, naive = none.record, none.naive
    if none.method is None or rec is None or naive is None or rec.n == 0:
        return EstimateTexts([t("estimate_none_unchecked", lang, area=name)], "")
    plain = [t("estimate_none", lang, area=name, n=rec.n, mae=_people(rec.mae, lang),
               naive=_people(naive.mae, lang))]
    run = runs_against(none.area, none.date, none.per_year)
    if run is not None:
        plain += run_sentences(run, False, lang)
    _, hmin, hmax = backtest.run(none.date).horizons[none.area]
    technical = t("estimate_technical_none", lang, area=name, n=rec.n, hmin=hmin, hmax=hmax,
                  method=method_name(none.method, lang), mae=_people(rec.mae, lang), naive=_people(naive.mae, lang))
    return EstimateTexts(plain, technical)


def estimate_texts(area: str, target: dt.date, lang: str) -> EstimateTexts:
    """The sentences about ``area``'s estimate (or its absence) for ``target``."""
    outcome = estimate_outcome(area, target)
    name = area_label(area, lang)
    if isinstance(outcome, DistrictEstimate):
        return _shown(outcome, name, lang)
    return _hidden(outcome, name, lang)
