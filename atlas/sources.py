"""Source records (``data/sources.yaml``): title, publisher, URL, reference date, license, credit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas import formatting
from atlas.freshness import age
from atlas.i18n import t
from atlas.loading import read_yaml, require
from atlas.names import name_in
from atlas.schemas.records import URL, SourceRecord
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir

__all__ = ["URL", "RetrievedCopy", "Source", "load_sources", "source_titles", "sources"]


@dataclass(frozen=True)
class RetrievedCopy:
    """A third party's copy of the publisher's data: the day it was taken from the publisher, by whom, where."""

    date: dt.date
    by: str
    url: str


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
    derivation: dict[str, str] | None = None
    date_notes: dict[str, str] | None = None
    read_date: dt.date | None = None
    licenses: dict[str, str] | None = None
    """The licence in each language when sources.yaml describes it in words (then ``license`` is the English)."""

    def license_in(self, lang: str) -> str:
        """The licence as shown in ``lang``: our description of it in ``lang``, or the terms' name in ``lang``
        (:mod:`atlas.names`)."""
        return self.licenses[lang] if self.licenses else name_in(self.license, lang)

    def publisher_in(self, lang: str) -> str:
        """The publisher's name in ``lang`` (:mod:`atlas.names`): 港区 -> 'Minato City' in en."""
        return name_in(self.publisher, lang)

    def derivation_in(self, lang: str) -> str:
        """How we derived data from this source, in ``lang``, with the translation mark in ja and zh (the notes
        are written in English); '' when nothing is derived."""
        if not self.derivation:
            return ""
        text = self.derivation[lang]
        return text if lang == "en" else f"{text} {t('mark_translation', lang)}"
    date_precision: str = "day"
    retrieved: RetrievedCopy | None = None
    url_notes: dict[str, str] | None = None

    def date_text(self, lang: str, day: dt.date | None = None) -> str:
        """``day`` (default: the record's date) in ``lang``; the record's own date only to the precision it has
        ('2024年1月' for a summary dated by month, never '2024年1月1日')."""
        day = day or self.reference_date
        precision = self.date_precision if day == self.reference_date else "day"
        return formatting.date_at(day, lang, precision)

    def iso_date(self, day: dt.date | None = None) -> str | None:
        """``day`` (default: the record's date) as ISO text: '2024-01' for a month-only date; None without one."""
        day = day or self.reference_date
        if day is None:
            return None
        return day.isoformat()[:7] if day == self.reference_date and self.date_precision == "month" else day.isoformat()

    def undated_text(self, lang: str, iso: bool = False) -> str:
        """For a record without a date: its note on why and, for data taken from a copy, when the copy was taken
        from the publisher and by whom (``iso``: that day as 2025-10-27, for downloads)."""
        note = (self.date_notes or {}).get(lang) or t("date_not_stated", lang)
        copy = self.retrieved
        if copy is None:
            return note
        day = copy.date.isoformat() if iso else formatting.date(copy.date, lang)
        return t("source_copy_note", lang, note=note, date=day, by=copy.by)

    def label(self, lang: str, as_of: dt.date | None = None, today: dt.date | None = None) -> str:
        """'Source: <title>, <publisher>, as of <date>' in ``lang``; ``as_of`` overrides the record's date.

        A date more than two months before ``today`` (default: the clock, see :mod:`atlas.freshness`) carries
        its age ('as of 1 Feb 2026 — 10 months ago'). Without any date the label carries the record's note on
        why (``date_note``) and, for data taken from a copy, the day the copy was retrieved and by whom (a
        retrieval date, never shown as 'as of').
        """
        day = as_of or self.reference_date
        if day is None:
            return t("source_label_undated", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                     note=self.undated_text(lang))
        old = age(day, lang, today)
        if old:
            return t("source_label_aged", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                     date=self.date_text(lang, day), age=old)
        return t("source_label", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                 date=self.date_text(lang, day))


def sources() -> dict[str, Source]:
    """All source records by id, validated."""
    return load_sources(data_dir() / "sources.yaml")


@cache
def load_sources(path: Path) -> dict[str, Source]:
    """Source records from ``path`` (see :func:`sources`), each validated by :class:`SourceRecord`."""
    name = data_name(path)
    rows = require(read_yaml(path), "sources", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'sources' must be a list")
    out = {}
    for i, row in enumerate(rows, start=1):
        rec = validated(SourceRecord, row, f"{name}, source {i}")
        if rec.id in out:
            raise DataFileError(f"{name}, source {i}: duplicate id '{rec.id}'")
        out[rec.id] = Source(
            id=rec.id, titles=rec.title.as_dict(), publisher=rec.publisher, url=rec.url,
            reference_date=rec.reference_date, license=rec.license if isinstance(rec.license, str) else rec.license.en,
            credit=rec.credit, derivation=rec.derivation.as_dict() if rec.derivation else None,
            date_notes=rec.date_note.as_dict() if rec.date_note else None, read_date=rec.read_date,
            licenses=None if isinstance(rec.license, str) else rec.license.as_dict(),
            date_precision=rec.date_precision, url_notes=rec.url_note.as_dict() if rec.url_note else None,
            retrieved=RetrievedCopy(rec.retrieved.date, rec.retrieved.by, rec.retrieved.url) if rec.retrieved else None,
        )
    return out


def source_titles(ids: list[str] | tuple[str, ...], lang: str) -> str:
    """The titles of the sources ``ids`` in ``lang``, for a table cell (ids stay out of human columns).

    >>> source_titles(["minato-chise"], "en")
    'Minato City, area by district'
    """
    return formatting.join([sources()[sid].titles[lang] for sid in ids], lang)
