"""Free-text town search: 六本木6丁目 / "Roppongi 6-chome" / 六本木 -> matching chome."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from geo.layers import Chome, chome_list

Status = Literal["found", "ambiguous", "not_found"]

MAX_QUERY_LEN = 200
KANJI_ALIASES = {"虎の門": "虎ノ門", "お台場": "台場"}  # alias -> town_ja
ROMAJI_ALIASES = {"odaiba": "台場"}  # romaji key -> town_ja

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI_PREFIX = re.compile(r"^(?:〒?\s*\d{3}-?\d{4}\s*)?(?:日本国?\s*)?(?:東京都\s*)?(?:港区\s*)?")
_KANJI_NUMBER = re.compile(r"^[\s\-‐－ー−]*(\d+|[〇零一二三四五六七八九十]+)")
_ROMAJI_NOISE = re.compile(r"\b(?:japan|tokyo(?:[- ]?to)?|minato(?:[- ]?ku|[- ]city))\b|丁目|[,、]")
_ROMAJI_TOWN_FIRST = re.compile(r"^\s*([a-z][a-z\s\-'.’]*?)[\s\-]*(?:(\d+).*)?$")
_ROMAJI_NUMBER_FIRST = re.compile(r"^\s*(\d+)(?:[\s\-]*chome)?[\d\s\-]*([a-z][a-z\s\-'.’]*)$")


@dataclass(frozen=True)
class TownSearch:
    """Result of :func:`search_town`.

    >>> r = search_town("六本木")
    >>> r.status, len(r.matches), r.district, r.chome
    ('ambiguous', 7, 'azabu', None)
    """

    status: Status
    matches: tuple[Chome, ...]
    query: str

    @property
    def chome(self) -> Chome | None:
        """The single match, or None when not found or ambiguous."""
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def district(self) -> str | None:
        """The district slug when every match lies in the same district, else None."""
        districts = {c.district for c in self.matches}
        return districts.pop() if len(districts) == 1 else None


def romaji_key(text: str) -> str:
    """Spelling-insensitive key for a romaji town name.

    Drops case, macrons, spaces and hyphens; n before b/p/m becomes m; ou/oo/oh long vowels become o.

    >>> romaji_key("Nishi-Shinbashi") == romaji_key("nishishimbashi") == "nishishimbashi"
    True
    >>> romaji_key("Kōnan"), romaji_key("Kounan"), romaji_key("Kohnan")
    ('konan', 'konan', 'konan')
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = re.sub(r"[^a-z]", "", "".join(ch for ch in text if not unicodedata.combining(ch)))
    text = re.sub(r"n(?=[bpm])", "m", text)
    text = re.sub(r"oh(?![aeiouy])", "o", text)
    return text.replace("ou", "o").replace("oo", "o").replace("uu", "u")


def kanji_number(text: str) -> int | None:
    """Parse a kanji numeral such as 六, 十, 十二, 二十 or 一〇; None if malformed.

    >>> kanji_number("六"), kanji_number("十二"), kanji_number("十十")
    (6, 12, None)
    """
    if "十" not in text:
        digits = [_KANJI_DIGITS.get(c) for c in text]
        return None if not digits or None in digits else int("".join(map(str, digits)))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _KANJI_DIGITS) or (ones and ones not in _KANJI_DIGITS):
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[Chome, ...]], dict[str, tuple[Chome, ...]]]:
    """(kanji town name -> chome, romaji key -> chome), kanji names longest first; built once."""
    by_town: dict[str, list[Chome]] = {}
    romaji: dict[str, str] = dict(ROMAJI_ALIASES)
    for c in chome_list():
        by_town.setdefault(c.town_ja, []).append(c)
        romaji[romaji_key(c.town_en)] = c.town_ja
    kanji = {name: tuple(cs) for name, cs in by_town.items()}
    kanji |= {alias: kanji[town] for alias, town in KANJI_ALIASES.items()}
    kanji = dict(sorted(kanji.items(), key=lambda kv: -len(kv[0])))
    return kanji, {key: kanji[town] for key, town in romaji.items()}


def _pick(town: tuple[Chome, ...], number: int | None) -> tuple[Chome, ...]:
    """The town's chome numbered ``number`` (all of them when None).

    Towns without chome (麻布狸穴町) ignore the number: it is a banchi there.
    """
    if number is None or all(c.chome is None for c in town):
        return town
    return tuple(c for c in town if c.chome == number)


def _search_kanji(text: str) -> tuple[Chome, ...] | None:
    """Matches for a kanji address, or None when no kanji town name starts the text."""
    text = _KANJI_PREFIX.sub("", text)
    kanji, _ = _index()
    name = next((n for n in kanji if text.startswith(n)), None)
    if name is None:
        return None
    rest = text[len(name):].strip()
    if not rest:
        return kanji[name]
    m = _KANJI_NUMBER.match(rest)
    if m is None:
        return ()
    raw = m.group(1)
    number = int(raw) if raw.isdigit() else kanji_number(raw)
    return () if number is None else _pick(kanji[name], number)


def _search_romaji(text: str) -> tuple[Chome, ...]:
    """Matches for a romaji address: "Roppongi 6-chome", "roppongi6", "6-10-1 Roppongi, Minato-ku"."""
    text = _ROMAJI_NOISE.sub(" ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if m := _ROMAJI_TOWN_FIRST.match(text):
        town, raw = m.group(1), m.group(2)
    elif m := _ROMAJI_NUMBER_FIRST.match(text):
        raw, town = m.group(1), m.group(2)
    else:
        return ()
    matches = _index()[1].get(romaji_key(town))
    if matches is None:
        return ()
    return _pick(matches, int(raw) if raw else None)


def search_town(query: str) -> TownSearch:
    """Find the chome a free-text town query names; never raises.

    >>> search_town("六本木6丁目").chome.name_ja
    '六本木六丁目'
    >>> search_town("Nishi-Shinbashi 1").chome.name_ja
    '西新橋一丁目'
    >>> search_town("麻布狸穴町").status, search_town("六本木8丁目").status
    ('found', 'not_found')
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY_LEN:
        return TownSearch("not_found", (), query if isinstance(query, str) else repr(query))
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query)).strip()
    matches: tuple[Chome, ...] = ()
    if text:
        kanji = _search_kanji(text)
        matches = kanji if kanji is not None else _search_romaji(text)
    status: Status = "not_found" if not matches else "found" if len(matches) == 1 else "ambiguous"
    return TownSearch(status, matches, query)
