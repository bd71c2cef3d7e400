"""Source records (``data/sources.yaml``): title, publisher, URL, reference date, license, credit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas import formatting
from atlas.i18n import LANGS, t
from atlas.loading import read_yaml, require
from geo.layers import DataFileError
from geo.paths import data_dir

# A page address with a path: a bare site root ("https://example.org/") does not say which page was used.
URL = re.compile(r"^https?://[^/\s]+/\S+$")


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
    date_notes: dict[str, str] | None = None
    read_date: dt.date | None = None

    def label(self, lang: str, as_of: dt.date | None = None) -> str:
        """'Source: <title>, <publisher>, as of <date>' in ``lang``; ``as_of`` overrides the record's date.

        Without any date the label carries the record's note on why (``date_note``).
        """
        day = as_of or self.reference_date
        if day is None:
            note = (self.date_notes or {}).get(lang) or t("date_not_stated", lang)
            return t("source_label_undated", lang, title=self.titles[lang], publisher=self.publisher, note=note)
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
        date, notes = _dates(row, where)
        url = str(require(row, "url", where))
        if not URL.match(url):
            raise DataFileError(f"{where}: url must be a full http(s) address of the page, not '{url}'")
        out[require(row, "id", where)] = Source(
            id=row["id"], titles=dict(titles), publisher=require(row, "publisher", where),
            url=url, reference_date=date, license=require(row, "license", where),
            credit=require(row, "credit", where), derivation=row.get("derivation", ""), date_notes=notes,
            read_date=row.get("read_date"),
        )
    return out


def _dates(row: dict, where: str) -> tuple[dt.date | None, dict[str, str] | None]:
    """The record's reference date, or None with its ``date_note`` in every language (required then)."""
    if "reference_date" not in row:
        raise DataFileError(f"{where}: missing field 'reference_date' (a YYYY-MM-DD date, or null with date_note)")
    date = row["reference_date"]
    if date is not None and not isinstance(date, dt.date):
        raise DataFileError(f"{where}: reference_date must be a YYYY-MM-DD date, not {date!r}")
    read = row.get("read_date")
    if read is not None and not isinstance(read, dt.date):
        raise DataFileError(f"{where}: read_date must be a YYYY-MM-DD date, not {read!r}")
    notes = row.get("date_note")
    complete = isinstance(notes, dict) and all(isinstance(notes.get(lang), str) and notes[lang].strip()
                                               for lang in LANGS)
    if date is None and not complete:
        raise DataFileError(f"{where}: reference_date is null, so date_note must say in ja, en and zh why "
                            "(the page gives none) and when it was read")
    return date, (dict(notes) if isinstance(notes, dict) else None)
