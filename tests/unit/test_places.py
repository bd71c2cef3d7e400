"""The place gazetteer and the search that uses it: issue examples, derivation, broken rows, outside, typos."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from atlas.sources import sources
from geo.datafile import DataFileError
from geo.find import find
from geo.layers import chome_list
from geo.lookup import locate
from geo.places import gazetteer_path, load_places, places
from geo.town_forms import kana_chome_number, town_readings
from geo.towns import search_town

ROOT = Path(__file__).resolve().parents[2]
ISSUE_PLACES = ("東京タワー", "品川駅", "高輪ゲートウェイ駅", "麻布台ヒルズ", "虎ノ門ヒルズ", "赤坂見附")


def _rows() -> list[dict[str, str]]:
    with open(gazetteer_path(), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _expected_chome(name: str) -> set[str]:
    """The chome of every gazetteer row named ``name``, from its point (locate) and address (search_town)."""
    out = set()
    for row in _rows():
        if row["name_ja"] != name:
            continue
        if row["lat"]:
            out.add(locate(float(row["lat"]), float(row["lng"])).chome.name_ja)
        for address in filter(None, row["address_ja"].split("|")):
            out |= {c.name_ja for c in search_town(address).matches}
    return out


@pytest.mark.parametrize("query", ISSUE_PLACES)
def test_issue_examples_resolve_to_their_chome(query: str) -> None:
    name = query.removesuffix("駅")
    expected = _expected_chome(name)
    assert expected, f"{name} is in the gazetteer"
    r = find(query)
    assert {c.name_ja for c in r.matches} == expected
    assert r.places and r.status in ("found", "ambiguous")


def test_shinagawa_station_spans_konan_and_takanawa() -> None:
    districts = {c.district for c in find("品川駅").matches}
    assert districts == {locate(float(r["lat"]), float(r["lng"])).district for r in _rows() if r["name_ja"] == "品川"}
    assert len(districts) == 2


def test_every_place_cites_a_known_source_and_lies_in_a_chome() -> None:
    known = set(sources())
    for place in places():
        assert place.source in known, place.id
        assert place.chome and all(c.district for c in place.chome), place.id


def test_chome_come_from_points_and_addresses() -> None:
    by_id = {p.id: p for p in places()}
    for row in _rows():
        expected = set()
        if row["lat"]:
            expected.add(locate(float(row["lat"]), float(row["lng"])).chome.key_code)
        for address in filter(None, row["address_ja"].split("|")):
            expected |= {c.key_code for c in search_town(address).matches}
        assert {c.key_code for c in by_id[row["id"]].chome} == expected, row["id"]


def test_a_station_spanning_two_districts_answers_both() -> None:
    tamachi = find("田町駅")
    rows = [r for r in _rows() if r["name_ja"] == "田町"]
    by_point = {locate(float(r["lat"]), float(r["lng"])).chome.name_ja for r in rows}
    by_address = {c.name_ja for r in rows for c in search_town(r["address_ja"]).matches}
    assert {c.name_ja for c in tamachi.matches} == by_point | by_address
    assert by_point != by_address and tamachi.district is None


@pytest.mark.parametrize(("column", "value", "message"), [
    ("lat", "35.60", "outside Minato's chome"),
    ("source", "", "missing"),
    ("kana", "トウキョウ", "kana"),
    ("address_ja", "港区六本木8丁目", "names no single chome"),
])
def test_a_broken_row_names_file_and_row(data_copy: Path, column: str, value: str, message: str) -> None:
    path = data_copy / "places" / "places.csv"
    rows = _rows()
    rows[2][column] = value
    if column == "lat":
        rows[2]["lng"] = "139.85"
    if column == "address_ja":
        rows[2]["lat"] = rows[2]["lng"] = ""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataFileError, match=r"data/places/places\.csv, row 4") as err:
        load_places(path)
    assert message in str(err.value)


def test_duplicate_ids_are_refused(data_copy: Path) -> None:
    path = data_copy / "places" / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate id"):
        load_places(path)


SPOKEN = {1: "いっ", 2: "に", 3: "さん", 4: "よん", 5: "ご", 6: "ろく", 7: "なな", 8: "はっ", 9: "きゅう"}
"""How chome numbers are read aloud (pykakasi reads 四丁目 していめ, so it cannot be the oracle here)."""


def _kana_number(n: int) -> str:
    return SPOKEN[n] + "ちょうめ"


def test_every_chome_is_found_by_its_kana_reading() -> None:
    readings = town_readings()
    for c in (c for c in chome_list() if c.chome is not None):
        query = readings[c.town_ja][0] + _kana_number(c.chome)
        assert kana_chome_number(_kana_number(c.chome)) == c.chome, query
        assert search_town(query).chome == c, query


@pytest.mark.parametrize("query", ["渋谷区", "shibuya", "Shibuya-ku", "新宿", "しんじゅく"])
def test_other_wards_are_outside_minato(query: str) -> None:
    r = find(query)
    assert r.reason == "outside_minato" and not r.matches
    assert r.outside is not None and r.place.startswith("東京都") and "港区" not in r.place


def test_typos_of_town_names_suggest_the_town() -> None:
    towns = {c.town_en: c.town_ja for c in chome_list() if len(c.town_en) >= 6}
    for en, ja in towns.items():
        typo = en[:-2] + en[-1]  # one letter dropped
        r = find(typo)
        assert r.matches or ja in [s.ja for s in r.suggestions], typo


def _hit_rate_module():
    spec = importlib.util.spec_from_file_location("hit_rate", ROOT / "tests" / "search" / "hit_rate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hit_rate"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_the_query_set_is_large_varied_and_mostly_hit() -> None:
    hr = _hit_rate_module()
    items = hr.cases()
    assert len(items) >= 150
    categories = {c.category for c in items}
    assert {"kanji", "kana", "romaji", "width", "zh-hans", "zh-hant", "postcode", "landmark", "station",
            "other-ward", "typo"} <= categories
    results = hr.evaluate(items)
    rate = sum(ok for _, ok, _ in results) / len(results)
    assert rate >= 0.95, [(c.query, got) for c, ok, got in results if not ok]


def test_station_build_keeps_points_inside_minato_and_needs_readings() -> None:
    spec = importlib.util.spec_from_file_location("build_station_places", ROOT / "tools" / "build_station_places.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    office = next(p for p in places() if p.name_ja == "港区役所")
    inside = locate(35.658203, 139.75163)
    assert inside.chome == office.chome[0]
    stations = [{"station_cd": 2, "station_name": "X", "lat": 35.658203, "lon": 139.75163},
                {"station_cd": 1, "station_name": "Y", "lat": 35.69, "lon": 139.70}]  # 新宿区: outside
    readings = {"X": {"kana": "えっくす", "romaji": "X", "aliases": ""}}
    rows = tool.station_rows(stations, readings)
    assert [(r["id"], r["lat"], r["lng"]) for r in rows] == [("station-2", "35.658203", "139.751630")]
    with pytest.raises(SystemExit, match="no reading"):
        tool.station_rows(stations, {})


@pytest.mark.parametrize(("query", "city"), [("東京都渋谷区渋谷2-21-1", "渋谷区"), ("新宿区西新宿2-8-1", "新宿区")])
def test_an_address_elsewhere_is_outside_minato(query: str, city: str) -> None:
    r = find(query)
    assert r.reason == "outside_minato" and r.place.endswith(city)


def test_a_town_name_followed_by_words_gives_that_town() -> None:
    town = next(c.town_ja for c in chome_list() if c.town_ja == "愛宕")
    r = find(f"{town}神社")
    assert r.matches == tuple(c for c in chome_list() if c.town_ja == town)
