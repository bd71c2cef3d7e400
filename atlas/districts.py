"""The five districts: ids, names per language, colours, official areas (``data/districts.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.i18n import LANGS, t
from atlas.loading import read_yaml, require
from geo.layers import DataFileError
from geo.paths import data_dir

SLUG = re.compile(r"^[a-z]+(-[a-z]+)*$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class District:
    """One 総合支所 district."""

    id: str
    source_name: str
    names: dict[str, str]
    colour: str
    official_area_km2: float
    office_names: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names[lang]

    def office_name(self, lang: str) -> str:
        """The 総合支所 (branch office) name in ``lang``."""
        return self.office_names[lang]


def districts() -> tuple[District, ...]:
    """All districts in display order, validated; errors name the file and row."""
    return load_districts(data_dir() / "districts.yaml")


@cache
def load_districts(path: Path) -> tuple[District, ...]:
    """Districts from ``path`` (see :func:`districts`)."""
    doc = read_yaml(path)
    rows = require(doc, "districts", path.name)
    out = []
    for i, row in enumerate(rows, start=1):
        where = f"{path.name}, district {i}"
        slug = require(row, "id", where)
        if not SLUG.match(str(slug)):
            raise DataFileError(f"{where}: id '{slug}' is not a lowercase slug")
        names = require(row, "name", where)
        office = require(row, "office", where)
        for lang in LANGS:
            require(names, lang, f"{where} name")
            require(office, lang, f"{where} office")
        colour = str(require(row, "colour", where))
        if not COLOUR.match(colour):
            raise DataFileError(f"{where}: colour '{colour}' is not #RRGGBB")
        try:
            area = float(require(row, "official_area_km2", where))
        except ValueError as exc:
            raise DataFileError(f"{where}: official_area_km2 is not a number") from exc
        out.append(District(slug, require(row, "source_name", where), dict(names), colour, area, dict(office)))
    if len({d.id for d in out}) != len(out):
        raise DataFileError(f"{path.name}: duplicate district id")
    return tuple(out)


def area_label(slug: str | None, lang: str) -> str:
    """The district's name in ``lang``, or the whole-ward label for None / ``ward``."""
    district = district_by_id(slug) if slug and slug != "ward" else None
    return district.name(lang) if district else t("whole_ward", lang)


def district_by_id(slug: str) -> District | None:
    """The district with id ``slug``, or None."""
    return next((d for d in districts() if d.id == slug), None)
