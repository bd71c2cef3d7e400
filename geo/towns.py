"""Free-text town search: 六本木6丁目 / "Roppongi 6-chome" / 〒108-0071 / しろかねだい5 / 高轮1丁目 -> chome.

Addresses are read as people write them: kanji (any digit width, kanji numerals, 東京都港区 prefixes, banchi),
romaji, a postcode alone or before an address (Japan Post's data via :mod:`geo.postcodes`), kana readings and
simplified or traditional Chinese (:mod:`geo.town_forms`). The indexes are built lazily, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from geo import postcodes
from geo.layers import Chome, chome_list
from geo.town_forms import chinese_to_japanese, kana_chome_number, kana_to_kanji, romaji_key

Status = Literal["found", "ambiguous", "not_found"]
Reason = Literal["outside_minato", "unknown_postcode", "no_town"]

MAX_QUERY_LEN = 200
ECHO_LEN = 60
KANJI_ALIASES = {"お台場": "台場"}  # alias -> town_ja
ROMAJI_ALIASES = {"odaiba": "台場"}  # romaji key -> town_ja
NO_VARIANTS = ("の", "之")  # ノ in a town name (虎ノ門) as written in hiragana and in Chinese (虎之门)

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
    >>> r = search_town("100-0001")
    >>> r.status, r.reason, r.postcode, r.place
    ('not_found', 'outside_minato', '100-0001', '東京都千代田区千代田')
    """

    status: Status
    matches: tuple[Chome, ...]
    query: str
    postcode: str | None = None  # the postcode the query starts with, as 108-0071
    place: str = ""  # Japan Post's address for that postcode
    reason: Reason | None = None  # why a postcode query found no town
    places: tuple[Any, ...] = ()  # the gazetteer places (geo.places.Place) the matches come from, if any
    outside: Any = None  # the place outside Minato a query names (geo.place_names.Outside), if any
    suggestions: tuple[Any, ...] = ()  # nearest names after a miss (geo.suggest.Suggestion)
    district_named: bool = False  # the query named a district itself (麻布地区, Azabu): matches are all its chome

    @property
    def chome(self) -> Chome | None:
        """The single match, or None when not found or ambiguous."""
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def district(self) -> str | None:
        """The district slug when every match lies in the same district, else None."""
        districts = {c.district for c in self.matches}
        return districts.pop() if len(districts) == 1 else None

    @property
    def short_query(self) -> str:
        """The query on one line, cut to ``ECHO_LEN`` characters plus "…" (plain text: escape it to show it)."""
        text = " ".join(self.query.split())
        return text if len(text) <= ECHO_LEN else text[:ECHO_LEN].rstrip() + "…"


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
    """(kanji town name -> chome, romaji key -> chome), kanji names longest first; built once.

    Names written with ノ also get their の and 之 forms (虎の門, 虎之門), derived from the data's names.
    """
    by_town: dict[str, list[Chome]] = {}
    romaji: dict[str, str] = dict(ROMAJI_ALIASES)
    for c in chome_list():
        by_town.setdefault(c.town_ja, []).append(c)
        romaji[romaji_key(c.town_en)] = c.town_ja
    kanji = {name: tuple(cs) for name, cs in by_town.items()}
    aliases = dict(KANJI_ALIASES) | {t.replace("ノ", v): t for t in by_town if "ノ" in t for v in NO_VARIANTS}
    kanji |= {alias: kanji[town] for alias, town in aliases.items()}
    kanji = dict(sorted(kanji.items(), key=lambda kv: -len(kv[0])))
    return kanji, {key: kanji[town] for key, town in romaji.items()}


def _pick(town: tuple[Chome, ...], number: int | None) -> tuple[Chome, ...]:
    """The town's chome numbered ``number`` (all of them when None).

    Towns without chome (麻布狸穴町) ignore the number: it is a banchi there.
    """
    if number is None or all(c.chome is None for c in town):
        return town
    return tuple(c for c in town if c.chome == number)


def _leading_number(text: str) -> int | None:
    """The chome number a text starts with (5, ５, 五, -5, ごちょうめ), or None."""
    m = _KANJI_NUMBER.match(text)
    if m is None:
        return kana_chome_number(text)
    raw = m.group(1)
    return int(raw) if raw.isdigit() else kanji_number(raw)


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
    number = _leading_number(rest)
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


def _search_address(text: str) -> tuple[Chome, ...]:
    """Matches for an address without postcode: as kanji, else read as kana or Chinese, else as romaji.

    A kanji town name that starts the text but fails (白金臺: 白金 + 臺) lets the rewrites try first.
    """
    found = _search_kanji(text)
    if found:
        return found
    for rewrite in (kana_to_kanji(_KANJI_PREFIX.sub("", text)), chinese_to_japanese(text)):
        if rewrite is not None and rewrite != text and (rewritten := _search_kanji(rewrite)):
            return rewritten
    return found if found is not None else _search_romaji(text)


def postcode_matches(code: postcodes.Postcode) -> tuple[Chome, ...]:
    """The chome a postcode's Minato areas cover: a town, its chome named in Japan Post's note, or the chome
    of a business office's banchi; areas of several towns are all listed."""
    kanji, _ = _index()
    out: dict[str, Chome] = {}
    for area in code.areas:
        town = kanji.get(area.town_ja, ())
        if area.chome is not None:
            found = tuple(c for n in area.chome for c in _pick(town, n))
        else:
            found = _pick(town, _leading_number(area.banchi)) if area.banchi else town
        out |= {c.key_code: c for c in found or town if c.key_code not in out}
    return tuple(out.values())


def _with_postcode(matches: tuple[Chome, ...], code: str) -> tuple[tuple[Chome, ...], str, Reason | None]:
    """(matches, place, reason) once the postcode is known: it narrows the address's matches when the two
    agree, stands in for an address that found nothing, and says why when neither names a town."""
    record = postcodes.lookup(code)
    if record is None:
        return matches, "", None if matches else "unknown_postcode"
    by_code = postcode_matches(record)
    keep = {c.key_code for c in by_code}
    matches = tuple(c for c in matches if c.key_code in keep) or matches or by_code
    reason: Reason | None = None if matches else "no_town" if record.in_minato else "outside_minato"
    return matches, record.place, reason


def search_town(query: str) -> TownSearch:
    """Find the chome a free-text town query names; never raises.

    A postcode before an address narrows the address's matches when the two agree; an address the
    search cannot read falls back to the postcode's towns.

    >>> search_town("六本木6丁目").chome.name_ja
    '六本木六丁目'
    >>> search_town("Nishi-Shinbashi 1").chome.name_ja
    '西新橋一丁目'
    >>> search_town("麻布狸穴町").status, search_town("六本木8丁目").status
    ('found', 'not_found')
    >>> [c.name_ja for c in search_town("108-0071").matches][:2], search_town("しろかねだい5").chome.name_ja
    (['白金台一丁目', '白金台二丁目'], '白金台五丁目')
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY_LEN:
        return TownSearch("not_found", (), query if isinstance(query, str) else repr(query))
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query)).strip()
    code, rest = postcodes.split_postcode(text)
    matches = _search_address(rest) if rest else ()
    place, reason = "", None
    if code is not None:
        matches, place, reason = _with_postcode(matches, code)
    status: Status = "not_found" if not matches else "found" if len(matches) == 1 else "ambiguous"
    return TownSearch(status, matches, query, code, place, reason)
