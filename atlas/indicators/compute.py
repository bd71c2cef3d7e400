"""One computation per indicator: values for the five districts and the ward, and for chome where defined.

Every value carries the source ids it rests on, each with the date of the figures taken from it
(:data:`SourceRef`); None means the source gives no figure date, and :func:`source_date` then falls back to
the record's own ``reference_date`` in ``data/sources.yaml``. No Streamlit, no definitions (see ``registry``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from atlas import facilities
from atlas.districts import districts
from atlas.figures import Observation, latest, series
from atlas.sources import sources
from geo.layers import Chome, chome_list

WARD = "ward"
SourceRef = tuple[str, dt.date | None]
"""A source id and the date of the figures taken from it (None: the source gives no figure date)."""


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value in one area (district slug or ``ward``).

    ``value`` is None when an input is missing. ``as_of`` is the date of the (latest) figure the value rests on;
    ``base_date`` is the earlier date of a comparison (growth indicators), else None. ``refs`` are the sources
    actually used, each with the date of its figures; ``derived`` is True when the value is arithmetic on cited
    figures.
    """

    area: str
    value: float | None
    as_of: dt.date | None
    refs: tuple[SourceRef, ...]
    derived: bool
    base_date: dt.date | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """The source ids of :attr:`refs`, unique, in order."""
        return tuple(dict.fromkeys(sid for sid, _ in self.refs))


def source_date(ref: SourceRef) -> dt.date | None:
    """The figure date of ``ref``, else its source record's ``reference_date`` (None if neither is known)."""
    sid, day = ref
    return day or sources()[sid].reference_date


def areas() -> tuple[str, ...]:
    """The five district slugs in display order, then ``ward``."""
    return (*(d.id for d in districts()), WARD)


def _refs(*items: Observation | SourceRef | None) -> tuple[SourceRef, ...]:
    """Unique (source id, figure date) pairs of observations or literal refs, in order."""
    out: list[SourceRef] = []
    for item in items:
        ref = (item.source, item.date) if isinstance(item, Observation) else item
        if ref is not None and ref not in out:
            out.append(ref)
    return tuple(out)


def _none(area: str, *used: SourceRef) -> IndicatorValue:
    return IndicatorValue(area, None, None, tuple(used), True)


def _measure(measure: str) -> Callable[[str], IndicatorValue]:
    def compute(area: str) -> IndicatorValue:
        o = latest(area, measure)
        if o is None:
            return IndicatorValue(area, None, None, (), False)
        return IndicatorValue(area, float(o.value), o.date, _refs(o), bool(o.derived))

    return compute


def _pair(area: str, first: str, second: str) -> tuple[Observation, Observation] | None:
    """Observations of two measures on the latest date both have, or None."""
    seconds = {o.date: o for o in series(area, second)}
    both = [(o, seconds[o.date]) for o in series(area, first) if o.date in seconds]
    return both[-1] if both else None


def _ratio(numerator: str, denominator: str, scale: float) -> Callable[[str], IndicatorValue]:
    def compute(area: str) -> IndicatorValue:
        pair = _pair(area, numerator, denominator)
        if pair is None or pair[1].value == 0:
            return _none(area)
        top, bottom = pair
        return IndicatorValue(area, top.value / bottom.value * scale, top.date, _refs(top, bottom), True)

    return compute


AREA_SOURCE: SourceRef = ("minato-chise", None)


def official_area(area: str) -> float:
    """Official area in km² of a district, or of the ward (sum of the five)."""
    if area == WARD:
        return round(sum(d.official_area_km2 for d in districts()), 2)
    return next(d.official_area_km2 for d in districts() if d.id == area)


def _area_km2(area: str) -> IndicatorValue:
    return IndicatorValue(area, official_area(area), None, (AREA_SOURCE,), area == WARD)


def _density(area: str) -> IndicatorValue:
    pop = latest(area, "population")
    if pop is None:
        return _none(area, AREA_SOURCE)
    return IndicatorValue(area, pop.value / official_area(area), pop.date, _refs(pop, AREA_SOURCE), True)


