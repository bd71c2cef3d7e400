"""Figure tables, estimates, formatting, charts and key figures."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from atlas import formatting as fmt
from atlas.districts import districts
from atlas.figures import budget, latest, load_budget, load_population, population, series
from atlas.offices import branch_office, offices
from atlas.profile import key_figures
from atlas.sources import sources
from geo.layers import DataFileError
from geo.lookup import locate
from geo.paths import DATA_DIR, DEFAULT_SHARED
from tools import build_figures

SLUGS = [d.id for d in districts()]


def test_every_row_has_a_resolving_source() -> None:
    for row in [*population(), *budget()]:
        assert row.source in sources()


def test_district_totals_sum_to_the_ward_total_each_month() -> None:
    """FACTS.md: e.g. on 2026-02-01 the five districts sum to the printed ward total 270,068."""
    ward = {o.date: o.value for o in series("ward", "population")}
    checked = 0
    for day, total in ward.items():
        parts = [o.value for o in population() if o.date == day and o.measure == "population" and o.area in SLUGS]
        if len(parts) == 5:
            assert sum(parts) == total, day
            checked += 1
    assert checked >= 5
    assert latest("ward", "population").value == sum(latest(s, "population").value for s in SLUGS)


def test_census_districts_sum_to_land_population() -> None:
    land = sum(latest(s, "census_population").value for s in SLUGS)
    ward = latest("ward", "census_population").value
    assert 0 <= ward - land < 100  # the ward total also counts residents of water survey areas


def test_budget_gaps_stay_gaps() -> None:
    initial = {b.fiscal_year: b for b in budget() if b.kind == "initial_budget"}
    assert 2021 not in initial  # no official or secondary figure found
    assert initial[2026].reliability == "secondary"


def test_city_figures_replace_secondary_ones_as_printed() -> None:
    """tools/budget_official.csv: the city's figures (printed in million yen) become 億円 rows citing their page."""
    with open(build_figures.OFFICIAL_BUDGET, encoding="utf-8") as fh:
        printed = list(csv.DictReader(fh))
    assert printed
    rows = {(b.fiscal_year, b.kind): b for b in budget()}
    for rec in printed:
        row = rows[(int(rec["fiscal_year"]), rec["kind"])]
        assert row.amount_oku_yen * float(build_figures.TO_OKU[rec["unit"]]) == pytest.approx(float(rec["amount"]))
        assert (row.source, row.reliability) == (rec["source"], "official")
        assert sources()[row.source].url == rec["url"]
        assert f"{int(rec['amount']):,}" in rec["as_printed"]


@pytest.fixture
def figures_copy(data_copy: Path) -> Path:
    return data_copy / "figures"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2026-02-01,ward,population,270068,no-such-source,", "row 2: source 'no-such-source'"),
        ("2026-13-01,ward,population,270068,minato-population-2026,",
         "row 2: date must be a YYYY-MM-DD date, not '2026-13-01'"),
        ("2026-02-01,atlantis,population,1,minato-population-2026,", "row 2: unknown area 'atlantis'"),
        ("2026-02-01,ward,population,-5,minato-population-2026,",
         "row 2: value must be greater than or equal to 0, not '-5'"),
        ("2026-02-01,ward,population,lots,minato-population-2026,", "row 2: value must be a whole number, not 'lots'"),
        ("2026-02-01,ward,,270068,minato-population-2026,", "row 2: missing field 'measure'"),
    ],
)
def test_broken_population_rows_are_named(figures_copy: Path, line: str, message: str) -> None:
    path = figures_copy / "population.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{header}\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="population.csv") as err:
        load_population(path)
    assert message in str(err.value)


def test_broken_budget_row_is_named(figures_copy: Path) -> None:
    path = figures_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("official", "rumour")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"budget.csv, row 4: reliability"):
        load_budget(path)


def test_missing_figures_file_is_named(figures_copy: Path) -> None:
    (figures_copy / "budget.csv").unlink()
    with pytest.raises(DataFileError, match="budget.csv: file is missing"):
        load_budget(figures_copy / "budget.csv")


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [(5739, "ja", "5,739億円"), (5739, "zh", "5,739亿日元"), (5739, "en", "¥573.9 billion"),
     (2043.2, "ja", "2,043.2億円")],
)
def test_oku_yen_per_locale(value: float, lang: str, text: str) -> None:
    assert fmt.oku_yen(value, lang) == text


def test_dates_and_people_per_locale() -> None:
    day = dt.date(2027, 1, 1)
    expected = ("2027年1月1日", "2027年1月1日", "1 Jan 2027")
    assert (fmt.date(day, "ja"), fmt.date(day, "zh"), fmt.date(day, "en")) == expected
    assert (fmt.people(282317, "zh"), fmt.people(282317, "en")) == ("282,317人", "282,317")


@pytest.mark.parametrize("slug", [None, *SLUGS])
def test_every_key_figure_has_a_resolving_source(slug: str | None) -> None:
    lines = key_figures(slug, "ja")
    assert len(lines) >= 5
    for line in lines:
        assert line.refs and all(sid in sources() for sid, _ in line.refs), line.label
        assert line.value


def test_each_branch_office_lies_in_its_district() -> None:
    for slug in SLUGS:
        office = branch_office(slug)
        assert locate(office.lat, office.lng).district == slug
    assert branch_office(None).name_ja == "港区役所"
    assert len(offices()) == 7


@pytest.mark.skipif(not (DEFAULT_SHARED / "data/facts").is_dir(), reason="../shared not beside the project")
def test_figures_build_is_reproducible(tmp_path: Path) -> None:
    build_figures.build(DEFAULT_SHARED, tmp_path)
    for name in ("population.csv", "budget.csv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / "figures" / name).read_bytes(), name
