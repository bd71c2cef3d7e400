"""Proper names of the source records in en and zh (``data/names.yaml``).

sources.yaml writes a publisher or a licence's name as it is published, in Japanese; an en or zh view shows the
name given in names.yaml (keyed by the Japanese text), or the name as written when none is given.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from atlas.loading import read_yaml, require
from atlas.schemas.common import LangText
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir


def names() -> dict[str, dict[str, str]]:
    """The names by their Japanese text: {'港区': {'ja': '港区', 'en': 'Minato City', 'zh': '港区'}, …}."""
    return load_names(data_dir() / "names.yaml")


@cache
def load_names(path: Path) -> dict[str, dict[str, str]]:
    """Names from ``path`` (see :func:`names`); each entry has ja, en and zh, and no ja text twice."""
    name = data_name(path)
    rows = require(read_yaml(path), "names", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'names' must be a list")
    out: dict[str, dict[str, str]] = {}
    for i, row in enumerate(rows, start=1):
        rec = validated(LangText, row, f"{name}, name {i}")
        if rec.ja in out:
            raise DataFileError(f"{name}, name {i}: '{rec.ja}' is given twice")
        out[rec.ja] = rec.as_dict()
    return out


def name_in(text: str, lang: str) -> str:
    """``text`` (a name as sources.yaml writes it) in ``lang``; as written when names.yaml does not give it.

    >>> name_in("港区", "en"), name_in("港区", "ja")
    ('Minato City', '港区')
    """
    return names().get(text, {}).get(lang, text)
