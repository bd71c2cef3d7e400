"""Other ways people write Minato's town names: romaji keys, kana readings, Chinese characters.

Kana readings are built once, lazily, from the town names of the chome layer: ``pykakasi`` reads each
kanji name and ``jaconv`` turns the data's romaji (``town_en``) into kana. Checked for all 30 towns with
pykakasi 2.3.0: it agrees with the data everywhere (三田 みた, 芝浦 しばうら, 麻布 あざぶ, 虎ノ門 とらのもん,
元麻布 もとあざぶ, 台場 だいば, …) except 白金 / 白金台, which it reads しろがね(だい) where the data and
Japan Post say しろかね(だい), and 麻布狸穴町, which it reads あざぶたぬきあなまち (the town is まみあなちょう).
Rule: where both agree, pykakasi's kana is kept (it marks long vowels, which Hepburn romaji drops); where
they differ only in voicing (dakuten), both count, so しろかねだい and しろがねだい find 白金台; otherwise
the data's romaji in kana is used alone (麻布狸穴町: あざぶまみあなちょ, long vowel unmarked).
Readings are compared by :func:`kana_key` (kana -> romaji key), so long vowels (こうなん / こなん,
はままつちょう / はままつちょー) and katakana or half-width input all match.

Chinese forms: ``opencc`` converts simplified to traditional (s2t) and then to Japanese kanji (t2jp):
高轮 -> 高輪, 滨松町 -> 浜松町. It leaves 之 alone (虎之门 -> 虎之門); :mod:`geo.towns` derives the
之 and の variants of names written with ノ from the data's names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import jaconv

from geo.layers import chome_list

WARD_PREFIX = ("東京都", "港区")  # read with pykakasi and dropped before a kana town name
# Kana readings of the numerals 1-9, longest first where one is a prefix of another (いっ in いっちょうめ)
_KANA_DIGITS = (("いち", 1), ("いっ", 1), ("に", 2), ("さん", 3), ("よん", 4), ("し", 4), ("ご", 5),
                ("ろく", 6), ("ろっ", 6), ("なな", 7), ("しち", 7), ("はち", 8), ("はっ", 8), ("きゅう", 9),
                ("きゅー", 9), ("く", 9))
_KANA_DIGIT = "|".join(k for k, _ in sorted(_KANA_DIGITS, key=lambda kv: -len(kv[0])))
_KANA_CHOME = re.compile(rf"^[\s\-]*(?:({_KANA_DIGIT})?(じゅう|じゅー|じゅっ|じっ))?({_KANA_DIGIT})?"
                         r"(?:ちょうめ|ちょーめ|ちょめ)")
_KANA_RUN = re.compile(r"[ぁ-ゖゝゞー]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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


def kana_key(kana: str) -> str:
    """Key of a hiragana or katakana reading: its romaji key (vowel length and ー do not count).

    >>> kana_key("しろかねだい"), kana_key("シロカネダイ"), kana_key("こうなん") == kana_key("コーナン")
    ('shirokanedai', 'shirokanedai', True)
    """
    return romaji_key(jaconv.kana2alphabet(jaconv.kata2hira(kana)))


def _devoiced(kana: str) -> str:
    """Kana without dakuten/handakuten: しろがね -> しろかね."""
    return "".join(ch for ch in unicodedata.normalize("NFD", kana) if ch not in "\u3099\u309a")


def _romaji_kana(romaji: str) -> str:
    """Hiragana for the data's romaji: Shirokanedai -> しろかねだい (long vowels are not marked in it)."""
    return jaconv.alphabet2kana(romaji_key(romaji))


