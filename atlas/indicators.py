"""Indicator registry (``data/indicators.yaml``) turned into computed values per district, ward and chome.

Each indicator is defined once in the YAML (labels, units, format, levels, sources, how it is computed) and has
one computation here. Definitions are validated on load; errors name the file and the indicator, e.g.
``indicators.yaml, indicator 5 (density): unknown source 'x'``. Definitions and values are cached per data folder.

>>> [v.value for v in district_values("area_km2")][-1]
20.37
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from atlas import facilities
from atlas.districts import area_label, districts
from atlas.figures import Observation, latest, series
from atlas.i18n import LANGS
from atlas.loading import read_yaml, require
from atlas.sources import sources
from geo.layers import Chome, DataFileError, chome_list
from geo.paths import data_dir

FORMATS = ("int", "decimal1", "decimal2", "percent1", "per10k1")
LEVELS = ("district", "chome")
HIGHER_IS = ("more", "less", "neutral")
WARD = "ward"
MISSING = "—"
ID = re.compile(r"^[a-z][a-z0-9_]*$")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
COLUMN_NAMES = {"area": {"ja": "ID", "en": "ID", "zh": "ID"}, "name": {"ja": "地区", "en": "District", "zh": "地区"}}


@dataclass(frozen=True)
class Indicator:
    """One indicator definition from ``data/indicators.yaml``."""

    id: str
    labels: dict[str, str]
    units: dict[str, str]
    format: str
    levels: tuple[str, ...]
    higher_is: str
    descriptions: dict[str, str]
    sources: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.labels[lang]

    def unit(self, lang: str) -> str:
        return self.units[lang]

    def description(self, lang: str) -> str:
        return self.descriptions[lang]


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value in one area (district slug or ``ward``).

    ``value`` is None when an input is missing. ``as_of`` is the date of the (latest) figure the value rests on;
    ``base_date`` is the earlier date of a comparison (growth indicators), else None. ``sources`` are the source
    ids actually used; ``derived`` is True when the value is arithmetic on cited figures.
    """

    area: str
    value: float | None
    as_of: dt.date | None
    sources: tuple[str, ...]
    derived: bool
    base_date: dt.date | None = None


# --- definitions -------------------------------------------------------------------------------------------------


def definitions() -> tuple[Indicator, ...]:
    """All indicator definitions in file order, validated."""
    return load_definitions(data_dir() / "indicators.yaml")


def _texts(row: dict, key: str, where: str) -> dict[str, str]:
    texts = require(row, key, where)
    if not isinstance(texts, dict):
        raise DataFileError(f"{where}: '{key}' must map ja/en/zh to text")
    for lang in LANGS:
        value = texts.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise DataFileError(f"{where}: '{key}' has no '{lang}' text")
    return {lang: texts[lang].strip() for lang in LANGS}


@cache
def load_definitions(path: Path) -> tuple[Indicator, ...]:
    """Definitions from ``path`` (see :func:`definitions`)."""
    rows = require(read_yaml(path), "indicators", path.name)
    if not isinstance(rows, list):
        raise DataFileError(f"{path.name}: 'indicators' must be a list")
    known_sources = sources()
    out: list[Indicator] = []
    for i, row in enumerate(rows, start=1):
        ind_id = row.get("id") if isinstance(row, dict) else None
        where = f"{path.name}, indicator {i} ({ind_id})" if ind_id else f"{path.name}, indicator {i}"
        ind_id = str(require(row, "id", where))
        if not ID.match(ind_id):
            raise DataFileError(f"{where}: id must be snake_case")
        if any(d.id == ind_id for d in out):
            raise DataFileError(f"{where}: duplicate id '{ind_id}'")
        fmt = require(row, "format", where)
        if fmt not in FORMATS:
            raise DataFileError(f"{where}: unknown format '{fmt}' (known: {', '.join(FORMATS)})")
        levels = require(row, "levels", where)
        if not isinstance(levels, list) or levels not in (["district"], ["district", "chome"]):
            raise DataFileError(f"{where}: levels must be [district] or [district, chome]")
        higher_is = require(row, "higher_is", where)
        if higher_is not in HIGHER_IS:
            raise DataFileError(f"{where}: higher_is must be one of {', '.join(HIGHER_IS)}")
        ids = require(row, "sources", where)
        if not isinstance(ids, list) or not all(isinstance(s, str) for s in ids):
            raise DataFileError(f"{where}: sources must be a list of source ids")
        unknown = [s for s in ids if s not in known_sources]
        if unknown:
            raise DataFileError(f"{where}: unknown source {', '.join(repr(s) for s in unknown)} (not in sources.yaml)")
        if ind_id not in _DISTRICT:
            raise DataFileError(f"{where}: no computation for '{ind_id}' in atlas/indicators.py")
        if "chome" in levels and ind_id not in _CHOME:
            raise DataFileError(f"{where}: no chome-level computation for '{ind_id}' in atlas/indicators.py")
        out.append(Indicator(
            id=ind_id, labels=_texts(row, "label", where), units=_texts(row, "unit", where), format=fmt,
            levels=tuple(levels), higher_is=higher_is, descriptions=_texts(row, "description", where),
            sources=tuple(ids),
        ))
    return tuple(out)


