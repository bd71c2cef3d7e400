"""Reading an uploaded file: bytes to text, text to CSV records, the header row. No Streamlit.

Each step appends :class:`~atlas.messages.Msg` problems to the lists it is given and returns None when the file
cannot be used. A syntax error is named as such (an unclosed quote, with the row it opens on); the reader is
strict, so ``"a"b`` is an error rather than a silently joined ``ab``.
"""

from __future__ import annotations

import csv
import io
import re

from atlas.messages import Listing, Msg

MAX_ROWS = 5_000
MAX_COLUMNS = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def shown(cell: str, limit: int = 40) -> str:
    """A cell quoted for a message, shortened to ``limit`` characters."""
    return repr(cell if len(cell) <= limit else cell[: limit - 1] + "…")


def decode(data: bytes, errors: list[Msg], warnings: list[Msg]) -> tuple[str, str] | None:
    """(text, encoding) of ``data`` as UTF-8 (with or without BOM) or Shift_JIS (CP932); None with an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.append(Msg("upload_e_utf16"))
        return None
    for codec in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            break
        if codec == "cp932":
            warnings.append(Msg("upload_w_sjis"))
            return text, "cp932"
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    errors.append(Msg("upload_e_not_text"))
    return None


def records(text: str, errors: list[Msg]) -> list[tuple[int, list[str]]] | None:
    """(row number, stripped cells) for every non-blank record; None with an error if the CSV is malformed."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            stripped = [c.strip() for c in cells]
            if any(stripped):
                out.append((number, stripped))
            if len(out) > MAX_ROWS + 1:
                errors.append(Msg("upload_e_too_many_rows", limit=MAX_ROWS))
                return None
    except csv.Error as exc:  # the record after the last good one is the broken one
        if "unexpected end of data" in str(exc):
            errors.append(Msg("upload_e_unclosed_quote", row=number + 1))
        else:
            errors.append(Msg("upload_e_csv_syntax", row=number + 1, detail=str(exc)))
        return None
    return out


def header(number: int, cells: list[str], looks_like_data: bool, errors: list[Msg]) -> list[str] | None:
    """Validated header cells (trailing empty cells dropped), or None with an error.

    ``looks_like_data``: the caller found a key or numbers where the names of the columns should be.
    """
    while cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        errors.append(Msg("upload_e_too_many_columns", row=number, n=len(cells), limit=MAX_COLUMNS))
        return None
    if looks_like_data:
        errors.append(Msg("upload_e_no_header", row=number))
        return None
    if len(cells) < 2:
        errors.append(Msg("upload_e_narrow", row=number))
        return None
    problems: list[Msg] = [Msg("upload_p_unnamed", column=i) for i, c in enumerate(cells[1:], start=2) if not c]
    seen: dict[str, int] = {}
    for i, name in enumerate(cells[1:], start=2):
        if name and name in seen:
            problems.append(Msg("upload_p_repeat", column=i, name=shown(name), first=seen[name]))
        seen.setdefault(name, i)
    if problems:
        errors.append(Msg("upload_e_header", row=number, problems=Listing(tuple(problems), "list_separator_strong")))
        return None
    return cells