@lru_cache(maxsize=1)
def _kana_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str], tuple[str, ...]]:
    """(town -> readings, kana key -> town, readings of the ward prefix); built once (pykakasi loads in ~0.5 s)."""
    import pykakasi

    kks = pykakasi.kakasi()

    def read(kanji: str) -> str:
        return "".join(part["hira"] for part in kks.convert(kanji))

    readings: dict[str, tuple[str, ...]] = {}
    for c in chome_list():
        if c.town_ja in readings:
            continue
        data, lib = _romaji_kana(c.town_en), read(c.town_ja)
        if kana_key(lib) == kana_key(data):  # the same reading; pykakasi's keeps the long vowels (こうなん)
            readings[c.town_ja] = (lib,)
        elif kana_key(_devoiced(lib)) == kana_key(_devoiced(data)):  # しろかね and しろがね
            readings[c.town_ja] = (data, lib)
        else:  # pykakasi misreads the name (狸穴 たぬきあな): the data's romaji only
            readings[c.town_ja] = (data,)
    index = {kana_key(r): town for town, rs in readings.items() for r in rs}
    return readings, index, tuple(read(word) for word in WARD_PREFIX)


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()


def reading_key(text: str) -> str:
    """Romaji key of pykakasi's reading of mixed kanji and kana text: 赤坂みつけ -> akasakamitsuke.

    >>> reading_key("赤坂みつけ"), reading_key("しながわ")
    ('akasakamitsuke', 'shinagawa')
    """
    return kana_key("".join(part["hira"] for part in _kakasi().convert(text)))


def town_readings() -> dict[str, tuple[str, ...]]:
    """Accepted hiragana readings per town: ``{"港南": ("こうなん",), "白金台": ("しろかねだい", "しろがねだい")}``."""
    return dict(_kana_tables()[0])


def kana_to_kanji(text: str) -> str | None:
    """The text with a leading kana town reading replaced by the town's kanji name, or None if none leads.

    >>> kana_to_kanji("しろかねだい5丁目"), kana_to_kanji("ロッポンギ６"), kana_to_kanji("六本木")
    ('白金台5丁目', '六本木6', None)
    """
    hira = jaconv.kata2hira(unicodedata.normalize("NFKC", text)).strip()
    if not _KANA_RUN.match(hira):  # not kana: leave pykakasi unloaded
        return None
    readings, index, prefixes = _kana_tables()
    for prefix in prefixes:
        hira = hira.removeprefix(prefix).lstrip()
    run = _KANA_RUN.match(hira)
    if run is None:
        return None
    longest = 2 * max(len(r) for rs in readings.values() for r in rs)
    for end in range(min(run.end(), longest), 0, -1):
        if town := index.get(kana_key(hira[:end])):
            return town + hira[end:]
    return None


def kana_chome_number(text: str) -> int | None:
    """The chome number of a leading kana reading such as ろくちょうめ, ごちょーめ or じゅうにちょうめ, else None.

    >>> kana_chome_number("ろくちょうめ"), kana_chome_number("イッチョウメ"), kana_chome_number("ろく")
    (6, 1, None)
    """
    m = _KANA_CHOME.match(jaconv.kata2hira(unicodedata.normalize("NFKC", text)))
    if m is None or not (m.group(2) or m.group(3)):
        return None
    digits = dict(_KANA_DIGITS)
    tens = (digits[m.group(1)] if m.group(1) else 1) * 10 if m.group(2) else 0
    return tens + (digits[m.group(3)] if m.group(3) else 0)


@lru_cache(maxsize=1)
def _opencc() -> tuple[Any, Any]:
    """OpenCC converters simplified -> traditional and traditional -> Japanese kanji (loaded once)."""
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2jp")


def chinese_to_japanese(text: str) -> str | None:
    """Japanese kanji for Chinese text (s2t, then t2jp), or None when the text has no Han character.

    >>> chinese_to_japanese("高轮1丁目"), chinese_to_japanese("滨松町"), chinese_to_japanese("roppongi")
    ('高輪1丁目', '浜松町', None)
    """
    if not _HAN.search(text):
        return None
    s2t, t2jp = _opencc()
    return t2jp.convert(s2t.convert(text))
