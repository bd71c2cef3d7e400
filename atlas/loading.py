"""Read YAML data files with errors that name the file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from geo.layers import DataFileError


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing or malformed file raises DataFileError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"{path.name}: file is missing ({path})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path.name}: not valid YAML ({exc})") from exc


def require(mapping: Any, key: str, where: str) -> Any:
    """``mapping[key]`` or DataFileError naming ``where`` (file and row)."""
    if not isinstance(mapping, dict) or mapping.get(key) in (None, ""):
        raise DataFileError(f"{where}: missing field '{key}'")
    return mapping[key]


def csv_rows(path: Path, required: tuple[str, ...] = (), hint: str = "") -> list[tuple[str, dict[str, str]]]:
    """(``"file, row N"``, record) pairs of a UTF-8 CSV; the header is row 1 and must hold ``required``."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"{path.name}, row 1: missing column(s) {missing}")
            return [(f"{path.name}, row {i}", rec) for i, rec in enumerate(reader, start=2)]
    except FileNotFoundError as exc:
        raise DataFileError(f"{path.name}: file is missing ({path}){hint}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"{path.name}: not a UTF-8 CSV ({exc})") from exc


def csv_field(rec: dict[str, str], key: str, where: str) -> str:
    """The stripped, non-empty value of ``key`` or DataFileError naming ``where``."""
    value = (rec.get(key) or "").strip()
    if not value:
        raise DataFileError(f"{where}: missing '{key}'")
    return value
