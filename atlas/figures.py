"""Figure tables in ``data/figures/`` (population by month, budgets), validated on load.

Every row carries a source id that must resolve in ``data/sources.yaml``; errors name the file and row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.districts import districts
from atlas.i18n import LANGS
from atlas.loading import csv_field, csv_rows, read_yaml, require
from atlas.sources import sources
from geo.layers import DataFileError
from geo.paths import data_dir

AREAS_EXTRA = ("ward",)
MEASURES = ("population", "households", "foreign_population", "census_population", "census_households")
BUDGET_KINDS = ("initial_budget", "settlement_revenue", "settlement_expenditure")
RELIABILITY = ("official", "secondary")


@dataclass(frozen=True)
class Observation:
    """One figure: ``value`` of ``measure`` in ``area`` on ``date``."""

    date: dt.date
    area: str
    measure: str
    value: int
    source: str
    derived: str = ""


@dataclass(frozen=True)
class BudgetFigure:
    """A general-account amount (億円) for a fiscal year."""

    fiscal_year: int
    kind: str
    amount_oku_yen: float
    source: str
    reliability: str
    note: str = ""


def _source(rec: dict[str, str], where: str) -> str:
    sid = csv_field(rec, "source", where)
    if sid not in sources():
        raise DataFileError(f"{where}: source '{sid}' is not in sources.yaml")
    return sid


def population() -> tuple[Observation, ...]:
    """All population observations, sorted by date."""
    return load_population(data_dir() / "figures" / "population.csv")


@cache
def load_population(path: Path) -> tuple[Observation, ...]:
    """Observations from ``path`` (see :func:`population`)."""
    areas = {d.id for d in districts()} | set(AREAS_EXTRA)
    out = []
    for where, rec in csv_rows(path):
        try:
            date = dt.date.fromisoformat(csv_field(rec, "date", where))
            value = int(csv_field(rec, "value", where))
        except ValueError as exc:
            raise DataFileError(f"{where}: {exc}") from exc
        area, measure = csv_field(rec, "area", where), csv_field(rec, "measure", where)
        if area not in areas:
            raise DataFileError(f"{where}: unknown area '{area}'")
        if measure not in MEASURES:
            raise DataFileError(f"{where}: unknown measure '{measure}'")
        if value < 0:
            raise DataFileError(f"{where}: negative value {value}")
        out.append(Observation(date, area, measure, value, _source(rec, where), rec.get("derived") or ""))
    return tuple(sorted(out, key=lambda o: (o.date, o.area, o.measure)))


def series(area: str, measure: str) -> list[Observation]:
    """Observations of one area and measure in date order."""
    return [o for o in population() if o.area == area and o.measure == measure]


def latest(area: str, measure: str) -> Observation | None:
    """The most recent observation, or None."""
    found = series(area, measure)
    return found[-1] if found else None


@dataclass(frozen=True)
class BudgetNote:
    """A note drawn beside one bar of the budget chart (e.g. a one-off fund transfer inside a budget)."""

    fiscal_year: int
    kind: str
    source: str
    text: dict[str, str]


def budget_notes() -> tuple[BudgetNote, ...]:
    """Notes on single budget bars, each matching a row of budget.csv (same year, kind and source)."""
    return load_budget_notes(data_dir() / "figures" / "budget_notes.yaml")


@cache
def load_budget_notes(path: Path) -> tuple[BudgetNote, ...]:
    """Budget notes from ``path`` (see :func:`budget_notes`); each must match a budget row."""
    rows = require(read_yaml(path), "notes", path.name)
    if not isinstance(rows, list):
        raise DataFileError(f"{path.name}: 'notes' must be a list")
    known = {(b.fiscal_year, b.kind, b.source) for b in budget()}
    out = []
    for i, row in enumerate(rows, start=1):
        where = f"{path.name}, note {i}"
        text = require(row, "text", where)
        if not isinstance(text, dict) or any(not isinstance(text.get(lang), str) or not text[lang].strip()
                                             for lang in LANGS):
            raise DataFileError(f"{where}: 'text' must give ja, en and zh")
        key = (require(row, "fiscal_year", where), require(row, "kind", where), require(row, "source", where))
        if key not in known:
            raise DataFileError(f"{where}: no row of budget.csv has fiscal_year, kind and source {key}")
        out.append(BudgetNote(key[0], key[1], key[2], {lang: text[lang].strip() for lang in LANGS}))
    return tuple(out)


def budget() -> tuple[BudgetFigure, ...]:
    """All budget figures by fiscal year."""
    return load_budget(data_dir() / "figures" / "budget.csv")


@cache
def load_budget(path: Path) -> tuple[BudgetFigure, ...]:
    """Budget figures from ``path`` (see :func:`budget`)."""
    out = []
    for where, rec in csv_rows(path):
        try:
            year = int(csv_field(rec, "fiscal_year", where))
            amount = float(csv_field(rec, "amount_oku_yen", where))
        except ValueError as exc:
            raise DataFileError(f"{where}: {exc}") from exc
        kind, reliability = csv_field(rec, "kind", where), csv_field(rec, "reliability", where)
        if kind not in BUDGET_KINDS:
            raise DataFileError(f"{where}: unknown kind '{kind}'")
        if reliability not in RELIABILITY:
            raise DataFileError(f"{where}: reliability must be one of {RELIABILITY}")
        out.append(BudgetFigure(year, kind, amount, _source(rec, where), reliability, rec.get("note") or ""))
    return tuple(sorted(out, key=lambda b: (b.fiscal_year, b.kind)))
