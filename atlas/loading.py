"""Read YAML data files with errors that name the file."""

from __future__ import annotations

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
