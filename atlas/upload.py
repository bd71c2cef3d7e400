"""Parse a user's CSV of figures per district or per chome, for display next to the built-in indicators.

:func:`parse_upload` never raises: every problem becomes a message in ``errors`` (the upload cannot be used) or
``warnings`` (it can). Messages name the row (1-based, the header is row 1) or the column. Cell and header text is
kept as plain text exactly as given (after stripping whitespace); nothing is interpreted as HTML or a formula, and
the UI must escape it when displaying.

File shape: a header row, then one row per area. The first column is the key: a district (芝, 芝地区, Shiba,
shibaura konan, shibaura-konan), a chome (六本木六丁目, 六本木6丁目, Roppongi 6-chome) or an e-Stat KEY_CODE
(13103001001; 9 digits for 麻布狸穴町 and 麻布永坂町). Every other column must hold numbers; a column with no
number at all is left out with a warning.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from atlas.districts import districts
from geo.layers import chome_list
from geo.towns import romaji_key, search_town

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_COLUMNS = 100
MAX_LISTED = 10  # rows or cells named in one message before "and N more"
KEY_CODE = re.compile(r"^(\d{9}(?:\d{2})?)(?:\.0+)?$")  # 11 digits; 9 for towns without chome
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
MINUS_SIGNS = {"−": "-", "‐": "-", "‒": "-", "–": "-", "▲": "-", "△": "-"}  # ▲/△ mark negatives in JP tables
TOTAL_KEYS = {"港区", "港区計", "港区合計", "港区総数", "港区全体", "区全体", "合計", "総数", "計", "総計",
              "total", "ward", "minato", "minatoku", "minatocity", "all"}
DISTRICT_SUFFIXES = ("総合支所管内", "総合支所", "地区", "地區", "district", "area")
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")

Level = Literal["district", "chome"]


@dataclass
class UploadResult:
    """What :func:`parse_upload` made of a file.

    ``values[column][key]`` is a float; ``key`` is a district slug (level ``district``) or an e-Stat KEY_CODE
    (level ``chome``). Keys whose cell is blank are absent. When ``errors`` is not empty, ``columns`` and ``values``
    are empty and the upload must not be shown (``level`` may still say what the keys were).
    """

    level: Level | None = None
    columns: list[str] = field(default_factory=list)
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    key_column: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # key -> the text given in the file

    @property
    def ok(self) -> bool:
        return not self.errors


def _listing(items: list[str]) -> str:
    """'a, b, c' with at most MAX_LISTED items, then 'and N more'."""
    shown = ", ".join(items[:MAX_LISTED])
    return shown if len(items) <= MAX_LISTED else f"{shown} and {len(items) - MAX_LISTED} more"


def _show(cell: str, limit: int = 40) -> str:
    """A cell quoted for a message, shortened to ``limit`` characters."""
    return repr(cell if len(cell) <= limit else cell[: limit - 1] + "…")


def _rows(numbers: list[int]) -> str:
    return ("row " if len(numbers) == 1 else "rows ") + _listing([str(n) for n in numbers])


# --- decoding ----------------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes, result: UploadResult) -> str | None:
    """Text of ``data`` as UTF-8 (with or without BOM) or Shift_JIS (CP932); None with an error otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.errors.append("The file is UTF-16 encoded; save it as CSV in UTF-8 (or Shift_JIS) and upload again.")
        return None
    text = None
    for codec in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        result.encoding = "utf-8-sig" if codec == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else (
            "utf-8" if codec == "utf-8-sig" else "cp932")
        break
    if text is None or _CONTROL.search(text):
        result.encoding = None
        result.errors.append("The file is not text in UTF-8 or Shift_JIS (CP932); upload a CSV file.")
        return None
    if result.encoding == "cp932":
        result.warnings.append("Read as Shift_JIS (CP932); if names look garbled, save the file as UTF-8.")
    return text


# --- keys --------------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _district_index() -> dict[str, str]:
    """Normalised name -> slug for every way of writing a district (ja, en, zh, slug, without 地区)."""
    index: dict[str, str] = {}
    for d in districts():
        for name in (d.id, d.source_name, *d.names.values()):
            base = _norm(name)
            for variant in (base, _strip_suffix(base)):
                index[variant.lower()] = d.id
                if _latin(variant):
                    index[romaji_key(variant)] = d.id
    return index


def _strip_suffix(text: str) -> str:
    lowered = text.lower()
    for suffix in DISTRICT_SUFFIXES:
        if lowered.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].rstrip(" -_")
    return text


