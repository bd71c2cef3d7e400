"""Read YAML and CSV data files with errors that name the file (data-relative), the row and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from geo.datafile import DataFileError, csv_rows, data_name, validated

__all__ = ["csv_field", "csv_records", "csv_rows", "read_yaml", "require"]

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing or malformed file raises DataFileError naming it."""
    name = data_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{name}: file is missing") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{name}: not UTF-8 text") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise DataFileError(f"{name}: not valid YAML{where} ({problem})") from None


def require(mapping: Any, key: str, where: str) -> Any:
    """``mapping[key]`` or DataFileError naming ``where`` (file and row)."""
    if not isinstance(mapping, dict) or mapping.get(key) in (None, ""):
        raise DataFileError(f"{where}: missing field '{key}'")
    return mapping[key]


def csv_records(path: Path, model: type[M], hint: str = "") -> list[tuple[str, M]]:
    """Every data row of a CSV validated by ``model``; at least one row. The header must name every field of the
    model; a blank cell is a missing field (an error unless the field has a default)."""
    required = tuple(f.alias or n for n, f in model.model_fields.items())
    out = []
    for where, rec in csv_rows(path, required, hint, non_empty=True):
        if None in rec:  # more cells than the header names
            raise DataFileError(f"{where}: more cells than the header has columns")
        cells = {k: v.strip() for k, v in rec.items() if v and v.strip()}  # a blank cell is a missing field
        out.append((where, validated(model, cells, where)))
    return out


def csv_field(rec: dict[str, str], key: str, where: str) -> str:
    """The stripped, non-empty value of ``key`` or DataFileError naming ``where``."""
    value = (rec.get(key) or "").strip()
    if not value:
        raise DataFileError(f"{where}: missing '{key}'")
    return value
