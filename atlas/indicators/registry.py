"""Indicator definitions (``data/indicators.yaml``), validated on load, and their values (cached per data folder).

Errors name the file and the indicator, e.g. ``data/indicators.yaml, indicator 5 (density): unknown source 'x'``.
Every unit must be in the file's ``units:`` list for its language, and label / unit / description maps may hold
only ``ja``, ``en`` and ``zh``: an unquoted ``{en: per 10,000 residents}`` (which YAML splits into ``per 10`` and
a stray key ``000 residents``) stops the app instead of reaching the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.i18n import LANGS
from atlas.indicators.compute import CHOME, DISTRICT, IndicatorValue, areas
from atlas.loading import read_yaml, require
from atlas.schemas.records import FORMATS as _FORMATS
from atlas.schemas.records import IndicatorRecord, UnitLists
from atlas.sources import sources
from geo.datafile import DataFileError, data_name, shown, validated
from geo.layers import chome_list
from geo.paths import data_dir

DIGITS = {"int": 0, "decimal1": 1, "decimal2": 2, "percent1": 1, "per10k1": 1}
"""Display format -> decimal places (the table, ranking, legend and downloads all round to these)."""
FORMATS = tuple(DIGITS)
assert FORMATS == _FORMATS, "atlas.schemas.records.FORMATS must list the formats of DIGITS"
LEVELS = ("district", "chome")
HIGHER_IS = ("more", "less", "neutral")


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

    @property
    def digits(self) -> int:
        """Decimal places the value is shown (and downloaded) with."""
        return DIGITS[self.format]


def definitions() -> tuple[Indicator, ...]:
    """All indicator definitions in file order, validated."""
    return load_definitions(data_dir() / "indicators.yaml")


def _check_units(units: dict[str, str], allowed: UnitLists, where: str, name: str) -> None:
    for lang in LANGS:
        known = getattr(allowed, lang)
        if units[lang] not in known:
            listed = ", ".join(repr(u) for u in sorted(known))
            raise DataFileError(f"{where}: unit {shown(units[lang])} ({lang}) is not in the 'units' list of {name} "
                                f"(allowed: {listed})")


@cache
def load_definitions(path: Path) -> tuple[Indicator, ...]:
    """Definitions from ``path`` (see :func:`definitions`), each validated by :class:`IndicatorRecord`."""
    name = data_name(path)
    doc = read_yaml(path)
    rows = require(doc, "indicators", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'indicators' must be a list")
    allowed = validated(UnitLists, require(doc, "units", name), f"{name}, units")
    known_sources = sources()
    out: list[Indicator] = []
    for i, row in enumerate(rows, start=1):
        ind_id = row.get("id") if isinstance(row, dict) else None
        where = f"{name}, indicator {i} ({ind_id})" if ind_id else f"{name}, indicator {i}"
        rec = validated(IndicatorRecord, row, where)
        if any(d.id == rec.id for d in out):
            raise DataFileError(f"{where}: duplicate id '{rec.id}'")
        unknown = [s for s in rec.sources if s not in known_sources]
        if unknown:
            raise DataFileError(f"{where}: unknown source {', '.join(repr(s) for s in unknown)} (not in sources.yaml)")
        if rec.id not in DISTRICT:
            raise DataFileError(f"{where}: no computation for '{rec.id}' in atlas/indicators/compute.py")
        if "chome" in rec.levels and rec.id not in CHOME:
            raise DataFileError(f"{where}: no chome-level computation for '{rec.id}' in atlas/indicators/compute.py")
        units = rec.unit.as_dict()
        _check_units(units, allowed, where, name)
        out.append(Indicator(
            id=rec.id, labels=rec.label.as_dict(), units=units, format=rec.format, levels=tuple(rec.levels),
            higher_is=rec.higher_is, descriptions=rec.description.as_dict(), sources=tuple(rec.sources),
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


def district_values(ind_id: str) -> list[IndicatorValue]:
    """Values of ``ind_id`` for the five districts (display order) and then ``ward``.

    >>> [v.value for v in district_values("area_km2")][-1]
    20.37
    """
    return list(_district_values(data_dir(), definition(ind_id).id))


@cache
def _district_values(folder: Path, ind_id: str) -> tuple[IndicatorValue, ...]:
    return tuple(DISTRICT[ind_id](area) for area in areas())


def chome_values(ind_id: str) -> dict[str, float]:
    """KEY_CODE -> value for a chome-level indicator (chome without a value are left out); ValueError otherwise."""
    if "chome" not in definition(ind_id).levels:
        raise ValueError(f"indicator '{ind_id}' has no chome level")
    return dict(_chome_values(data_dir(), ind_id))


@cache
def _chome_values(folder: Path, ind_id: str) -> tuple[tuple[str, float], ...]:
    pairs = ((c.key_code, CHOME[ind_id](c)) for c in chome_list())
    return tuple((key, value) for key, value in pairs if value is not None)