def _latin(text: str) -> bool:
    """True for text in Latin letters (macrons and other accents allowed), digits and punctuation."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return bare.isascii() and any(ch.isalpha() for ch in bare)


def _resolve(raw: str, index: dict[str, str], codes: set[str]) -> tuple[str, str] | str:
    """(level, key) for a key cell, or a reason string: 'unknown', 'total' or 'ambiguous:<n>'."""
    text = _norm(raw)
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


# --- numbers -----------------------------------------------------------------------------------------------------


def parse_number(cell: str) -> float | None:
    """A number in a cell: '1,234', '１２３', '-5', '▲5', '3.5e2'; None when it is not one.

    >>> parse_number("1,234"), parse_number("１２３"), parse_number("▲5"), parse_number("12abc")
    (1234.0, 123.0, -5.0, None)
    """
    text = unicodedata.normalize("NFKC", cell).strip()
    for sign, ascii_sign in MINUS_SIGNS.items():
        text = text.replace(sign, ascii_sign)
    text = text.replace(" ", "")
    if GROUPED.match(text):
        text = text.replace(",", "")
    if not NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


# --- parsing -----------------------------------------------------------------------------------------------------


def _records(text: str, result: UploadResult) -> list[tuple[int, list[str]]] | None:
    """(row number, stripped cells) for every non-blank record; None with an error if the CSV is malformed."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            stripped = [c.strip() for c in cells]
            if any(stripped):
                out.append((number, stripped))
            if len(out) > MAX_ROWS + 1:
                result.errors.append(f"More than {MAX_ROWS:,} data rows; Minato has 5 districts and 117 chome.")
                return None
    except csv.Error as exc:
        result.errors.append(f"Row {number + 1}: the CSV cannot be read ({exc}).")
        return None
    return out