def _growth_since_census(area: str) -> IndicatorValue:
    now, census = latest(area, "population"), latest(area, "census_population")
    if now is None or census is None or census.value == 0:
        return _none(area)
    value = (now.value / census.value - 1) * 100
    return IndicatorValue(area, value, now.date, _refs(now, census), True, census.date)


def year_earlier(obs: list[Observation]) -> Observation | None:
    """The observation to compare the last of ``obs`` with: same month a year earlier, else the one 9–15 months
    earlier closest to 12 months (ties: the earlier date); None if there is none."""
    if not obs:
        return None
    last = obs[-1].date

    def months(o: Observation) -> int:
        return (last.year - o.date.year) * 12 + last.month - o.date.month

    window = [o for o in obs if 9 <= months(o) <= 15]
    if not window:
        return None
    return min(window, key=lambda o: (abs(months(o) - 12), abs((last - o.date).days - 365), o.date))


def _growth_last_year(area: str) -> IndicatorValue:
    obs = series(area, "population")
    base = year_earlier(obs)
    if base is None or base.value == 0:
        return _none(area)
    now = obs[-1]
    return IndicatorValue(area, (now.value / base.value - 1) * 100, now.date, _refs(base, now), True, base.date)


def _per_10k(kind: str) -> Callable[[str], IndicatorValue]:
    def compute(area: str) -> IndicatorValue:
        by_district = facilities.counts(kind)
        count = sum(by_district.values()) if area == WARD else by_district[area]
        pop = latest(area, "population")
        ref: SourceRef = (facilities.SOURCE_IDS[kind], None)  # the copy's date is the record's date
        if pop is None or pop.value == 0:
            return _none(area, ref)
        return IndicatorValue(area, count / pop.value * 10_000, pop.date, _refs(ref, pop), True)

    return compute


def _nurseries(area: str) -> IndicatorValue:
    by_district = facilities.counts("nursery")
    count = sum(by_district.values()) if area == WARD else by_district[area]
    sid = facilities.SOURCE_IDS["nursery"]
    return IndicatorValue(area, float(count), sources()[sid].reference_date, ((sid, None),), True)


def _chome_in(area: str) -> list[Chome]:
    return [c for c in chome_list() if area == WARD or c.district == area]


def _census_density(area: str) -> IndicatorValue:
    chome = _chome_in(area)
    land = sum(c.area_m2 for c in chome)
    census = latest(WARD, "census_population")
    as_of = census.date if census else None
    refs: tuple[SourceRef, ...] = (("estat-boundaries-2020", as_of),)
    if land <= 0:
        return IndicatorValue(area, None, as_of, refs, True)
    return IndicatorValue(area, sum(c.pop_2020 for c in chome) / land * 1e6, as_of, refs, True)


def _chome_density(c: Chome) -> float | None:
    return c.pop_2020 / c.area_m2 * 1e6 if c.area_m2 > 0 else None


DISTRICT: dict[str, Callable[[str], IndicatorValue]] = {
    "population": _measure("population"),
    "households": _measure("households"),
    "avg_household_size": _ratio("population", "households", 1),
    "area_km2": _area_km2,
    "density": _density,
    "growth_since_census": _growth_since_census,
    "growth_last_year": _growth_last_year,
    "foreign_residents": _measure("foreign_population"),
    "foreign_share": _ratio("foreign_population", "population", 100),
    "shelters_per_10k": _per_10k("shelter"),
    "evacuation_sites_per_10k": _per_10k("evacuation_site"),
    "nurseries": _nurseries,
    "census_population": _measure("census_population"),
    "census_households": _measure("census_households"),
    "census_density": _census_density,
}
"""Indicator id -> computation of its value in one area (district slug or ``ward``)."""

CHOME: dict[str, Callable[[Chome], float | None]] = {
    "census_population": lambda c: float(c.pop_2020),
    "census_households": lambda c: float(c.households_2020),
    "census_density": _chome_density,
}
"""Indicator id -> computation of its value in one chome, for indicators with a chome level."""
