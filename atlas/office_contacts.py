"""What a resident needs to reach an office: phone numbers, opening hours, web page and the address's English form
where the office publishes one (``data/facilities/office_contacts.csv``).

Each row is one item with its source id and the date its source gives. Items no source we checked gives are simply
absent: :func:`contacts_of` returns an empty list for that kind, and the page says "not found in the sources we
checked" (never "not published"). A bad row raises DataFileError naming file, row and field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.loading import csv_records
from atlas.offices import Office, offices
from atlas.schemas.tables import ADDRESS_EN, CONTACT_KINDS, OfficeContactRow
from atlas.sources import sources
from geo.datafile import DataFileError
from geo.paths import data_dir

PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{4}")
WEB = re.compile(r"https://[^\s]+")


@dataclass(frozen=True)
class Contact:
    """One phone number, opening hours or web page of an office; ``labels`` say what it is, per language."""

    office: str
    kind: str
    value: str
    labels: dict[str, str]
    source: str
    as_of: dt.date


def contacts() -> tuple[Contact, ...]:
    """Every contact item in file order."""
    return load_contacts(data_dir() / "facilities" / "office_contacts.csv")


@cache
def load_contacts(path: Path) -> tuple[Contact, ...]:
    """Items of ``path``, checked: a known office, a phone written 03-1234-5678, an https web page, a known source."""
    names = {o.name_ja for o in offices()}
    known = sources()
    out = []
    for where, row in csv_records(path, OfficeContactRow):
        if row.office not in names:
            raise DataFileError(f"{where}: office: '{row.office}' is not an office of offices.csv")
        if row.kind == "phone" and not PHONE.fullmatch(row.value):
            raise DataFileError(f"{where}: value: '{row.value}' is not a phone number written like 03-1234-5678")
        if row.kind == "web" and not WEB.fullmatch(row.value):
            raise DataFileError(f"{where}: value: '{row.value}' is not an https address")
        if row.source not in known:
            raise DataFileError(f"{where}: source: no record '{row.source}' in sources.yaml")
        if row.kind == ADDRESS_EN and any(c.office == row.office and c.kind == ADDRESS_EN for c in out):
            raise DataFileError(f"{where}: kind: a second address_en for '{row.office}'")
        labels = {"ja": row.label_ja, "en": row.label_en, "zh": row.label_zh}
        out.append(Contact(row.office, row.kind, row.value, labels, row.source, row.as_of))
    return tuple(out)


def contacts_of(office: Office) -> dict[str, list[Contact]]:
    """The office's items by kind (``phone``, ``hours``, ``web``; every kind present, maybe empty), newest first."""
    found = [c for c in contacts() if c.office == office.name_ja]
    return {kind: sorted((c for c in found if c.kind == kind), key=lambda c: c.as_of, reverse=True)
            for kind in CONTACT_KINDS}


def english_address(office: Office) -> Contact | None:
    """The office's address in the English form a source of ours prints, or None (not found in those sources)."""
    return next((c for c in contacts() if c.office == office.name_ja and c.kind == ADDRESS_EN), None)