def _is_year(cell: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d(年|年度)?", _norm(cell)))


def _header(number: int, cells: list[str], result: UploadResult) -> list[str] | None:
    """Validated header cells (trailing empty cells dropped), or None with an error."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        result.errors.append(f"Row {number} (header): {len(cells)} columns; at most {MAX_COLUMNS} are read.")
        return None
    index, codes = _district_index(), {c.key_code for c in chome_list()}
    key_is_data = bool(cells) and (parse_number(cells[0]) is not None
                                   or isinstance(_resolve(cells[0], index, codes), tuple))
    numeric = [c for c in cells[1:] if parse_number(c) is not None]
    values_are_data = bool(numeric) and len(numeric) == len(cells) - 1 and not all(_is_year(c) for c in numeric)
    if key_is_data or values_are_data:
        result.errors.append(
            f"Row {number} looks like data, not a header: the first row must name the columns "
            "(e.g. 'district,population')."
        )
        return None
    if len(cells) < 2:
        result.errors.append(
            f"Row {number} (header): expected at least two columns, the key (district or chome) and a value."
        )
        return None
    problems = [f"column {i} has no name" for i, c in enumerate(cells[1:], start=2) if not c]
    seen: dict[str, int] = {}
    for i, name in enumerate(cells[1:], start=2):
        if name and name in seen:
            problems.append(f"column {i} {_show(name)} repeats column {seen[name]}")
        seen.setdefault(name, i)
    if problems:
        result.errors.append(f"Row {number} (header): {'; '.join(problems)}.")
        return None
    return cells


def _keys(rows: list[tuple[int, list[str]]], result: UploadResult) -> dict[int, tuple[str, str]] | None:
    """Row number -> (level, key) for the data rows; errors for unknown, ambiguous, duplicate or mixed keys."""
    index, codes = _district_index(), {c.key_code for c in chome_list()}
    cache: dict[str, tuple[str, str] | str] = {}
    resolved: dict[int, tuple[str, str]] = {}
    unknown, ambiguous, empty, totals = [], [], [], []
    for number, cells in rows:
        raw = cells[0] if cells else ""
        if not raw:
            empty.append(number)
            continue
        if raw not in cache:
            cache[raw] = _resolve(raw, index, codes)
        found = cache[raw]
        if found == "total":
            totals.append(f"row {number} {_show(raw)}")
        elif found == "unknown":
            unknown.append(f"row {number} {_show(raw)}")
        elif isinstance(found, str):
            ambiguous.append(f"row {number} {_show(raw)} ({found.split(':')[1]} chome)")
        else:
            resolved[number] = found
            result.labels.setdefault(found[1], raw)
    if totals:
        result.warnings.append(f"Ward total rows are ignored: {_listing(totals)}.")
    if empty:
        result.errors.append(f"The first column (key) is empty in {_rows(empty)}.")
    if unknown:
        result.errors.append(f"Unknown districts or chome in the first column: {_listing(unknown)}.")
    if ambiguous:
        result.errors.append(
            f"These names match several chome; name one chome (e.g. 六本木六丁目): {_listing(ambiguous)}."
        )
    by_key: dict[tuple[str, str], list[int]] = {}
    for number, key in resolved.items():
        by_key.setdefault(key, []).append(number)
    for (_, key), numbers in by_key.items():
        if len(numbers) > 1:
            result.errors.append(f"Duplicate key: {_rows(numbers)} name the same area ({_show(result.labels[key])}).")
    levels = {level for level, _ in resolved.values()}
    if len(levels) > 1:
        by_level = {lv: [n for n, (level, _) in resolved.items() if level == lv] for lv in ("district", "chome")}
        result.errors.append(
            f"Districts ({_rows(by_level['district'])}) and chome ({_rows(by_level['chome'])}) are mixed; "
            "upload one level per file."
        )
    if not resolved and not result.errors:
        result.errors.append("No data rows: add one row per district or chome below the header.")
    if result.errors:
        return None
    result.level = levels.pop()  # type: ignore[assignment]
    return resolved


def _values(header: list[str], rows: list[tuple[int, list[str]]], keys: dict[int, tuple[str, str]],
            result: UploadResult) -> None:
    """Fill ``result.columns`` / ``result.values`` from the value columns; errors for non-numeric cells."""
    problems: list[str] = []
    for number, cells in rows:
        extra = [c for c in cells[len(header):] if c]
        if extra and number in keys:
            problems.append(f"row {number} has {len(cells)} cells but the header has {len(header)}")
    for col in range(1, len(header)):
        name = header[col]
        numbers: dict[str, float] = {}
        blank, bad = [], []
        for number, cells in rows:
            if number not in keys:
                continue
            cell = cells[col] if col < len(cells) else ""
            if not cell:
                blank.append(number)
                continue
            value = parse_number(cell)
            if value is None:
                bad.append(f"row {number} {_show(cell)}")
            else:
                numbers[keys[number][1]] = value
        if not numbers:
            result.warnings.append(f"Column {_show(name)} has no numeric values and is left out.")
            continue
        if bad:
            problems.append(f"column {_show(name)} has values that are not numbers: {_listing(bad)}")
        if blank:
            result.warnings.append(f"Column {_show(name)}: blank cells in {_rows(blank)} are treated as missing.")
        result.columns.append(name)
        result.values[name] = numbers
    if problems:
        result.errors.extend(p[0].upper() + p[1:] + "." for p in problems)
    elif not result.columns:
        result.errors.append("No column holds numbers: every column after the first must hold numeric values.")


def parse_upload(data: bytes, filename: str) -> UploadResult:
    """Read an uploaded CSV (see the module docstring); never raises."""
    result = UploadResult()
    try:
        _parse(data, filename, result)
    except Exception as exc:  # a bug must not break the page: report it instead
        result.errors.append(f"The file could not be read ({type(exc).__name__}).")
    if result.errors:
        result.columns, result.values = [], {}
    return result


def _parse(data: bytes, filename: str, result: UploadResult) -> None:
    if not isinstance(data, bytes | bytearray | memoryview):
        result.errors.append("No file content was received.")
        return
    size = len(data) if not isinstance(data, memoryview) else data.nbytes
    if size > MAX_BYTES:
        result.errors.append(f"The file is {size:,} bytes; the limit is 1 MB ({MAX_BYTES:,} bytes).")
        return
    data = bytes(data)
    if not data.strip(b" \t\r\n") or data.strip(b" \t\r\n") == b"\xef\xbb\xbf":
        result.errors.append("The file is empty.")
        return
    name = filename if isinstance(filename, str) else ""
    if name and not name.lower().endswith(TEXT_EXTENSIONS):
        result.warnings.append("The file name does not end in .csv; it was read as CSV anyway.")
    text = _decode(data, result)
    if text is None:
        return
    records = _records(text, result)
    if records is None:
        return
    if not records:
        result.errors.append("The file is empty.")
        return
    (header_row, header_cells), rows = records[0], records[1:]
    header = _header(header_row, header_cells, result)
    if header is None:
        return
    result.key_column = header[0]
    keys = _keys(rows, result)
    if keys is None:
        return
    _values(header, rows, keys, result)