def indicator_ids() -> list[str]:
    """Indicator ids in display order."""
    return [d.id for d in definitions()]


def definition(ind_id: str) -> Indicator:
    """The definition of ``ind_id``; KeyError for an unknown id."""
    for d in definitions():
        if d.id == ind_id:
            return d
    raise KeyError(f"unknown indicator '{ind_id}'")


def areas() -> tuple[str, ...]:
    """The five district slugs in display order, then ``ward``."""
    return (*(d.id for d in districts()), WARD)


# --- computations ------------------------------------------------------------------------------------------------


def _ids(*obs: Observation | str | None) -> tuple[str, ...]:
    """Unique source ids of observations (or literal ids), in order."""
    out: list[str] = []
    for o in obs:
        sid = o if isinstance(o, str) else o.source if o is not None else None
        if sid and sid not in out:
            out.append(sid)
    return tuple(out)


def _none(area: str, *used: str) -> IndicatorValue:
    return IndicatorValue(area, None, None, tuple(used), True)


def _measure(measure: str) -> Callable[[str], IndicatorValue]:
    def compute(area: str) -> IndicatorValue:
        o = latest(area, measure)
        if o is None:
            return IndicatorValue(area, None, None, (), False)
        return IndicatorValue(area, float(o.value), o.date, (o.source,), bool(o.derived))

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
        return IndicatorValue(area, top.value / bottom.value * scale, top.date, _ids(top, bottom), True)

    return compute


def _official_area(area: str) -> float:
    if area == WARD:
        return round(sum(d.official_area_km2 for d in districts()), 2)
    return next(d.official_area_km2 for d in districts() if d.id == area)


def _area_km2(area: str) -> IndicatorValue:
    return IndicatorValue(area, _official_area(area), None, ("minato-chise",), area == WARD)


def _density(area: str) -> IndicatorValue:
    pop = latest(area, "population")
    if pop is None:
        return _none(area, "minato-chise")
    return IndicatorValue(area, pop.value / _official_area(area), pop.date, _ids(pop, "minato-chise"), True)


def _growth_since_census(area: str) -> IndicatorValue:
    now, census = latest(area, "population"), latest(area, "census_population")
    if now is None or census is None or census.value == 0:
        return _none(area)
    value = (now.value / census.value - 1) * 100
    return IndicatorValue(area, value, now.date, _ids(now, census), True, census.date)


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
    return IndicatorValue(area, (now.value / base.value - 1) * 100, now.date, _ids(base, now), True, base.date)


def _per_10k(kind: str) -> Callable[[str], IndicatorValue]:
    def compute(area: str) -> IndicatorValue:
        by_district = facilities.counts(kind)
        count = sum(by_district.values()) if area == WARD else by_district[area]
        pop = latest(area, "population")
        sid = facilities.SOURCE_IDS[kind]
        if pop is None or pop.value == 0:
            return _none(area, sid)
        return IndicatorValue(area, count / pop.value * 10_000, pop.date, _ids(sid, pop), True)

    return compute


def _nurseries(area: str) -> IndicatorValue:
    by_district = facilities.counts("nursery")
    count = sum(by_district.values()) if area == WARD else by_district[area]
    sid = facilities.SOURCE_IDS["nursery"]
    return IndicatorValue(area, float(count), sources()[sid].reference_date, (sid,), True)


def _chome_in(area: str) -> list[Chome]:
    return [c for c in chome_list() if area == WARD or c.district == area]


def _census_density(area: str) -> IndicatorValue:
    chome = _chome_in(area)
    land = sum(c.area_m2 for c in chome)
    census = latest(WARD, "census_population")
    as_of = census.date if census else None
    if land <= 0:
        return IndicatorValue(area, None, as_of, ("estat-boundaries-2020",), True)
    value = sum(c.pop_2020 for c in chome) / land * 1e6
    return IndicatorValue(area, value, as_of, ("estat-boundaries-2020",), True)


