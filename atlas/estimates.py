"""This dashboard's own district population estimates: a straight-line trend of each area's register series.

Method (one sentence, shown under every chart that draws it): a straight line is fitted by least squares to the
area's resident-register counts and extended to the target date; the band is the 95 % prediction interval
from the fit's residuals (Student's t). It is *not* an official projection: the only official figure is the
Basic Plan's ward projection, which stays as it is.

:func:`backtest` checks the method against what happened: fitted on the data up to an earlier date, it predicts
the latest register date.

>>> est = trend_estimate("azabu", dt.date(2027, 1, 1))
>>> est.low < est.value < est.high
True
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from atlas.figures import Observation, series

MEASURE = "population"
# Minimum gap between the last fitted date and the checked date in a backtest, so that the backtest's horizon
# is close to the real one (latest register date → the plan's projection date, about 11 months).
BACKTEST_MIN_HORIZON_DAYS = 270
# Two-sided 95 % quantiles of Student's t distribution by degrees of freedom (standard table values).
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
         11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
         20: 2.086, 25: 2.060, 30: 2.042}
T_975_LARGE = 1.960
MIN_POINTS = 3


@dataclass(frozen=True)
class TrendEstimate:
    """A linear-trend estimate of ``area``'s population on ``date`` with a 95 % prediction band."""

    area: str
    date: dt.date
    value: int
    low: int
    high: int
    first_date: dt.date
    last_date: dt.date
    points: int
    per_year: float
    sources: tuple[str, ...]

    def fitted(self, day: dt.date) -> float:
        """The fitted line's value on ``day`` (for drawing the trend through the observed period)."""
        return self.value - self.per_year / 365.25 * (self.date - day).days


@dataclass(frozen=True)
class Backtest:
    """The same method fitted on data up to ``fitted_to`` and compared with the observed value on ``checked``."""

    area: str
    fitted_to: dt.date
    checked: dt.date
    predicted: int
    actual: int
    low: int
    high: int

    @property
    def error(self) -> int:
        """Predicted minus actual (people)."""
        return self.predicted - self.actual

    @property
    def error_share(self) -> float:
        """Error as a share of the actual value (0.012 = 1.2 %)."""
        return self.error / self.actual

    @property
    def within_band(self) -> bool:
        """True if the actual value fell inside the 95 % band."""
        return self.low <= self.actual <= self.high


def _t_quantile(df: int) -> float:
    if df in T_975:
        return T_975[df]
    smaller = [k for k in T_975 if k <= df]
    return T_975[max(smaller)] if df <= max(T_975) else T_975_LARGE


def fit(points: list[Observation], target: dt.date) -> TrendEstimate | None:
    """Least-squares line through ``points`` (dates as days), its value and 95 % prediction band on ``target``.

    None with fewer than three points (no residual left to size the band).
    """
    if len(points) < MIN_POINTS:
        return None
    origin = points[0].date
    xs = [(o.date - origin).days for o in points]
    ys = [float(o.value) for o in points]
    n = len(points)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residual_sd = math.sqrt(sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True)) / (n - 2))
    x0 = (target - origin).days
    value = intercept + slope * x0
    half = _t_quantile(n - 2) * residual_sd * math.sqrt(1 + 1 / n + (x0 - mean_x) ** 2 / sxx)
    return TrendEstimate(
        area=points[0].area, date=target, value=round(value), low=round(value - half), high=round(value + half),
        first_date=points[0].date, last_date=points[-1].date, points=n, per_year=slope * 365.25,
        sources=tuple(dict.fromkeys(o.source for o in points)),
    )


def trend_estimate(area: str, target: dt.date, until: dt.date | None = None) -> TrendEstimate | None:
    """The linear-trend estimate of ``area`` (district slug or ``ward``) for ``target``.

    Only register dates up to ``until`` (inclusive) are used when it is given.
    """
    points = [o for o in series(area, MEASURE) if until is None or o.date <= until]
    return fit(points, target)


def backtest(area: str) -> Backtest | None:
    """Fit on the dates at least :data:`BACKTEST_MIN_HORIZON_DAYS` before the latest one; predict the latest."""
    points = series(area, MEASURE)
    if not points:
        return None
    last = points[-1]
    earlier = [o for o in points if (last.date - o.date).days >= BACKTEST_MIN_HORIZON_DAYS]
    if not earlier:
        return None
    est = fit(earlier, last.date)
    if est is None:
        return None
    return Backtest(area, earlier[-1].date, last.date, est.value, last.value, est.low, est.high)
