"""Source records (``data/sources.yaml``): title, publisher, URL, reference date, license, credit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas import formatting
from atlas.i18n import LANGS, t
from atlas.loading import read_yaml, require
from geo.paths import data_dir


@dataclass(frozen=True)
class Source:
    """Where a dataset or figure comes from."""

    id: str
    titles: dict[str, str]
    publisher: str
    url: str
    reference_date: dt.date | None
    license: str
    credit: str
    derivation: str = ""

    def label(self, lang: str, as_of: dt.date | None = None) -> str:
        """'Source: <title>, <publisher>, as of <date>' in ``lang``; ``as_of`` overrides the record's date."""
        day = as_of or self.reference_date
        if day is None:
            return t("source_label_undated", lang, title=self.titles[lang], publisher=self.publisher)
        return t("source_label", lang, title=self.titles[lang], publisher=self.publisher,
                 date=formatting.date(day, lang))


def sources() -> dict[str, Source]:
    """All source records by id, validated."""
    return load_sources(data_dir() / "sources.yaml")


@cache
def load_sources(path: Path) -> dict[str, Source]:
    """Source records from ``path`` (see :func:`sources`)."""
    rows = require(read_yaml(path), "sources", path.name)
    out = {}
    for i, row in enumerate(rows, start=1):
        where = f"{path.name}, source {i}"
        titles = require(row, "title", where)
        for lang in LANGS:
            require(titles, lang, f"{where} title")
        date = row.get("reference_date")
        out[require(row, "id", where)] = Source(
            id=row["id"], titles=dict(titles), publisher=require(row, "publisher", where),
            url=require(row, "url", where), reference_date=date if isinstance(date, dt.date) else None,
            license=require(row, "license", where), credit=require(row, "credit", where),
            derivation=row.get("derivation", ""),
        )
    return out
