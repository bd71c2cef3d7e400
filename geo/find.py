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
from dataclasses import replace

from geo.place_names import find_outside, find_places
from geo.suggest import suggest
from geo.towns import MAX_QUERY_LEN, Status, TownSearch, search_town


def find(query: str) -> TownSearch:
    """Chome for a town, postcode, station, landmark or facility query; never raises.

    A miss says whether the query names a place outside Minato, and suggests the nearest names.
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
    outside = find_outside(text)
    if outside is not None:
        return replace(result, reason="outside_minato", place=outside.name_ja, outside=outside)
    return replace(result, suggestions=suggest(text))
