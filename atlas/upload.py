"""Parse a user's CSV of figures per district or per chome, for display next to the built-in indicators.

:func:`parse_upload` never raises: every problem becomes a :class:`~atlas.messages.Msg` in ``errors`` (the upload
cannot be used) or ``warnings`` (it can), worded in the view's language when shown (``Msg.text(lang)``). Messages
name the row (1-based, the header is row 1) or the column. Cell and header text is kept as plain text exactly as
given (after stripping whitespace); nothing is interpreted as HTML or a formula, and the UI must escape it.

File shape: a header row, then one row per area. The first column is the key (see :mod:`atlas.upload_keys`);
every other column must hold numbers; a column with no number at all is left out with a warning. Reading the
bytes, the CSV syntax and the header is :mod:`atlas.upload_read`.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from atlas.messages import Listing, Msg, texts
from atlas.upload_keys import looks_like_key
from atlas.upload_keys import resolve_keys as _resolve_keys
from atlas.upload_read import MAX_COLUMNS, MAX_ROWS, decode, header, records, shown

__all__ = ["MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS", "MAX_UPLOAD_MB", "SERVER_UPLOAD_MB", "Msg", "UploadResult",
           "column_id", "parse_number", "parse_upload", "texts"]
MAX_UPLOAD_MB = 1
"""The upload limit in MB (2**20 bytes): stated once under the uploader (``upload_limit``) and enforced here with
the app's translated message (``upload_e_too_big``)."""
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SERVER_UPLOAD_MB = MAX_UPLOAD_MB + 1
"""``server.maxUploadSize`` in .streamlit/config.toml and nginx's ``client_max_body_size`` (deploy/edge.py), in MB of
2**20 bytes: above the app's limit, so that a file just over it reaches :func:`parse_upload` and its message in
the view's language instead of Streamlit's English one. Streamlit's browser check counts 10**6 bytes per MB (2**20
on Windows); its server and nginx count the whole multipart body (the file and about 200 bytes of framing). So every
file up to 2,000,000 bytes gets the app's answer (tests/hardening/test_upload_limit.py)."""
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
MINUS_SIGNS = {"−": "-", "‐": "-", "‒": "-", "–": "-", "▲": "-", "△": "-"}  # ▲/△ mark negatives in JP tables
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
UPLOAD_PREFIX = "upload:"

Level = Literal["district", "chome"]


def column_id(name: str) -> str:
    """A short id for an uploaded column, stable for the same header: ``upload:`` and 8 hex digits.

    The URL carries this, never the header itself (which may be 5,000 characters long).

    >>> column_id("population")
    'upload:4f9edc4d'
    """
    return UPLOAD_PREFIX + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


@dataclass
class UploadResult:
    """What :func:`parse_upload` made of a file.

    ``values[column][key]`` is a float; ``key`` is a district slug (level ``district``) or an e-Stat KEY_CODE
    (level ``chome``). Keys whose cell is blank are absent. When ``errors`` is not empty, ``columns`` and ``values``
    are empty and the upload must not be shown (``level`` may still say what the keys were). ``ids`` maps each
    column to its :func:`column_id`.
    """

    level: Level | None = None
    columns: list[str] = field(default_factory=list)
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[Msg] = field(default_factory=list)
    warnings: list[Msg] = field(default_factory=list)
    encoding: str | None = None
    key_column: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # key -> the text given in the file
    filename: str = ""
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_texts(self, lang: str) -> list[str]:
        return texts(self.errors, lang)

    def warning_texts(self, lang: str) -> list[str]:
        return texts(self.warnings, lang)


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


