"""Town search: kanji and romaji variants, whole towns, longest-name matching, not-found inputs."""

from __future__ import annotations

import pytest

from components.markdown import md_escape
from geo.layers import chome_list
from geo.towns import TownSearch, kanji_number, romaji_key, search_town

CHOME = chome_list()
IDS = [c.key_code for c in CHOME]


def _town(town_ja: str) -> tuple:
    return tuple(c for c in CHOME if c.town_ja == town_ja)


@pytest.mark.parametrize("chome", CHOME, ids=IDS)
def test_name_ja_round_trips(chome):
    r = search_town(chome.name_ja)
    assert (r.status, r.matches, r.chome, r.district) == ("found", (chome,), chome, chome.district)


@pytest.mark.parametrize("chome", CHOME, ids=IDS)
def test_name_en_round_trips(chome):
    r = search_town(chome.name_en)
    assert (r.status, r.chome) == ("found", chome)


@pytest.mark.parametrize("chome", [c for c in CHOME if c.chome is not None], ids=lambda c: c.key_code)
def test_arabic_number_and_prefixes(chome):
    for q in (f"{chome.town_ja}{chome.chome}", f"港区{chome.town_ja}{chome.chome}丁目",
              f"東京都港区{chome.town_ja} {chome.chome}", f"{chome.town_en.upper()}{chome.chome}"):
        assert search_town(q).chome == chome, q


@pytest.mark.parametrize(
    "query",
    [
        "六本木6丁目", "六本木六丁目", "六本木６", "六本木6", "六本木 6", "六本木６丁目", "港区六本木6丁目",
        "東京都港区六本木六丁目", "東京都 港区 六本木 6丁目", "六本木6-10-1", "六本木六丁目10番1号", "六本木6丁目10-1",
        "〒106-0032 東京都港区六本木6-10-1", "Roppongi 6", "roppongi 6-chome", "Roppongi6", "ROPPONGI 6 chome",
        "Roppongi 6丁目", "Ｒｏｐｐｏｎｇｉ　６", "  roppongi   6  ", "6-10-1 Roppongi, Minato-ku, Tokyo",
        "Roppongi 6-chome, Minato-ku, Tokyo",
    ],
)
def test_roppongi_6_variants(query):
    r = search_town(query)
    assert r.status == "found"
    assert r.chome is not None and r.chome.name_ja == "六本木六丁目"
    assert r.district == "azabu"
    assert r.query == query


@pytest.mark.parametrize(
    ("query", "name_ja"),
    [
        ("Nishi-Shimbashi 1", "西新橋一丁目"),
        ("nishishimbashi 1", "西新橋一丁目"),
        ("Nishi Shinbashi 1-chome", "西新橋一丁目"),
        ("Shinbashi 2", "新橋二丁目"),
        ("Higashi-Shinbashi 2", "東新橋二丁目"),
        ("Kōnan 2", "港南二丁目"),
        ("Kounan 2", "港南二丁目"),
        ("Kohnan 2", "港南二丁目"),
        ("Shiba Kōen 4", "芝公園四丁目"),
        ("shibakouen 4", "芝公園四丁目"),
        ("Hamamatsuchou 1", "浜松町一丁目"),
        ("Azabu Juban 2", "麻布十番二丁目"),
        ("麻布十番2", "麻布十番二丁目"),
        ("赤坂九丁目", "赤坂九丁目"),
        ("芝5", "芝五丁目"),
        ("虎の門1", "虎ノ門一丁目"),
        ("Odaiba 1", "台場一丁目"),
        ("麻布永坂町1番地", "麻布永坂町"),
        ("Azabu-Mamiana-cho", "麻布狸穴町"),
        ("azabu mamianacho", "麻布狸穴町"),
        ("麻布狸穴町", "麻布狸穴町"),
    ],
)
def test_found(query, name_ja):
    r = search_town(query)
    assert r.status == "found"
    assert r.chome is not None and r.chome.name_ja == name_ja


@pytest.mark.parametrize(
    ("query", "town_ja"),
    [
        ("六本木", "六本木"), ("Roppongi", "六本木"), ("港区六本木", "六本木"), ("Azabu-Juban", "麻布十番"),
        ("Kōnan", "港南"), ("芝", "芝"), ("芝公園", "芝公園"), ("Shiba-Koen", "芝公園"), ("西麻布", "西麻布"),
        ("白金", "白金"), ("白金台", "白金台"), ("Shirokanedai", "白金台"), ("芝浦", "芝浦"), ("芝大門", "芝大門"),
        ("三田", "三田"), ("Mita", "三田"), ("海岸", "海岸"), ("Kaigan", "海岸"),
    ],
)
def test_whole_town_is_ambiguous(query, town_ja):
    r = search_town(query)
    expected = _town(town_ja)
    assert len(expected) > 1
    assert (r.status, r.matches, r.chome) == ("ambiguous", expected, None)
    districts = {c.district for c in expected}
    assert r.district == (districts.pop() if len(districts) == 1 else None)


