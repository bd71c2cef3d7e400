"""Figure tables in ``data/figures/`` (population by month, budgets), validated on load.

Every row carries a source id that must resolve in ``data/sources.yaml``; errors name the file and row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.derivations import Derivation, parse
from atlas.districts import districts
from atlas.i18n import t
from atlas.loading import csv_records, read_yaml, require
from atlas.schemas.records import BUDGET_KINDS, BudgetNoteRecord
from atlas.schemas.tables import MEASURES, RELIABILITY, BudgetRow, PopulationRow
from atlas.sources import sources
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir

__all__ = ["BUDGET_KINDS", "MEASURES", "RELIABILITY", "BudgetFigure", "BudgetNote", "Observation", "budget",
           "budget_notes", "latest", "load_budget", "load_budget_notes", "load_population", "population", "series"]
AREAS_EXTRA = ("ward",)


@dataclass(frozen=True)
class Observation:
    """One figure: ``value`` of ``measure`` in ``area`` on ``date``; ``derived`` is the file's own cell, and
    ``derivation`` that cell parsed (:mod:`atlas.derivations`), to be shown in the view's language."""

    date: dt.date
    area: str
    measure: str
    value: int
    source: str
    derived: str = ""
    derivation: Derivation | None = None

    def derived_text(self, lang: str) -> str:
        """How the value was derived, in ``lang`` ('' for a value taken as published)."""
        return self.derivation.text(lang) if self.derivation else ""


@dataclass(frozen=True)
class BudgetFigure:
    """A general-account amount (億円) for a fiscal year."""

    fiscal_year: int
    kind: str
    amount_oku_yen: float
    source: str
    reliability: str
    note: str = ""


def _source(sid: str, where: str) -> str:
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
    for where, row in csv_records(path, PopulationRow):
        if row.area not in areas:
            raise DataFileError(f"{where}: unknown area '{row.area}'")
        out.append(Observation(row.date, row.area, row.measure, row.value, _source(row.source, where), row.derived,
                               parse(row.derived, where)))
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
    """A note on one budget row (e.g. a one-off fund transfer inside a budget): in the data table, and beside the
    bar on the chart when ``on_chart``. The sources are Japanese publications, so en and zh are our translations."""

    fiscal_year: int
    kind: str
    source: str
    text: dict[str, str]
    on_chart: bool = True

    def shown(self, lang: str) -> str:
        """The note in ``lang``, with the translation mark in en and zh."""
        return self.text[lang] if lang == "ja" else f"{self.text[lang]} {t('mark_translation', lang)}"


def budget_notes() -> tuple[BudgetNote, ...]:
    """Notes on single budget bars, each matching a row of budget.csv (same year, kind and source)."""
    return load_budget_notes(data_dir() / "figures" / "budget_notes.yaml")


@cache
def load_budget_notes(path: Path) -> tuple[BudgetNote, ...]:
    """Budget notes from ``path`` (see :func:`budget_notes`); each must match a budget row."""
    name = data_name(path)
    rows = require(read_yaml(path), "notes", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'notes' must be a list")
    known = {(b.fiscal_year, b.kind, b.source) for b in budget()}
    out = []
    for i, row in enumerate(rows, start=1):
        where = f"{name}, note {i}"
        rec = validated(BudgetNoteRecord, row, where)
        key = (rec.fiscal_year, rec.kind, rec.source)
        if key not in known:
            raise DataFileError(f"{where}: no row of budget.csv has fiscal_year, kind and source {key}")
        out.append(BudgetNote(rec.fiscal_year, rec.kind, rec.source, rec.text.as_dict(), rec.on_chart))
    return tuple(out)


def budget() -> tuple[BudgetFigure, ...]:
    """All budget figures by fiscal year."""
    return load_budget(data_dir() / "figures" / "budget.csv")


@cache
def load_budget(path: Path) -> tuple[BudgetFigure, ...]:
    """Budget figures from ``path`` (see :func:`budget`)."""
    out = [BudgetFigure(row.fiscal_year, row.kind, row.amount_oku_yen, _source(row.source, where), row.reliability,
                        row.note) for where, row in csv_records(path, BudgetRow)]
    return tuple(sorted(out, key=lambda b: (b.fiscal_year, b.kind)))