def _chome_density(c: Chome) -> float | None:
    return c.pop_2020 / c.area_m2 * 1e6 if c.area_m2 > 0 else None


_DISTRICT: dict[str, Callable[[str], IndicatorValue]] = {
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
_CHOME: dict[str, Callable[[Chome], float | None]] = {
    "census_population": lambda c: float(c.pop_2020),
    "census_households": lambda c: float(c.households_2020),
    "census_density": _chome_density,
}


def district_values(ind_id: str) -> list[IndicatorValue]:
    """Values of ``ind_id`` for the five districts (display order) and then ``ward``."""
    return list(_district_values(data_dir(), definition(ind_id).id))


@cache
def _district_values(folder: Path, ind_id: str) -> tuple[IndicatorValue, ...]:
    return tuple(_DISTRICT[ind_id](area) for area in areas())


def chome_values(ind_id: str) -> dict[str, float]:
    """KEY_CODE -> value for a chome-level indicator (chome without a value are left out); ValueError otherwise."""
    if "chome" not in definition(ind_id).levels:
        raise ValueError(f"indicator '{ind_id}' has no chome level")
    return dict(_chome_values(data_dir(), ind_id))


@cache
def _chome_values(folder: Path, ind_id: str) -> tuple[tuple[str, float], ...]:
    pairs = ((c.key_code, _CHOME[ind_id](c)) for c in chome_list())
    return tuple((key, value) for key, value in pairs if value is not None)


# --- presentation ------------------------------------------------------------------------------------------------


def format_number(fmt: str, value: float | None) -> str:
    """The number alone in ``fmt``; None or NaN -> '—'.

    >>> format_number("int", 9921.4), format_number("decimal2", 4.45), format_number("percent1", -0.04)
    ('9,921', '4.45', '0.0')
    """
    if value is None or not math.isfinite(value):
        return MISSING
    digits = {"int": 0, "decimal1": 1, "decimal2": 2, "percent1": 1, "per10k1": 1}[fmt]
    text = f"{value:,.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0.0"


def format_value(ind_id: str, value: float | None, lang: str) -> str:
    """``value`` of ``ind_id`` with its unit in ``lang``.

    >>> format_value("population", 44149, "ja"), format_value("population", 44149, "en")
    ('44,149人', '44,149 people')
    >>> format_value("foreign_share", 8.94, "en"), format_value("density", None, "zh")
    ('8.9%', '—')
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}'")
    d = definition(ind_id)
    number = format_number(d.format, value)
    if number == MISSING:
        return number
    unit = d.unit(lang)
    sep = " " if lang == "en" and not unit.startswith("%") else ""
    return f"{number}{sep}{unit}"


def area_name(area: str, lang: str) -> str:
    """District name in ``lang``, or the whole-ward label for ``ward``."""
    return area_label(area, lang)


def table(lang: str) -> pd.DataFrame:
    """One row per area (five districts, then ``ward``): ``area`` slug, ``name`` in ``lang``, then one column per
    indicator id with raw values (NaN where missing). As-of dates and sources: :func:`district_values`."""
    data: dict[str, list] = {"area": list(areas()), "name": [area_name(a, lang) for a in areas()]}
    for ind_id in indicator_ids():
        data[ind_id] = [math.nan if v.value is None else v.value for v in district_values(ind_id)]
    return pd.DataFrame(data)


def column_labels(lang: str) -> dict[str, str]:
    """Column -> header in ``lang`` for :func:`table` (``label (unit)`` for indicators)."""
    out = {col: names[lang] for col, names in COLUMN_NAMES.items()}
    return out | {d.id: f"{d.label(lang)} ({d.unit(lang)})" for d in definitions()}


def _neutralise(cell: object) -> object:
    """Prefix a quote to strings a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def csv_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as CSV in UTF-8 with a BOM (Excel opens it correctly), without the index.

    String cells and headers starting with = + - @ tab or CR get a leading ``'`` so spreadsheets do not run them
    as formulas; numeric cells (including negative numbers) are written as numbers.
    """
    out = df.copy()
    out.columns = [_neutralise(str(c)) for c in df.columns]
    for i in range(out.shape[1]):
        if not pd.api.types.is_numeric_dtype(out.iloc[:, i]):
            out.isetitem(i, out.iloc[:, i].astype(object).map(_neutralise))
    return ("\ufeff" + out.to_csv(index=False, lineterminator="\n")).encode("utf-8")
