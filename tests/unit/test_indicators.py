"""Indicator registry, facility tables and CSV export, hand-checked against FACTS.md where it prints a number."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from atlas import facilities
from atlas import indicators as ind
from atlas.districts import districts
from atlas.figures import Observation, latest, series
from atlas.i18n import LANGS
from atlas.sources import sources
from geo.layers import DataFileError, chome_list
from geo.paths import DATA_DIR, DEFAULT_SHARED, data_dir
from tools import build_facilities

SLUGS = [d.id for d in districts()]
AREAS = [*SLUGS, "ward"]
DENSITY_TAIL = "    levels: [district]\n    higher_is: neutral\n    description:\n      ja: 住民基本台帳の最新人口"


def values(ind_id: str) -> dict[str, float | None]:
    return {v.area: v.value for v in ind.district_values(ind_id)}


# --- hand checks against FACTS.md ---------------------------------------------------------------------------------


def test_district_populations_sum_to_the_printed_ward_total() -> None:
    """FACTS.md §1.1: on 2026-02-01 the ward total is 270,068; the districts are summed, not hard-coded."""
    pop = ind.district_values("population")
    assert {v.as_of for v in pop} == {dt.date(2026, 2, 1)}
    assert sum(v.value for v in pop if v.area != "ward") == 270_068
    assert values("population")["ward"] == 270_068


def test_facility_counts_match_facts_section_7() -> None:
    shelters, sites = facilities.counts("shelter"), facilities.counts("evacuation_site")
    assert (shelters["shiba"], shelters["azabu"]) == (17, 23)
    assert sites["takanawa"] == 14
    assert values("nurseries")["shibaura-konan"] == 29
    assert (sum(shelters.values()), sum(sites.values()), values("nurseries")["ward"]) == (83, 61, 112)
    assert sum(f.for_support_needed for f in facilities.shelters() if f.district == "azabu") == 10  # 23 / 18 / 10


def test_per_10k_values_recover_the_counts() -> None:
    pop = values("population")
    for ind_id, kind in (("shelters_per_10k", "shelter"), ("evacuation_sites_per_10k", "evacuation_site")):
        counts = facilities.counts(kind) | {"ward": sum(facilities.counts(kind).values())}
        for area, value in values(ind_id).items():
            assert round(value * pop[area] / 10_000, 6) == counts[area]


def test_official_areas_sum_to_the_ward_area() -> None:
    assert values("area_km2")["ward"] == 20.37  # FACTS.md §2 (= sum)


# --- definitions ---------------------------------------------------------------------------------------------------


def test_every_indicator_has_a_value_per_area_with_resolving_sources() -> None:
    assert len(ind.indicator_ids()) == len(set(ind.indicator_ids())) >= 15
    for ind_id in ind.indicator_ids():
        d = ind.definition(ind_id)
        vals = ind.district_values(ind_id)
        assert [v.area for v in vals] == AREAS, ind_id
        for v in vals:
            assert v.value is not None and math.isfinite(v.value), (ind_id, v.area)
            assert v.sources and set(v.sources) <= set(d.sources), (ind_id, v.sources)
            assert all(s in sources() for s in v.sources)


def test_ratios_are_consistent() -> None:
    pop, hh, foreign = values("population"), values("households"), values("foreign_residents")
    area = values("area_km2")
    for a in AREAS:
        assert values("avg_household_size")[a] == pytest.approx(pop[a] / hh[a])
        assert values("density")[a] == pytest.approx(pop[a] / area[a])
        assert values("foreign_share")[a] == pytest.approx(foreign[a] / pop[a] * 100)
        census = latest(a, "census_population").value
        assert values("growth_since_census")[a] == pytest.approx((pop[a] / census - 1) * 100)


def test_growth_since_census_says_the_measures_differ() -> None:
    d = ind.definition("growth_since_census")
    assert "different measures" in d.description("en")
    assert "異なる統計" in d.description("ja")


def test_growth_last_year_names_both_dates() -> None:
    for v in ind.district_values("growth_last_year"):
        assert v.as_of == latest(v.area, "population").date
        months = (v.as_of.year - v.base_date.year) * 12 + v.as_of.month - v.base_date.month
        assert 9 <= months <= 15
    ward = ind.district_values("growth_last_year")[-1]
    # 2025-02-01 is not in the data; 2025-04-01 (10 months) is closer to a year than 2025-05-01 (9 months).
    assert (ward.as_of, ward.base_date) == (dt.date(2026, 2, 1), dt.date(2025, 4, 1))


def _obs(*days: str) -> list[Observation]:
    return [Observation(dt.date.fromisoformat(d), "ward", "population", 100, "s") for d in days]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (("2025-02-01", "2025-04-01", "2026-02-01"), "2025-02-01"),  # same month a year earlier
        (("2024-12-01", "2025-03-01", "2026-02-01"), "2025-03-01"),  # 11 months beats 14
        (("2025-01-01", "2025-03-01", "2026-02-01"), "2025-03-01"),  # 13 vs 11 months: tie; 337 days beat 396
        (("2024-02-01", "2025-12-01", "2026-02-01"), None),  # 24 and 2 months: outside 9-15
        (("2026-02-01",), None),
    ],
)
def test_year_earlier_picks_the_closest_date(days: tuple[str, ...], expected: str | None) -> None:
    found = ind.year_earlier(_obs(*days))
    assert (found.date.isoformat() if found else None) == expected


def test_chome_level_indicators() -> None:
    chome = chome_list()
    pop = ind.chome_values("census_population")
    assert len(pop) == len(chome) == 117
    assert pop["13103001001"] == 2024  # 芝一丁目
    by_district = values("census_population")
    for slug in SLUGS:
        assert sum(pop[c.key_code] for c in chome if c.district == slug) == by_district[slug]
        land = [c for c in chome if c.district == slug]
        expected = sum(c.pop_2020 for c in land) / sum(c.area_m2 for c in land) * 1e6
        assert values("census_density")[slug] == pytest.approx(expected)
    roppongi6 = next(c for c in chome if c.name_ja == "六本木六丁目")
    assert ind.chome_values("census_density")[roppongi6.key_code] == pytest.approx(
        roppongi6.pop_2020 / roppongi6.area_m2 * 1e6)
    assert 0 <= values("census_population")["ward"] - sum(by_district[s] for s in SLUGS) < 100  # water areas
    with pytest.raises(ValueError, match="no chome level"):
        ind.chome_values("density")
    assert [d.id for d in ind.definitions() if "chome" in d.levels] == [
        "census_population", "census_households", "census_density"]


@pytest.mark.parametrize(
    ("ind_id", "value", "lang", "text"),
    [
        ("population", 44149, "ja", "44,149人"),
        ("population", 44149, "en", "44,149 people"),
        ("area_km2", 4.45, "en", "4.45 km²"),
        ("foreign_share", 8.876, "zh", "8.9%"),
        ("growth_since_census", -0.9754, "en", "-1.0%"),
        ("growth_last_year", -0.004, "ja", "0.0%"),
        ("shelters_per_10k", 3.0733, "ja", "3.1か所/1万人"),
        ("density", 13258.12, "en", "13,258 people per km²"),
        ("nurseries", None, "en", "—"),
        ("avg_household_size", math.nan, "ja", "—"),
    ],
)
def test_format_value(ind_id: str, value: float | None, lang: str, text: str) -> None:
    assert ind.format_value(ind_id, value, lang) == text


def test_table_has_one_row_per_area_and_one_column_per_indicator() -> None:
    df = ind.table("en")
    assert list(df["area"]) == AREAS
    assert list(df.columns) == ["area", "name", *ind.indicator_ids()]
    assert df.loc[df["area"] == "ward", "population"].item() == 270_068
    assert ind.table("ja")["name"].iloc[0] == "芝地区"
    labels = ind.column_labels("ja")
    assert set(labels) == set(df.columns) and labels["population"] == "人口 (人)"


def test_csv_bytes_neutralises_formulas_but_keeps_negative_numbers() -> None:
    df = pd.DataFrame({
        "name": ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tq", "plain", None],
        "=header": [-1.5, 2.0, -3.0, 0.0, 1.0, 2.0, 3.0],
        "n": [-7, 1, 2, 3, 4, 5, 6],
    })
    raw = ind.csv_bytes(df)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "name,'=header,n"
    assert lines[1] == "'=1+1,-1.5,-7"
    assert [line.split(",")[0] for line in lines[2:6]] == ["'+cmd", "'-x", "'@SUM(A1)", "'\tq"]
    assert lines[6] == "plain,2.0,5" and lines[7] == ",3.0,6"
    exported = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert exported["n"].tolist()[0] == -7


def test_csv_bytes_of_the_table_round_trips() -> None:
    raw = ind.csv_bytes(ind.table("ja"))
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back["population"].iloc[-1] == 270_068 and back["name"].iloc[0] == "芝地区"


# --- per-source dates and compared periods ------------------------------------------------------------------------


def test_each_source_is_dated_by_its_own_figures() -> None:
    """A per-10k value cites the facility data with that data's date and the population with the register date."""
    for ind_id, kind in (("shelters_per_10k", "shelter"), ("evacuation_sites_per_10k", "evacuation_site")):
        sid = facilities.SOURCE_IDS[kind]
        for v in ind.district_values(ind_id):
            dates = {ref[0]: ind.source_date(ref) for ref in v.refs}
            pop = latest(v.area, "population")
            assert dates == {sid: sources()[sid].reference_date, pop.source: pop.date}, (ind_id, v.area)
            assert dates[sid] != v.as_of, "the facility data is not of the value's (population) date"
    for v in ind.district_values("growth_since_census"):
        now, census = latest(v.area, "population"), latest(v.area, "census_population")
        assert set(v.refs) == {(now.source, now.date), (census.source, census.date)}
    for v in ind.district_values("growth_last_year"):
        obs = series(v.area, "population")
        base = ind.year_earlier(obs)
        assert v.refs == ((base.source, base.date), (obs[-1].source, obs[-1].date))
        assert v.base_date == base.date


