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

__all__ = ["URL", "Source", "load_sources", "source_titles", "sources"]


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

    def label(self, lang: str, as_of: dt.date | None = None, today: dt.date | None = None) -> str:
        """'Source: <title>, <publisher>, as of <date>' in ``lang``; ``as_of`` overrides the record's date.

        A date more than two months before ``today`` (default: the clock, see :mod:`atlas.freshness`) carries
        its age ('as of 1 Feb 2026 — 10 months ago'). Without any date the label carries the record's note on
        why (``date_note``).
        """
        day = as_of or self.reference_date
        if day is None:
            note = (self.date_notes or {}).get(lang) or t("date_not_stated", lang)
            return t("source_label_undated", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                     note=note)
        old = age(day, lang, today)
        if old:
            return t("source_label_aged", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                     date=formatting.date(day, lang), age=old)
        return t("source_label", lang, title=self.titles[lang], publisher=self.publisher_in(lang),
                 date=formatting.date(day, lang))


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
        )
    return out


def source_titles(ids: list[str] | tuple[str, ...], lang: str) -> str:
    """The titles of the sources ``ids`` in ``lang``, for a table cell (ids stay out of human columns).

    >>> source_titles(["minato-chise"], "en")
    'Minato City, area by district'
    """
    return formatting.join([sources()[sid].titles[lang] for sid in ids], lang)