def _is_year(cell: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d(年|年度)?", unicodedata.normalize("NFKC", cell).strip()))


def _looks_like_data(cells: list[str]) -> bool:
    """A first row that holds a key or only numbers (years allowed as column names) is data, not a header."""
    key_is_data = bool(cells) and (parse_number(cells[0]) is not None or looks_like_key(cells[0]))
    numeric = [c for c in cells[1:] if parse_number(c) is not None]
    return key_is_data or (bool(numeric) and len(numeric) == len(cells) - 1 and not all(_is_year(c) for c in numeric))


def _values(head: list[str], rows: list[tuple[int, list[str]]], keys: dict[int, tuple[str, str]],
            result: UploadResult) -> None:
    """Fill ``result.columns`` / ``result.values`` from the value columns; errors for non-numeric cells."""
    problems: list[Msg] = []
    for number, cells in rows:
        if number in keys and any(c for c in cells[len(head):]):
            problems.append(Msg("upload_e_extra_cells", row=number, n=len(cells), header=len(head)))
    for col in range(1, len(head)):
        name = head[col]
        numbers: dict[str, float] = {}
        blank: list[int] = []
        bad: list[Msg] = []
        for number, cells in rows:
            if number not in keys:
                continue
            cell = cells[col] if col < len(cells) else ""
            value = parse_number(cell) if cell else None
            if not cell:
                blank.append(number)
            elif value is None:
                bad.append(Msg("upload_row_cell", n=number, cell=shown(cell)))
            else:
                numbers[keys[number][1]] = value
        if not numbers:
            result.warnings.append(Msg("upload_w_text_column", column=shown(name)))
            continue
        if bad:
            problems.append(Msg("upload_e_not_numbers", column=shown(name), cells=Listing(tuple(bad))))
        if blank:
            rows_msg = (Msg("upload_row", n=blank[0]) if len(blank) == 1
                        else Msg("upload_rows", rows=Listing(tuple(blank))))
            result.warnings.append(Msg("upload_w_blank", column=shown(name), rows=rows_msg))
        result.columns.append(name)
        result.values[name] = numbers
    if problems:
        result.errors.extend(problems)
    elif not result.columns:
        result.errors.append(Msg("upload_e_no_numbers"))


def _ids(columns: list[str]) -> dict[str, str]:
    """Column -> short id; two headers with the same hash prefix (unlikely) get ``-2``, ``-3``… in file order."""
    out: dict[str, str] = {}
    for name in columns:
        base, n = column_id(name), 1
        while (candidate := base if n == 1 else f"{base}-{n}") in out.values():
            n += 1
        out[name] = candidate
    return out


def parse_upload(data: bytes, filename: str) -> UploadResult:
    """Read an uploaded CSV (see the module docstring); never raises."""
    result = UploadResult(filename=filename if isinstance(filename, str) else "")
    try:
        _parse(data, result)
    except Exception as exc:  # a bug must not break the page: report it instead
        result.errors.append(Msg("upload_e_internal", kind=type(exc).__name__))
    if result.errors:
        result.columns, result.values = [], {}
    result.ids = _ids(result.columns)
    return result


def _parse(data: bytes, result: UploadResult) -> None:
    if not isinstance(data, bytes | bytearray | memoryview):
        result.errors.append(Msg("upload_e_no_content"))
        return
    size = len(data) if not isinstance(data, memoryview) else data.nbytes
    if size > MAX_BYTES:
        result.errors.append(Msg("upload_e_too_big", size=size, mb=MAX_UPLOAD_MB, limit=MAX_BYTES))
        return
    data = bytes(data)
    if not data.strip(b" \t\r\n") or data.strip(b" \t\r\n") == b"\xef\xbb\xbf":
        result.errors.append(Msg("upload_e_empty"))
        return
    if result.filename and not result.filename.lower().endswith(TEXT_EXTENSIONS):
        result.warnings.append(Msg("upload_w_extension"))
    decoded = decode(data, result.errors, result.warnings)
    if decoded is None:
        return
    text, result.encoding = decoded
    rows = records(text, result.errors)
    if rows is None:
        return
    if not rows:
        result.errors.append(Msg("upload_e_empty"))
        return
    (header_row, header_cells), body = rows[0], rows[1:]
    head = header(header_row, header_cells, _looks_like_data(header_cells), result.errors)
    if head is None:
        return
    result.key_column = head[0]
    found = _resolve_keys(body, result.labels, result.errors, result.warnings)
    if found is None:
        return
    result.level, keys = found  # type: ignore[assignment]
    _values(head, body, keys, result)
