"""Nearest names after a miss, by fuzzy matching (rapidfuzz). No Streamlit.

Candidates are the towns of the chome layer and the gazetteer's places, each with a Japanese and a romaji label.
A romaji or kana query is compared by romaji key (ropongi -> Roppongi), kanji or Chinese text by its Japanese
kanji form (六本本 -> 六本木).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from geo.layers import chome_list
from geo.place_names import KANA_ONLY, LATIN, clean_query
from geo.places import places
from geo.town_forms import chinese_to_japanese, kana_key, romaji_key

LIMIT = 3
CUTOFF = 75  # rapidfuzz WRatio, 0-100, for romaji keys
CUTOFF_JA = 60  # plain ratio for kanji names, where one wrong character of three already costs a third


@dataclass(frozen=True)
class Suggestion:
    """A name to try, as a Japanese and a romaji label (either one finds it again)."""

    ja: str
    en: str


@lru_cache(maxsize=1)
def _candidates() -> tuple[dict[str, Suggestion], dict[str, Suggestion]]:
    """(Japanese name -> suggestion, romaji key -> suggestion); towns before places."""
    ja: dict[str, Suggestion] = {}
    latin: dict[str, Suggestion] = {}
    for c in chome_list():
        s = Suggestion(c.town_ja, c.town_en)
        ja.setdefault(c.town_ja, s)
        latin.setdefault(romaji_key(c.town_en), s)
    for p in places():
        s = Suggestion(p.name_ja, p.romaji or p.name_ja)
        ja.setdefault(p.name_ja, s)
        for key in (romaji_key(p.romaji), kana_key(p.kana)):
            if key:
                latin.setdefault(key, s)
    return ja, latin


def suggest(query: str) -> tuple[Suggestion, ...]:
    """Up to three names close to ``query``, best first; () when nothing is close.

    >>> [s.en for s in suggest("ropongi")][:1], [s.ja for s in suggest("六本本")][:1]
    (['Roppongi'], ['六本木'])
    """
    text = clean_query(query)
    if not text:
        return ()
    ja, latin = _candidates()
    cutoff, scorer = CUTOFF, fuzz.WRatio
    if LATIN.match(text):
        key, choices = romaji_key(re.sub(r"\d+", "", text)), latin
    elif KANA_ONLY.match(text):
        key, choices = kana_key(text), latin
    else:
        key = unicodedata.normalize("NFKC", chinese_to_japanese(text) or text)
        key, choices, cutoff, scorer = re.sub(r"[\d０-９]+.*$", "", key) or key, ja, CUTOFF_JA, fuzz.ratio
    if not key:
        return ()
    found = process.extract(key, list(choices), scorer=scorer, limit=8, score_cutoff=cutoff)
    out = list(dict.fromkeys(choices[name] for name, _score, _i in found))
    return tuple(out[:LIMIT])
