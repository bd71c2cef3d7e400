"""Errors about data files, and the one bridge from a pydantic schema to them. No Streamlit.

Every message names the file by its data-relative path (``data/indicators.yaml``, never the server's absolute
path), then the row or item, then the field: ``data/sources.yaml, source 3: publisher must be text, not 42``.
"""

from __future__ import annotations

import csv
import reprlib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from geo.paths import data_dir
from geo.plain_text import plain_text

M = TypeVar("M", bound=BaseModel)
SHOWN = 80  # characters of an offending value quoted in a message
LONGEST = 400  # characters of a whole message: it names file, row and field first, so a cut keeps those
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 2, SHOWN, SHOWN
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 4


class DataFileError(RuntimeError):
    """A data file is missing or malformed; the message names the file (data-relative) and the row.

    The message is cut to :data:`LONGEST` characters, so no value in a data file can make it large."""

    def __init__(self, message: str) -> None:
        super().__init__(message if len(message) <= LONGEST else message[: LONGEST - 1] + "…")


def data_name(path: Path) -> str:
    """``data/<path inside the data folder>``, or the bare file name for a file outside it.

    >>> data_name(data_dir() / "geo" / "chome.geojson")
    'data/geo/chome.geojson'
    """
    try:
        return "data/" + Path(path).resolve().relative_to(data_dir().resolve()).as_posix()
    except ValueError:
        return Path(path).name


def shown(value: object) -> str:
    """A value quoted for a message, cut to :data:`SHOWN` characters (never expanded whole first: a nested value
    is summarised by :mod:`reprlib`, however large)."""
    text = _REPR.repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def validated(model: type[M], data: Any, where: str) -> M:
    """``model`` validated from ``data``; the first problem raises DataFileError prefixed with ``where``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(f"{where}: {describe(exc)}") from None


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_KINDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "finite_number": "a finite number", "bool_type": "true or false", "bool_parsing": "true or false",
    "date_type": "a YYYY-MM-DD date", "date_parsing": "a YYYY-MM-DD date", "date_from_datetime_parsing":
    "a YYYY-MM-DD date", "date_from_datetime_inexact": "a YYYY-MM-DD date", "list_type": "a list",
    "dict_type": "a mapping", "model_type": "a mapping", "model_attributes_type": "a mapping",
}


def describe(exc: ValidationError) -> str:
    """One short sentence for the first error of ``exc`` (the field, what it must be, what it holds)."""
    err = exc.errors(include_url=False)[0]
    field, kind, value = _field(tuple(err["loc"])), err["type"], err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    name = field or "the value"
    if kind in _KINDS:
        return f"{name} must be {_KINDS[kind]}, not {shown(value)}"
    if kind == "literal_error":
        return f"{name} must be {ctx.get('expected')}, not {shown(value)}"
    if kind == "union_tag_invalid":
        return f"{name} type must be {ctx.get('expected_tags')}, not {shown(ctx.get('tag'))}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return f"missing '{field}'"
    if kind == "too_short":
        return f"{name} must not be empty"
    if kind in ("value_error", "assertion_error"):
        return f"{name} {ctx.get('error')}" if field else str(ctx.get("error"))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{name} must be {err['msg'].removeprefix('Input should be ')}, not {shown(value)}"
    return f"{name}: {err['msg']}"


def _plain_cells(rec: dict[str, str], where: str) -> dict[str, str]:
    out = {}
    for key, value in rec.items():
        try:
            out[key] = plain_text(value) if isinstance(value, str) else value
        except ValueError as exc:
            raise DataFileError(f"{where}: {key} {exc}") from None
    return out


def csv_rows(path: Path, required: tuple[str, ...] = (), hint: str = "",
             non_empty: bool = False) -> list[tuple[str, dict[str, str]]]:
    """(``"data/file, row N"``, record) pairs of a UTF-8 CSV; the header is row 1 and must hold ``required``.

    A byte-order mark before the header is read as such (a spreadsheet's "CSV UTF-8" writes one), and every cell is
    plain text (:func:`geo.plain_text.plain_text`: spaces collapsed, a control character or markup is an error).

    With ``non_empty`` a file without data rows is an error too.
    """
    name = data_name(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, strict=True)
            if reader.fieldnames is None:
                raise DataFileError(f"{name}: the file is empty{hint}")
            missing = [c for c in required if c not in reader.fieldnames]
            if missing:
                raise DataFileError(f"{name}, row 1: missing column(s) {missing}")
            rows = [(f"{name}, row {i}", rec) for i, rec in enumerate(reader, start=2)]
            rows = [(where, _plain_cells(rec, where)) for where, rec in rows]
    except FileNotFoundError:
        raise DataFileError(f"{name}: file is missing{hint}") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{name}: not UTF-8 text") from None
    except csv.Error as exc:
        raise DataFileError(f"{name}, row {reader.line_num}: CSV syntax error ({exc})") from None
    if non_empty and not rows:
        raise DataFileError(f"{name}: no data rows below the header{hint}")
    return rows