def test_split_towns_have_no_district():
    assert search_town("三田").district is None
    assert search_town("海岸").district is None
    assert search_town("六本木").district == "azabu"


@pytest.mark.parametrize(
    "query",
    [
        "", " ", "\t\n", "　", "六本木8丁目", "六本木0", "六本木十丁目", "Roppongi 8", "芝6", "六本木ヒルズ", "渋谷",
        "渋谷区道玄坂1", "Shibuya 1", "Roppon", "6", "丁目", "chome", "港区", "東京都港区", "!!!", "<script>",
        "東京タワーroppongi", "x" * 10_000, "六本木" * 100, "六本木" + "9" * 150, "六本木十十", "Minato-ku",
        "\x00", "🍣",
    ],
)
def test_not_found(query):
    r = search_town(query)
    assert r == TownSearch("not_found", (), query)
    assert r.chome is None and r.district is None


def test_non_string_does_not_raise():
    assert search_town(None).status == "not_found"  # type: ignore[arg-type]


def test_romaji_keys_unique():
    keys = {romaji_key(c.town_en) for c in CHOME}
    assert len(keys) == len({c.town_en for c in CHOME})


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("一〇", 10),
                                             ("", None), ("十十", None), ("x", None)])
def test_kanji_number(text, value):
    assert kanji_number(text) == value


# --- postcodes, kana readings, Chinese forms (issue 9) -------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["108-0071", "1080071", "〒108-0071", "１０８－００７１", "〒１０８ー００７１", "108 0071", "郵便番号108-0071"],
)
def test_bare_postcode_lists_its_town(query):
    r = search_town(query)
    assert (r.status, r.matches, r.district) == ("ambiguous", _town("白金台"), "takanawa")
    assert (r.postcode, r.reason) == ("108-0071", None)


@pytest.mark.parametrize(
    ("query", "name_ja"),
    [
        ("〒108-0071 港区白金台5丁目", "白金台五丁目"), ("108-0071 白金台5-21-5", "白金台五丁目"),
        ("1080071 Shirokanedai 5-chome", "白金台五丁目"), ("しろかねだい5丁目", "白金台五丁目"),
        ("しろがねだい5", "白金台五丁目"), ("シロカネダイ５", "白金台五丁目"), ("ｼﾛｶﾈﾀﾞｲ 5", "白金台五丁目"),
        ("港区しろかねだい5-21-5", "白金台五丁目"), ("とうきょうとみなとくろっぽんぎ6", "六本木六丁目"),
        ("高轮1丁目", "高輪一丁目"), ("东麻布1丁目", "東麻布一丁目"), ("東京都港区高轮一丁目", "高輪一丁目"),
        ("虎之门1丁目", "虎ノ門一丁目"), ("台场1", "台場一丁目"),
    ],
)
def test_postcode_kana_and_chinese_found(query, name_ja):
    r = search_town(query)
    assert r.status == "found", query
    assert r.chome is not None and r.chome.name_ja == name_ja


@pytest.mark.parametrize(
    ("query", "town_ja"),
    [("新桥", "新橋"), ("滨松町", "浜松町"), ("虎之门", "虎ノ門"), ("虎之門", "虎ノ門"), ("シロカネダイ", "白金台"),
     ("しろかね", "白金")],
)
def test_kana_and_chinese_towns_are_ambiguous(query, town_ja):
    r = search_town(query)
    assert (r.status, r.matches) == ("ambiguous", _town(town_ja))


def test_postcode_outside_minato_says_so():
    r = search_town("100-0001")
    assert (r.status, r.matches, r.reason, r.postcode) == ("not_found", (), "outside_minato", "100-0001")
    assert r.place.startswith("東京都千代田区")


def test_postcode_narrows_the_address_and_the_address_wins_a_conflict():
    assert search_town("〒105-0014 芝").matches == _town("芝")[:3]  # Japan Post's note: 芝 1〜3丁目
    assert search_town("100-0001 港区六本木6").chome.name_ja == "六本木六丁目"


@pytest.mark.parametrize(
    ("query", "echo"),
    [("![x](https://example.org/p.png)", "![x](https://example.org/p.png)"), ("六本木\n\n6", "六本木 6"),
     ("あ" * 61, "あ" * 60 + "…"), ("x" * 10_000, "x" * 60 + "…")],
)
def test_short_query_is_one_line_and_cut(query, echo):
    assert search_town(query).short_query == echo


def test_echo_escapes_markdown_image():
    shown = md_escape(search_town("![x](https://example.org/p.png)").short_query)
    assert shown.startswith("\\!\\[x\\](") and "](https://" not in shown  # no image, no autolink
