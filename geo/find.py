"""One search box for towns, places and postcodes: what :mod:`geo.towns` reads, then the gazetteer, then places
outside Minato, then the nearest names. No Streamlit.

>>> r = find("東京タワー")
>>> r.status, r.chome.name_ja, r.places[0].kind
('found', '芝公園四丁目', 'landmark')
>>> find("渋谷区").reason, find("渋谷区").outside.name_ja
('outside_minato', '東京都渋谷区')
>>> [s.ja for s in find("ropongi").suggestions][:1]
['六本木']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

from geo.layers import Chome, chome_list
from geo.place_names import LATIN, clean_query, find_outside, find_places
from geo.suggest import Suggestion, suggest
from geo.town_forms import chinese_to_japanese, romaji_key
from geo.towns import MAX_QUERY_LEN, Status, TownSearch, search_town

MIN_PART = 2  # characters of a kanji area name (青山); romaji keys need 4 (aoyama)
DISTRICT_SUFFIX = re.compile(r"(?:地区|総合支所|district|area)$")


def district_key(name: str) -> str:
    """Key of a district name as typed or as the data writes it: 麻布地区, 麻布, Azabu district, azabu -> 麻布/azabu."""
    key = clean_query(name).lower()
    key = DISTRICT_SUFFIX.sub("", key) or key
    return romaji_key(key) if LATIN.match(key) else key


def _town_prefix(text: str) -> tuple[Chome, ...]:
    """All chome of the town a text starts with when words, not a number, follow: 愛宕神社 -> 愛宕一・二丁目."""
    key = clean_query(text)
    for name in sorted({c.town_ja for c in chome_list()}, key=len, reverse=True):
        rest = key[len(name):]
        if key.startswith(name) and rest and not re.search(r"\d", rest):
            return tuple(c for c in chome_list() if c.town_ja == name)
    return ()


def find(query: str, district_names: Mapping[str, str] | None = None) -> TownSearch:
    """Chome for a town, postcode, station, landmark, facility or district query; never raises.

    ``district_names`` maps :func:`district_key` of each district's names (in every language) to its slug; the
    caller passes them from the district records. A miss says whether the query names a place outside Minato,
    and suggests the nearest names.
    """
    result = search_town(query)
    if result.matches or result.reason is not None or not isinstance(query, str) or len(query) > MAX_QUERY_LEN:
        return result
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query)).strip()
    if not text:
        return result
    found = find_places(text)
    if found:
        chome = tuple({c.key_code: c for p in found for c in p.chome}.values())
        status: Status = "found" if len(chome) == 1 else "ambiguous"
        return replace(result, status=status, matches=chome, places=found)
    slug = (district_names or {}).get(district_key(text))
    if slug is not None:
        chome = tuple(c for c in chome_list() if c.district == slug)
        return replace(result, status="ambiguous", matches=chome, district_named=True)
    towns = area_towns(text)
    if towns:
        chome = tuple(c for c in chome_list() if c.town_ja in {s.ja for s in towns})
        return replace(result, status="ambiguous", matches=chome, suggestions=towns)
    outside = find_outside(text)
    if outside is not None:
        return replace(result, reason="outside_minato", place=outside.name_ja, outside=outside)
    prefix = _town_prefix(text)
    if prefix:
        return replace(result, status="found" if len(prefix) == 1 else "ambiguous", matches=prefix)
    return replace(result, suggestions=suggest(text))


def area_towns(text: str) -> tuple[Suggestion, ...]:
    """Towns whose names contain an area name that is no town itself: 青山 -> 北青山, 南青山; azabu -> 元麻布, ….

    >>> sorted(s.ja for s in area_towns("青山")), len(area_towns("麻布")) > 4, area_towns("xyz")
    (['北青山', '南青山'], True, ())
    """
    key = clean_query(text)
    towns: dict[str, Chome] = {}
    for c in chome_list():
        towns.setdefault(c.town_ja, c)
    if LATIN.match(key):
        key = romaji_key(key)
        found = [c for c in towns.values() if len(key) >= 4 and key in romaji_key(c.town_en)]
    else:
        key = chinese_to_japanese(key) or key
        found = [c for name, c in towns.items() if len(key) >= MIN_PART and key in name and key != name]
    return tuple(Suggestion(c.town_ja, c.town_en) for c in found) if len(found) >= 2 else ()
