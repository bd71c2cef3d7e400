"""The first column of an upload: which district or chome each key names. No Streamlit.

A key is a district (芝, 芝地区, Shiba, shibaura konan, shibaura-konan), a chome (六本木六丁目, 六本木6丁目,
Roppongi 6-chome) or an e-Stat KEY_CODE (13103001001; 9 digits for 麻布狸穴町 and 麻布永坂町). Text is normalised
first: NFKC (full-width letters and digits, compatibility ideographs) and a short list of variant kanji that NFKC
keeps (髙輪 → 高輪, 﨑 → 崎), so a name typed with a variant form still matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from atlas.districts import districts
from atlas.messages import Listing, Msg
from atlas.upload_read import shown
from geo.layers import chome_list
from geo.towns import romaji_key, search_town

KEY_CODE = re.compile(r"^(\d{9}(?:\d{2})?)(?:\.0+)?$")  # 11 digits; 9 for towns without chome
TOTAL_KEYS = {"港区", "港区計", "港区合計", "港区総数", "港区全体", "区全体", "合計", "総数", "計", "総計",
              "total", "ward", "minato", "minatoku", "minatocity", "all"}
DISTRICT_SUFFIXES = ("総合支所管内", "総合支所", "地区", "地區", "district", "area")
VARIANTS = str.maketrans({
    "髙": "高", "﨑": "崎", "嵜": "崎", "濵": "浜", "濱": "浜", "邊": "辺", "邉": "辺", "德": "徳", "靑": "青",
    "臺": "台", "塲": "場", "槗": "橋", "冨": "富", "𠮷": "吉", "櫻": "桜", "澤": "沢", "瀨": "瀬", "國": "国",
    "齋": "斎", "齊": "斉", "廣": "広", "榮": "栄", "會": "会", "舘": "館",
})
"""Variant (異体字) and old (旧字体) forms NFKC leaves alone -> the form the census names use."""


def normalise(text: str) -> str:
    """NFKC, variant kanji to their common form, whitespace collapsed.

    >>> normalise("髙輪　３丁目"), normalise("﨑")
    ('高輪 3丁目', '崎')
    """
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(VARIANTS)).strip()


def _latin(text: str) -> bool:
    """True for text in Latin letters (macrons and other accents allowed), digits and punctuation."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return bare.isascii() and any(ch.isalpha() for ch in bare)


def _strip_suffix(text: str) -> str:
    lowered = text.lower()
    for suffix in DISTRICT_SUFFIXES:
        if lowered.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].rstrip(" -_")
    return text


@cache
def _district_index(names: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for slug, *spellings in names:
        for name in (slug, *spellings):
            base = normalise(name)
            for variant in (base, _strip_suffix(base)):
                index[variant.lower()] = slug
                if _latin(variant):
                    index[romaji_key(variant)] = slug
    return index


def district_index() -> dict[str, str]:
    """Normalised name -> slug for every way of writing a district (ja, en, zh, slug, without 地区)."""
    return _district_index(tuple((d.id, d.source_name, *d.names.values()) for d in districts()))


def key_codes() -> set[str]:
    return {c.key_code for c in chome_list()}


def resolve(raw: str, index: dict[str, str], codes: set[str]) -> tuple[str, str] | str:
    """(level, key) for a key cell, or a reason string: 'unknown', 'total' or 'ambiguous:<n>'."""
    text = normalise(raw)
    lowered = text.lower()
    if lowered in TOTAL_KEYS or (_latin(lowered) and romaji_key(lowered) in TOTAL_KEYS):
        return "total"
    if m := KEY_CODE.match(text):
        code = m.group(1)
        return ("chome", code) if code in codes else "unknown"
    for candidate in (lowered, _strip_suffix(lowered)):
        if candidate in index:
            return "district", index[candidate]
        if _latin(candidate) and romaji_key(candidate) in index:
            return "district", index[romaji_key(candidate)]
    found = search_town(text)
    if found.status == "found" and found.chome is not None:
        return "chome", found.chome.key_code
    if found.status == "ambiguous":
        return f"ambiguous:{len(found.matches)}"
    return "unknown"


def _rows(numbers: list[int]) -> Msg:
    return Msg("upload_row", n=numbers[0]) if len(numbers) == 1 else Msg("upload_rows", rows=Listing(tuple(numbers)))


def resolve_keys(rows: list[tuple[int, list[str]]], labels: dict[str, str], errors: list[Msg],
                 warnings: list[Msg]) -> tuple[str, dict[int, tuple[str, str]]] | None:
    """(level, row number -> (level, key)) for the data rows; errors for unknown, ambiguous, duplicate or mixed
    keys. ``labels`` receives key -> the text first given for it."""
    index, codes = district_index(), key_codes()
    cache_: dict[str, tuple[str, str] | str] = {}
    resolved: dict[int, tuple[str, str]] = {}
    unknown: list[Msg] = []
    ambiguous: list[Msg] = []
    empty: list[int] = []
    totals: list[Msg] = []
    for number, cells in rows:
        raw = cells[0] if cells else ""
        if not raw:
            empty.append(number)
            continue
        if raw not in cache_:
            cache_[raw] = resolve(raw, index, codes)
        found = cache_[raw]
        if found == "total":
            totals.append(Msg("upload_row_cell", n=number, cell=shown(raw)))
        elif found == "unknown":
            unknown.append(Msg("upload_row_cell", n=number, cell=shown(raw)))
        elif isinstance(found, str):
            ambiguous.append(Msg("upload_row_ambiguous", n=number, cell=shown(raw), count=int(found.split(":")[1])))
        else:
            resolved[number] = found
            labels.setdefault(found[1], raw)
    if totals:
        warnings.append(Msg("upload_w_totals", rows=Listing(tuple(totals))))
    if empty:
        errors.append(Msg("upload_e_empty_key", rows=_rows(empty)))
    if unknown:
        errors.append(Msg("upload_e_unknown", rows=Listing(tuple(unknown))))
    if ambiguous:
        errors.append(Msg("upload_e_ambiguous", rows=Listing(tuple(ambiguous))))
    by_key: dict[tuple[str, str], list[int]] = {}
    for number, key in resolved.items():
        by_key.setdefault(key, []).append(number)
    for (_, key), numbers in by_key.items():
        if len(numbers) > 1:
            errors.append(Msg("upload_e_duplicate", rows=_rows(numbers), label=shown(labels[key])))
    levels = {level for level, _ in resolved.values()}
    if len(levels) > 1:
        by_level = {lv: [n for n, (level, _) in resolved.items() if level == lv] for lv in ("district", "chome")}
        errors.append(Msg("upload_e_mixed", districts=_rows(by_level["district"]), chome=_rows(by_level["chome"])))
    if not resolved and not errors:
        errors.append(Msg("upload_e_no_rows"))
    if errors:
        return None
    return levels.pop(), resolved


def looks_like_key(cell: str) -> bool:
    """True when a header's first cell is itself a district, chome or code (the file has no header row)."""
    return isinstance(resolve(cell, district_index(), key_codes()), tuple)
