"""Add the months of a city register page (see :mod:`atlas.register_page`) to ``data/figures/population.csv``.

:func:`plan_refresh` compares the page with the figures held: a month already held must agree value for value
(else the input is refused, naming the row); the other months become new rows citing a new source record (the
page's address, its 更新日 and the day it was read). :func:`apply_refresh` writes ``population.csv`` and
``sources.yaml`` through temporary files, renames them into place, runs the start-up data check, and puts the
old files back if anything fails: nothing is half-written. Refreshed rows are recognised by their source id
(:data:`REFRESH_ID`), so ``tools/build_figures.py`` keeps them when it rebuilds the table from ``../shared``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas import formatting as fmt
from atlas.districts import area_label, districts
from atlas.figures import load_population
from atlas.i18n import LANGS, t
from atlas.loading import csv_records
from atlas.register_page import MEASURES, WARD, RefreshError, RegisterPage
from atlas.schemas.tables import PopulationRow
from atlas.sources import Source, load_sources
from geo.datafile import DataFileError

REFRESH_ID = re.compile(r"^minato-population-\d{4}-read-\d{4}-\d{2}-\d{2}$")
HEADER = ["date", "area", "measure", "value", "source", "derived"]


@dataclass(frozen=True)
class MonthChange:
    """One month of the page: the rows it adds (empty when the month is already held, identically)."""

    date: dt.date
    new: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class RefreshPlan:
    """What a refresh will write: the months (page order, newest first as the city lists them), the source."""

    months: tuple[MonthChange, ...]
    source: dict[str, object]  # the new record of data/sources.yaml (unused when nothing is new)
    source_is_new: bool

    @property
    def rows(self) -> list[list[str]]:
        """The new rows of population.csv."""
        sid = str(self.source["id"])
        return [[m.date.isoformat(), area, measure, str(value), sid, ""]
                for m in self.months for area, values in m.new.items() for measure, value in values.items()]


def plan_refresh(page: RegisterPage, url: str, read: dt.date, data: Path) -> RefreshPlan:
    """Compare ``page`` with the figures in ``data`` and prepare the rows and the source record to add.

    Raises RefreshError on a value that differs from one already held.
    """
    held = {(o.date, o.area, o.measure): o for o in load_population(data / "figures" / "population.csv")}
    months = []
    for month in page.months:
        new: dict[str, dict[str, int]] = {}
        for area, values in month.values.items():
            for measure in MEASURES:
                old = held.get((month.date, area, measure))
                if old is None:
                    new.setdefault(area, {})[measure] = values[measure]
                elif old.value != values[measure]:
                    raise RefreshError("refresh_conflict", n=month.number, date=month.date, area=area, what=measure,
                                       new=f"{values[measure]:,}", held=f"{old.value:,}", source=old.source)
        months.append(MonthChange(month.date, new))
    record, is_new = _source_record(page, url, read, load_sources(data / "sources.yaml"))
    return RefreshPlan(tuple(months), record, is_new)


def _source_record(page: RegisterPage, url: str, read: dt.date, known: dict[str, Source]) -> tuple[dict, bool]:
    """The record citing this page as read on ``read``; publisher, licence and credit as the series' other pages."""
    folder = url.rsplit("/", 1)[0] + "/"
    series = sorted((s for s in known.values() if s.url.startswith(folder)),
                    key=lambda s: (s.reference_date or dt.date.min, s.id))
    if not series:
        raise RefreshError("refresh_no_series", folder=folder)
    year_in_url = re.search(r"(\d{4})\.html?$", url)
    year = int(year_in_url.group(1)) if year_in_url else max(m.date for m in page.months).year
    sid = f"minato-population-{year}-read-{read.isoformat()}"
    if sid in known:
        return {"id": sid}, False
    like = series[-1]
    return {
        "id": sid,
        "title": {lang: t("register_source_title", lang, year=year, read=fmt.date(read, lang)) for lang in LANGS},
        "publisher": like.publisher,
        "url": url,
        "reference_date": page.updated or max(m.date for m in page.months),
        "read_date": read,
        "license": like.license,
        "credit": like.credit,
    }, True


def apply_refresh(plan: RefreshPlan, data: Path, check: bool = True) -> None:
    """Write the plan's rows (and its source record) into ``data``; on any failure restore the old files.

    ``check`` runs the app's start-up data check on the result (the caller's data folder must be ``data``).
    """
    rows = plan.rows
    if not rows:
        return
    population = data / "figures" / "population.csv"
    sources_path = data / "sources.yaml"
    old_population = population.read_bytes()
    old_sources = sources_path.read_bytes()
    new_sources = old_sources + (_record_yaml(plan.source).encode("utf-8") if plan.source_is_new else b"")
    new_population = _merged_csv(old_population.decode("utf-8"), rows).encode("utf-8")
    temps = {sources_path: _temp_copy(sources_path, new_sources), population: _temp_copy(population, new_population)}
    try:
        load_sources(temps[sources_path])  # the whole file, with the new record, validates
        known = load_sources(temps[sources_path])
        for where, row in csv_records(temps[population], PopulationRow):
            if row.source not in known:
                raise DataFileError(f"{where}: source '{row.source}' is not in sources.yaml")
        for path, temp in temps.items():
            os.replace(temp, path)
        if check:
            _check_app_data()
    except Exception:
        sources_path.write_bytes(old_sources)
        population.write_bytes(old_population)
        raise
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        _forget_loaded()


def _temp_copy(path: Path, content: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "wb") as fh:
        fh.write(content)
    return Path(name)


def _merged_csv(text: str, rows: list[list[str]]) -> str:
    """population.csv with ``rows`` added, sorted as tools/build_figures.py sorts (date, area, measure)."""
    records = list(csv.reader(io.StringIO(text)))
    body = sorted(records[1:] + rows, key=lambda r: (r[0], r[1], r[2]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(records[0] if records else HEADER)
    writer.writerows(body)
    return out.getvalue()


def _record_yaml(record: dict[str, object]) -> str:
    """The record as one more item of the ``sources:`` list (appended to the end of data/sources.yaml)."""
    text = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return "".join(f"  {line}\n" for line in text.splitlines())


def _forget_loaded() -> None:
    load_sources.cache_clear()
    load_population.cache_clear()


def _check_app_data() -> None:
    from atlas.checks import load_all  # the whole start-up check, on the files as now written

    _forget_loaded()
    load_all()


def report(plan: RefreshPlan, lang: str) -> list[str]:
    """What changed, month by month and district by district, in ``lang``."""
    lines = []
    names = [WARD, *(d.id for d in districts())]
    for month in sorted(plan.months, key=lambda m: m.date):
        day = fmt.date(month.date, lang)
        if not month.new:
            lines.append(t("refresh_month_held", lang, date=day))
            continue
        count = sum(len(v) for v in month.new.values())
        lines.append(t("refresh_month_new", lang, date=day, n=count))
        for area in (a for a in names if a in month.new):
            shown = {m: (f"{v:,}" if m == "households" else fmt.people(v, lang)) for m, v in month.new[area].items()}
            lines.append("  " + t("refresh_area_line", lang, area=area_label(area, lang),
                                  population=shown.get("population", "—"), households=shown.get("households", "—"),
                                  foreign=shown.get("foreign_population", "—")))
    if plan.rows and plan.source_is_new:
        lines.append(t("refresh_source_added", lang, id=plan.source["id"], url=plan.source["url"]))
    lines.append(t("refresh_done", lang, n=len(plan.rows)) if plan.rows else t("refresh_nothing_new", lang))
    return lines
