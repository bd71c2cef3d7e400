"""Candidate methods for this dashboard's district population estimates (pure arithmetic, no data loading).

Each method takes an area's register counts up to a cut date (oldest first) and a target date and returns a
:class:`Forecast`, or None when it cannot say anything from those counts:

- ``line_all``: a least-squares straight line through all counts, extended to the target;
- ``line_12m``: the same line through the counts of the last 12 months only (needs two of them);
- ``damped``: the last count plus the last-12-months line's slope, damped: month *i* ahead adds the monthly slope
  times ``DAMPING_PER_MONTH ** i`` (0.9: the trend fades, ~6 months of slope in total after a year, never more than
  9 months of it);
- ``last_value``: no change — the last count carried forward (the naive reference every method must beat).

>>> import datetime as dt
>>> from atlas.figures import Observation
>>> pts = [Observation(dt.date(2025, m, 1), "x", "population", 1000 + 10 * m, "s") for m in (1, 2, 3)]
>>> round(forecast("line_all", pts, dt.date(2025, 5, 1)).value), forecast("last_value", pts, dt.date(2025, 5, 1)).value
(1049, 1030)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from atlas.figures import Observation

METHODS = ("line_all", "line_12m", "damped", "last_value")
TREND_METHODS = METHODS[:-1]
NAIVE = "last_value"
WINDOW_MONTHS = 12
DAMPING_PER_MONTH = 0.9
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Forecast:
    """A method's value on the target date, the counts it rests on and the dotted path a chart draws."""

    value: float
    used: tuple[Observation, ...]
    path: tuple[tuple[dt.date, float], ...]
    per_year: float  # the direction it extends: people per year at the last count (0 for no change)


def _line(points: Sequence[Observation]) -> tuple[float, float, dt.date] | None:
    """Least-squares slope (people/day) and intercept (at the first date), or None without two distinct dates."""
    origin = points[0].date
    xs = [(o.date - origin).days for o in points]
    ys = [float(o.value) for o in points]
    n = len(points)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, mean_y - slope * mean_x, origin


def last_months(points: Sequence[Observation], months: int = WINDOW_MONTHS) -> list[Observation]:
    """The counts dated on or after the same day ``months`` calendar months before the last count."""
    last = points[-1].date
    year, month = divmod(last.year * 12 + last.month - 1 - months, 12)
    start = dt.date(year, month + 1, min(last.day, 28))
    return [o for o in points if o.date >= start]


def _straight(points: Sequence[Observation], target: dt.date) -> Forecast | None:
    fitted = _line(points)
    if fitted is None:
        return None
    slope, intercept, origin = fitted

    def at(day: dt.date) -> float:
        return intercept + slope * (day - origin).days

    days = (points[0].date, points[-1].date, target)
    return Forecast(at(target), tuple(points), tuple((d, at(d)) for d in days), slope * 365.25)


def line_all(points: Sequence[Observation], target: dt.date) -> Forecast | None:
    """Straight line through all counts."""
    return _straight(points, target)


def line_12m(points: Sequence[Observation], target: dt.date) -> Forecast | None:
    """Straight line through the last 12 months' counts."""
    window = last_months(points)
    return _straight(window, target) if len(window) >= 2 else None


def damped_sum(months: float, phi: float = DAMPING_PER_MONTH) -> float:
    """How many months of slope a damped trend adds ``months`` ahead: phi + phi² + … (continuous in ``months``)."""
    return phi * (1 - phi ** months) / (1 - phi)


def damped(points: Sequence[Observation], target: dt.date) -> Forecast | None:
    """Last count plus the last-12-months slope, damped by :data:`DAMPING_PER_MONTH` per month ahead."""
    window = last_months(points)
    fitted = _line(window) if len(window) >= 2 else None
    if fitted is None:
        return None
    per_month = fitted[0] * DAYS_PER_MONTH
    last = points[-1]

    def at(day: dt.date) -> float:
        return last.value + per_month * damped_sum((day - last.date).days / DAYS_PER_MONTH)

    span = (target - last.date).days
    days = [last.date + dt.timedelta(days=round(span * k / 6)) for k in range(7)]
    return Forecast(at(target), tuple(window), tuple((d, at(d)) for d in days), per_month * 12)


def last_value(points: Sequence[Observation], target: dt.date) -> Forecast | None:
    """No change: the last count carried forward."""
    last = points[-1]
    return Forecast(float(last.value), (last,), ((last.date, float(last.value)), (target, float(last.value))), 0.0)


FUNCTIONS: dict[str, Callable[[Sequence[Observation], dt.date], Forecast | None]] = {
    "line_all": line_all, "line_12m": line_12m, "damped": damped, "last_value": last_value}


def forecast(method: str, points: Sequence[Observation], target: dt.date) -> Forecast | None:
    """``method``'s forecast for ``target`` from ``points`` (oldest first; None if there are none)."""
    return FUNCTIONS[method](points, target) if points else None