def test_sources_without_a_figure_date_fall_back_to_their_record() -> None:
    for ind_id in ind.indicator_ids():
        for v in ind.district_values(ind_id):
            for sid, day in v.refs:
                assert ind.source_date((sid, day)) == (day or sources()[sid].reference_date)
                assert v.sources == tuple(dict.fromkeys(s for s, _ in v.refs))


@pytest.mark.parametrize("ind_id", ["growth_last_year", "growth_since_census"])
@pytest.mark.parametrize("lang", LANGS)
def test_change_indicators_state_the_period_they_compare(ind_id: str, lang: str) -> None:
    for v in ind.district_values(ind_id):
        months = ind.months_between(v.base_date, v.as_of)
        text = ind.value_interval(v, lang)
        assert text == ind.interval_text(v.base_date, v.as_of, lang)
        assert str(months) in text
        for day in (v.base_date, v.as_of):
            assert fmt_date(day, lang) in text
    assert all(ind.value_interval(v, lang) == "" for v in ind.district_values("population"))


def fmt_date(day: dt.date, lang: str) -> str:
    from atlas import formatting

    return formatting.date(day, lang)


def test_recent_change_is_not_labelled_a_year_when_it_is_not() -> None:
    spans = {ind.months_between(v.base_date, v.as_of) for v in ind.district_values("growth_last_year")}
    d = ind.definition("growth_last_year")
    if spans != {12}:
        assert "year" not in d.label("en").lower()
        assert "1年" not in d.label("ja") and "一年" not in d.label("zh")


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [("2025-04-01", "2026-02-01", 10), ("2020-10-01", "2026-02-01", 64), ("2025-02-15", "2026-02-01", 11)],
)
def test_months_between(start: str, end: str, months: int) -> None:
    assert ind.months_between(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == months


# --- units ----------------------------------------------------------------------------------------------------------


def test_every_unit_is_whole_and_in_the_allowed_list() -> None:
    raw = yaml.safe_load((data_dir() / "indicators.yaml").read_text(encoding="utf-8"))
    for d in ind.definitions():
        for lang in LANGS:
            assert d.unit(lang) in raw["units"][lang], (d.id, lang)
    for row in raw["indicators"]:
        for key in ("label", "unit", "description"):
            assert set(row[key]) == set(LANGS), (row["id"], key)  # no text split at a comma into a stray key


def _committed() -> tuple[ind.Indicator, ...]:
    """The definitions of the committed data (not of a copy being broken)."""
    return ind.load_definitions(DATA_DIR / "indicators.yaml")


def _first_unit_with_a_comma() -> tuple[ind.Indicator, str]:
    d = next(d for d in _committed() if "," in d.unit("en"))
    line = f'unit: {{ja: {d.unit("ja")}, en: "{d.unit("en")}", zh: {d.unit("zh")}}}'
    return d, line


def _where(ind_id: str) -> str:
    return f"indicators.yaml, indicator {[d.id for d in _committed()].index(ind_id) + 1} ({ind_id})"


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unquoted_unit_with_a_comma_stops_loading_naming_file_and_row(data_copy: Path) -> None:
    """YAML splits ``{en: per 10,000 residents}`` into ``per 10`` and a stray key; the loader says where."""
    d, line = _first_unit_with_a_comma()
    _rewrite(data_copy / "indicators.yaml", line, line.replace(f'"{d.unit("en")}"', d.unit("en")))
    stray = d.unit("en").split(",", 1)[1].strip()
    message = f"{_where(d.id)}: unit has unknown key(s) '{stray}' (only ja, en, zh; quote a text"
    with pytest.raises(DataFileError, match=re.escape(message)):
        ind.definitions()


def test_unit_outside_the_allowed_list_stops_loading(data_copy: Path) -> None:
    d, line = _first_unit_with_a_comma()
    mangled = d.unit("en").split(",")[0]  # what reached the screen: "per 10"
    _rewrite(data_copy / "indicators.yaml", line, line.replace(f'"{d.unit("en")}"', f'"{mangled}"'))
    with pytest.raises(DataFileError, match=re.escape(f"{_where(d.id)}: unit '{mangled}' (en) is not in the 'units'")):
        ind.definitions()


def test_stray_key_in_a_label_and_a_missing_units_list_are_named(data_copy: Path) -> None:
    path = data_copy / "indicators.yaml"
    d = _committed()[0]
    label = f"label: {{ja: {d.label('ja')}, en: {d.label('en')}, zh: {d.label('zh')}}}"
    _rewrite(path, label, label.replace("}", ", fr: x}"))
    with pytest.raises(DataFileError, match=re.escape(f"{_where(d.id)}: label has unknown key(s) 'fr'")):
        ind.load_definitions(path)
    _rewrite(path, "\nunits:\n", "\nallowed:\n")
    with pytest.raises(DataFileError, match=re.escape("indicators.yaml: missing field 'units'")):
        ind.load_definitions(path)


# --- validation of broken copies ---------------------------------------------------------------------------------




@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("label: {ja: 人口密度, en: Population density, zh: 人口密度}", "label: {ja: 人口密度, en: Population density}",
         "indicator 5 (density): missing field 'label.zh'"),
        ("sources: [minato-population-2026, minato-chise]", "sources: [minato-population-2026, no-such]",
         "indicator 5 (density): unknown source 'no-such'"),
        ("format: int\n" + DENSITY_TAIL, "format: thousands\n" + DENSITY_TAIL,
         "indicator 5 (density): format must be 'int', 'decimal1', 'decimal2', 'percent1' or 'per10k1', "
         "not 'thousands'"),
        ("- id: households", "- id: population", "indicator 2 (population): duplicate id 'population'"),
        ("- id: nurseries", "- id: libraries", "indicator 12 (libraries): no computation for 'libraries'"),
        ("levels: [district]\n    higher_is: more\n    description:\n      ja: >-\n        区の",
         "levels: [district, ward]\n    higher_is: more\n    description:\n      ja: >-\n        区の",
         "indicator 12 (nurseries): levels must be"),
    ],
)
def test_broken_definitions_name_file_and_indicator(data_copy: Path, old: str, new: str, message: str) -> None:
    path = data_copy / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(f"indicators.yaml, {message}")):
        ind.definitions()


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("shelters.csv", "E1,名,住所,atlantis,35.65,139.74,shelter,0", "shelters.csv, row 2: unknown district"),
        ("shelters.csv", "E1,名,住所,shiba,north,139.74,shelter,0",
         "shelters.csv, row 2: lat must be a number, not 'north'"),
        ("shelters.csv", "E1,名,住所,shiba,34.0,139.74,shelter,0",
         "shelters.csv, row 2: lat 34.0 is outside Minato City"),
        ("shelters.csv", "E1,名,住所,shiba,35.65,139.74,shelter,yes",
         "row 2: for_support_needed must be '0' or '1', not 'yes'"),
        ("evacuation_sites.csv", "E1,名,住所,shiba,35.65,139.74,shelter", "evacuation_sites.csv, row 2: kind must"),
        ("nurseries.csv", "芝保育園,shiba,幼稚園", "nurseries.csv, row 2: category must be .*, not '幼稚園'"),
        ("nurseries.csv", ",shiba,認可保育園", "nurseries.csv, row 2: missing field 'facility'"),
    ],
)
def test_broken_facility_rows_are_named(data_copy: Path, file: str, line: str, message: str) -> None:
    path = data_copy / "facilities" / file
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], line, *lines[1:]]) + "\n", encoding="utf-8")
    loader = facilities.nurseries if file == "nurseries.csv" else (
        facilities.shelters if file == "shelters.csv" else facilities.evacuation_sites)
    with pytest.raises(DataFileError, match=message):
        loader()


def test_duplicate_facility_id_is_named(data_copy: Path) -> None:
    path = data_copy / "facilities" / "shelters.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"shelters.csv, row {len(lines) + 1}: duplicate id .* \(first on row 2\)"):
        facilities.shelters()


def test_missing_facility_file_says_how_to_build_it(data_copy: Path) -> None:
    (data_copy / "facilities" / "nurseries.csv").unlink()
    with pytest.raises(DataFileError,
                       match="^data/facilities/nurseries.csv: file is missing; run tools/build_facilities.py$"):
        facilities.counts("nursery")


@pytest.mark.skipif(not (DEFAULT_SHARED / "data/facts").exists(), reason="needs ../shared")
def test_facility_build_is_reproducible(tmp_path: Path) -> None:
    build_facilities.build(DEFAULT_SHARED, tmp_path)
    for name in ("shelters.csv", "evacuation_sites.csv", "nurseries.csv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / "facilities" / name).read_bytes(), name
