"""Indicator definitions (``data/indicators.yaml``), validated on load, and their values (cached per data folder).

Errors name the file and the indicator, e.g. ``indicators.yaml, indicator 5 (density): unknown source 'x'``.
Every unit must be in the file's ``units:`` list for its language, and label / unit / description maps may hold
only ``ja``, ``en`` and ``zh``: an unquoted ``{en: per 10,000 residents}`` (which YAML splits into ``per 10`` and
a stray key ``000 residents``) stops the app instead of reaching the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.i18n import LANGS
from atlas.indicators.compute import CHOME, DISTRICT, IndicatorValue, areas
from atlas.loading import read_yaml, require
from atlas.sources import sources
from geo.layers import DataFileError, chome_list
from geo.paths import data_dir

DIGITS = {"int": 0, "decimal1": 1, "decimal2": 2, "percent1": 1, "per10k1": 1}
"""Display format -> decimal places (the table, ranking, legend and downloads all round to these)."""
FORMATS = tuple(DIGITS)
LEVELS = ("district", "chome")
HIGHER_IS = ("more", "less", "neutral")
ID = re.compile(r"^[a-z][a-z0-9_]*$")


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


def _texts(row: dict, key: str, where: str) -> dict[str, str]:
    """The ja/en/zh texts of ``row[key]``; a missing language or any other key is an error."""
    texts = require(row, key, where)
    if not isinstance(texts, dict):
        raise DataFileError(f"{where}: '{key}' must map ja/en/zh to text")
    stray = [str(k) for k in texts if k not in LANGS]
    if stray:
        raise DataFileError(f"{where}: '{key}' has unknown key(s) {', '.join(repr(k) for k in stray)} "
                            f"(only {', '.join(LANGS)}; quote a text that holds a comma)")
    for lang in LANGS:
        value = texts.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise DataFileError(f"{where}: '{key}' has no '{lang}' text")
    return {lang: texts[lang].strip() for lang in LANGS}


def _allowed_units(doc: object, name: str) -> dict[str, frozenset[str]]:
    """The ``units:`` section: language -> the unit texts indicators may use."""
    units = require(doc, "units", name)
    if not isinstance(units, dict) or set(units) != set(LANGS):
        raise DataFileError(f"{name}, units: must list the allowed units for exactly {', '.join(LANGS)}")
    out: dict[str, frozenset[str]] = {}
    for lang in LANGS:
        items = units[lang]
        if not isinstance(items, list) or not items or not all(isinstance(u, str) and u.strip() for u in items):
            raise DataFileError(f"{name}, units: '{lang}' must be a non-empty list of unit texts")
        out[lang] = frozenset(u.strip() for u in items)
    return out


def _check_units(units: dict[str, str], allowed: dict[str, frozenset[str]], where: str, name: str) -> None:
    for lang in LANGS:
        if units[lang] not in allowed[lang]:
            known = ", ".join(repr(u) for u in sorted(allowed[lang]))
            raise DataFileError(f"{where}: unit {units[lang]!r} ({lang}) is not in the 'units' list of {name} "
                                f"(allowed: {known})")


@cache
def load_definitions(path: Path) -> tuple[Indicator, ...]:
    """Definitions from ``path`` (see :func:`definitions`)."""
    doc = read_yaml(path)
    rows = require(doc, "indicators", path.name)
    if not isinstance(rows, list):
        raise DataFileError(f"{path.name}: 'indicators' must be a list")
    allowed = _allowed_units(doc, path.name)
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
        if ind_id not in DISTRICT:
            raise DataFileError(f"{where}: no computation for '{ind_id}' in atlas/indicators/compute.py")
        if "chome" in levels and ind_id not in CHOME:
            raise DataFileError(f"{where}: no chome-level computation for '{ind_id}' in atlas/indicators/compute.py")
        labels, units = _texts(row, "label", where), _texts(row, "unit", where)
        _check_units(units, allowed, where, path.name)
        out.append(Indicator(
            id=ind_id, labels=labels, units=units, format=fmt, levels=tuple(levels), higher_is=higher_is,
            descriptions=_texts(row, "description", where), sources=tuple(ids),
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
