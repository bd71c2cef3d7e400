"""Rolling-origin backtest of the candidate estimate methods, the band it sizes, and the method it chooses.

Rules (all computed from ``data/figures/population.csv``; stated on /sources):

- **Cuts**: every register date of a district with at least :data:`MIN_POINTS` counts up to it.
- **Horizon**: the real one is the estimate's target date minus the district's last count before it. A cut is
  checked against every later count whose distance from the cut is within ±:data:`HORIZON_TOLERANCE` (50 %) of
  the real horizon. Only checks that every method can make are kept, so all methods face the same questions.
- **Band**: ± a share of the estimate, the :data:`BAND_LEVEL` (80 %) nearest-rank quantile of the method's
  relative errors |predicted − actual| / predicted over the five districts' checks. A district's *coverage* is the
  share of its checks inside a band sized **without** its own checks (leave one district out), so it is not
  true by construction.
- **Choice**: of the trend methods, the one with the lowest mean relative error over all five districts' checks
  (ties: the simpler, in :data:`atlas.estimate_methods.TREND_METHODS` order). A district gets an estimate only if
  that method's mean absolute error there is below carrying the last count forward (``last_value``); otherwise
  no estimate is shown for it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache

from atlas.districts import districts
from atlas.estimate_methods import METHODS, NAIVE, TREND_METHODS, forecast
from atlas.figures import Observation, population, series

MEASURE = "population"
MIN_POINTS = 3
HORIZON_TOLERANCE = 0.5
BAND_LEVEL = 0.8


@dataclass(frozen=True)
class Check:
    """``method`` fitted on ``area``'s counts up to ``cut`` and compared with the count on ``checked``."""

    area: str
    method: str
    cut: dt.date
    checked: dt.date
    predicted: float
    actual: int

    @property
    def error(self) -> float:
        """Predicted minus actual (people)."""
        return self.predicted - self.actual

    @property
    def relative(self) -> float:
        """|error| as a share of the prediction (what the band is sized by)."""
        return abs(self.error) / self.predicted

    @property
    def horizon(self) -> int:
        """Days from the cut to the checked date."""
        return (self.checked - self.cut).days


@dataclass(frozen=True)
class Record:
    """One method's checks in one district, with the band share sized from the other districts' checks."""

    area: str
    method: str
    checks: tuple[Check, ...]
    band_share: float | None  # leave-one-district-out band (share of the estimate)

    @property
    def n(self) -> int:
        """Number of checks."""
        return len(self.checks)

    @property
    def mae(self) -> float:
        """Mean absolute error (people)."""
        return sum(abs(c.error) for c in self.checks) / self.n if self.checks else math.nan

    @property
    def bias(self) -> float:
        """Mean error (people): positive = the method overestimated."""
        return sum(c.error for c in self.checks) / self.n if self.checks else math.nan

    @property
    def max_error(self) -> float:
        """Largest absolute error (people)."""
        return max((abs(c.error) for c in self.checks), default=math.nan)

    @property
    def covered(self) -> int:
        """Checks whose actual fell inside the leave-one-district-out band."""
        if self.band_share is None:
            return 0
        return sum(abs(c.error) <= self.band_share * c.predicted for c in self.checks)

    @property
    def coverage(self) -> float:
        """Share of checks inside the band (nan without checks)."""
        return self.covered / self.n if self.checks else math.nan


@dataclass(frozen=True)
class Choice:
    """The backtest of every method in every district, the band of each method and the method chosen."""

    target: dt.date
    horizons: dict[str, tuple[int, int, int]]  # area -> (real horizon, lowest, highest accepted) in days
    records: dict[tuple[str, str], Record]  # (method, area) -> record
    band_share: dict[str, float | None]  # method -> band share from all five districts' checks
    pooled_error: dict[str, float]  # method -> mean relative error over all checks (nan without checks)
    method: str | None  # the chosen trend method, None when nothing could be checked
    shown: dict[str, bool]  # area -> whether its estimate is shown

    def record(self, method: str, area: str) -> Record:
        """The record of ``method`` in ``area``."""
        return self.records[(method, area)]

    def pooled_checks(self, method: str) -> list[Check]:
        """All five districts' checks of ``method``."""
        return [c for (m, _), r in self.records.items() if m == method for c in r.checks]


def area_ids() -> list[str]:
    """The five districts' slugs."""
    return [d.id for d in districts()]


def register(area: str) -> list[Observation]:
    """The area's resident-register counts, oldest first."""
    return series(area, MEASURE)


def horizon_window(area: str, target: dt.date) -> tuple[int, int, int] | None:
    """(real horizon, lowest, highest accepted horizon) in days, or None without a count before ``target``."""
    before = [o for o in register(area) if o.date < target]
    if not before:
        return None
    real = (target - before[-1].date).days
    return real, math.ceil(real * (1 - HORIZON_TOLERANCE)), math.floor(real * (1 + HORIZON_TOLERANCE))


def area_checks(area: str, target: dt.date) -> dict[str, list[Check]]:
    """Every method's rolling-origin checks in ``area`` (the same cut/checked pairs for every method)."""
    out: dict[str, list[Check]] = {m: [] for m in METHODS}
    window = horizon_window(area, target)
    counts = register(area)
    if window is None:
        return out
    _, low, high = window
    for i, cut in enumerate(counts):
        if i + 1 < MIN_POINTS:
            continue
        for later in counts[i + 1:]:
            if not low <= (later.date - cut.date).days <= high:
                continue
            made = {m: forecast(m, counts[:i + 1], later.date) for m in METHODS}
            if any(f is None for f in made.values()):
                continue
            for m, f in made.items():
                out[m].append(Check(area, m, cut.date, later.date, f.value, later.value))  # type: ignore[union-attr]
    return out


def quantile_share(checks: list[Check], level: float = BAND_LEVEL) -> float | None:
    """Nearest-rank ``level`` quantile of the checks' relative errors (None without checks)."""
    if not checks:
        return None
    ordered = sorted(c.relative for c in checks)
    return ordered[math.ceil(level * len(ordered)) - 1]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def run(target: dt.date) -> Choice:
    """The backtest for estimates on ``target`` (kept per state of the population figures and target)."""
    return _run(population(), target)


@cache
def _run(_figures: tuple[Observation, ...], target: dt.date) -> Choice:
    areas = area_ids()
    by_area = {a: area_checks(a, target) for a in areas}
    records: dict[tuple[str, str], Record] = {}
    band: dict[str, float | None] = {}
    pooled: dict[str, float] = {}
    for m in METHODS:
        everything = [c for a in areas for c in by_area[a][m]]
        band[m] = quantile_share(everything)
        pooled[m] = _mean([c.relative for c in everything])
        for a in areas:
            others = [c for b in areas if b != a for c in by_area[b][m]]
            records[(m, a)] = Record(a, m, tuple(by_area[a][m]), quantile_share(others))
    checked = [m for m in TREND_METHODS if not math.isnan(pooled[m])]
    method = min(checked, key=lambda m: (pooled[m], TREND_METHODS.index(m))) if checked else None
    shown = {a: method is not None and records[(method, a)].n > 0
             and records[(method, a)].mae < records[(NAIVE, a)].mae for a in areas}
    horizons = {a: w for a in areas if (w := horizon_window(a, target)) is not None}
    return Choice(target, horizons, records, band, pooled, method, shown)
