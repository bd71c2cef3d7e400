"""The five districts: ids, names per language, colours, official areas (``data/districts.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas.i18n import t
from atlas.loading import read_yaml, require
from atlas.schemas.records import DistrictRecord
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir


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
    """Districts from ``path`` (see :func:`districts`), each validated by :class:`DistrictRecord`."""
    name = data_name(path)
    rows = require(read_yaml(path), "districts", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'districts' must be a list")
    out: list[District] = []
    for i, row in enumerate(rows, start=1):
        rec = validated(DistrictRecord, row, f"{name}, district {i}")
        if any(d.id == rec.id for d in out):
            raise DataFileError(f"{name}, district {i}: duplicate district id '{rec.id}'")
        out.append(District(rec.id, rec.source_name, rec.name.as_dict(), rec.colour, rec.official_area_km2,
                            rec.office.as_dict()))
    return tuple(out)


def area_label(slug: str | None, lang: str) -> str:
    """The district's name in ``lang``, or the whole-ward label for None / ``ward``."""
    district = district_by_id(slug) if slug and slug != "ward" else None
    return district.name(lang) if district else t("whole_ward", lang)


def district_by_id(slug: str) -> District | None:
    """The district with id ``slug``, or None."""
    return next((d for d in districts() if d.id == slug), None)
