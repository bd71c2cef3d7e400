"""This dashboard's own district population estimates, made by the method the backtest chose (:mod:`atlas.backtest`).

An estimate for a target date rests only on the register counts before that date. Its band is ± the share that
80 % of the chosen method's backtest errors stayed within. A district where the chosen method did worse than
carrying the last count forward gets no estimate (:class:`NoEstimate`). When the register already has a count on
or after the target date, the estimate carries it as ``actual`` so charts and /sources show one against the other.
None of this is an official projection: the only official figure is the Basic Plan's ward projection.

>>> est = district_estimate("shiba", dt.date(2027, 1, 1))
>>> est is None or est.low < est.value < est.high
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas import backtest
from atlas.backtest import BAND_LEVEL, Record
from atlas.estimate_methods import NAIVE, forecast
from atlas.figures import Observation

MIN_RUN = 2  # counts in a row moving one way before we say the latest months run against the line


@dataclass(frozen=True)
class DistrictEstimate:
    """``area``'s estimate for ``date`` by ``method``, its band and the backtest record behind it."""

    area: str
    date: dt.date
    method: str
    value: int
    low: int
    high: int
    path: tuple[tuple[dt.date, int], ...]  # the dotted line a chart draws, ending on ``date``
    first_date: dt.date
    last_date: dt.date
    points: int
    per_year: float
    sources: tuple[str, ...]
    band_share: float
    record: Record  # the chosen method's checks in this district
    actual: Observation | None = None  # the first register count on or after ``date``, once there is one

    @property
    def actual_error(self) -> int | None:
        """Estimate minus the actual count (None before there is one)."""
        return None if self.actual is None else self.value - self.actual.value

    @property
    def actual_within_band(self) -> bool | None:
        """Whether the actual count fell inside the band (None before there is one)."""
        return None if self.actual is None else self.low <= self.actual.value <= self.high


@dataclass(frozen=True)
class NoEstimate:
    """Why ``area`` gets no estimate: the chosen method (None: nothing could be checked) did no better than
    carrying the last count forward (``naive``)."""

    area: str
    date: dt.date
    method: str | None
    record: Record | None
    naive: Record | None
    per_year: float | None  # the direction the chosen method would have drawn


@dataclass(frozen=True)
class Run:
    """The latest ``changes`` consecutive register changes, all in one direction (``sign`` +1 rising, −1 falling)."""

    sign: int
    changes: int
    start: Observation
    end: Observation


def _before(area: str, target: dt.date) -> list[Observation]:
    return [o for o in backtest.register(area) if o.date < target]


def estimate_outcome(area: str, target: dt.date) -> DistrictEstimate | NoEstimate:
    """The estimate of ``area`` for ``target`` by the chosen method, or why there is none."""
    choice = backtest.run(target)
    counts = _before(area, target)
    method = choice.method
    made = forecast(method, counts, target) if method else None
    if method is None or made is None or not choice.shown.get(area) or choice.band_share[method] is None:
        record = choice.record(method, area) if method else None
        naive = choice.record(NAIVE, area) if method else None
        return NoEstimate(area, target, method, record, naive, made.per_year if made else None)
    share = choice.band_share[method] or 0.0
    value = round(made.value)
    half = round(share * made.value)
    actual = next((o for o in backtest.register(area) if o.date >= target), None)
    return DistrictEstimate(
        area=area, date=target, method=method, value=value, low=value - half, high=value + half,
        path=tuple((d, round(v)) for d, v in made.path), first_date=made.used[0].date, last_date=counts[-1].date,
        points=len(made.used), per_year=made.per_year, sources=tuple(dict.fromkeys(o.source for o in made.used)),
        band_share=share, record=choice.record(method, area), actual=actual)


def district_estimate(area: str, target: dt.date) -> DistrictEstimate | None:
    """The shown estimate of ``area`` for ``target``, or None where none is shown."""
    outcome = estimate_outcome(area, target)
    return outcome if isinstance(outcome, DistrictEstimate) else None


def recent_run(area: str, target: dt.date) -> Run | None:
    """The latest run of same-direction changes between consecutive counts before ``target`` (None if the last
    change is zero or there are fewer than two counts)."""
    counts = _before(area, target)
    changes = [b.value - a.value for a, b in zip(counts, counts[1:], strict=False)]
    if not changes or changes[-1] == 0:
        return None
    sign = 1 if changes[-1] > 0 else -1
    k = 0
    while k < len(changes) and changes[-1 - k] * sign > 0:
        k += 1
    return Run(sign, k, counts[-1 - k], counts[-1])


def runs_against(area: str, target: dt.date, per_year: float | None) -> Run | None:
    """The latest run if it has at least :data:`MIN_RUN` changes and goes against a line of slope ``per_year``."""
    run = recent_run(area, target)
    if run is None or per_year is None or run.changes < MIN_RUN or run.sign * per_year >= 0:
        return None
    return run


__all__ = ["BAND_LEVEL", "DistrictEstimate", "NoEstimate", "Run", "district_estimate", "estimate_outcome",
           "recent_run", "runs_against"]
