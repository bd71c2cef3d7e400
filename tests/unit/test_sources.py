"""data/sources.yaml is complete: dates (or why none), full page URLs, credit lines as the licences ask."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from atlas.i18n import LANGS
from atlas.sources import sources
from geo.layers import DataFileError


def test_every_record_has_a_date_or_says_why_not() -> None:
    for src in sources().values():
        if src.reference_date is None:
            assert src.date_notes and all(src.date_notes[lang].strip() for lang in LANGS), src.id
            assert all(src.date_notes[lang] in src.label(lang) for lang in LANGS)


def test_every_url_names_a_page_not_a_site_root() -> None:
    for src in sources().values():
        scheme, _, rest = src.url.partition("://")
        assert scheme in ("http", "https") and "/" in rest and rest.split("/", 1)[1], src.id


def test_gsi_data_credits_say_the_data_was_processed() -> None:
    """GSI's terms ask for the source and, when data is edited or processed, a note saying so (加工して作成)."""
    for sid in ("gsi-shelters", "gsi-evacuation-sites"):
        credit = sources()[sid].credit
        assert "国土地理院" in credit and "を加工して作成" in credit
    assert sources()["gsi-tiles-pale"].credit.startswith("出典：地理院タイル")


def _edit(data_copy: Path, index: int, **fields: object) -> None:
    path = data_copy / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["sources"][index].update(fields)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reference_date": "1 Oct 2020"}, "reference_date must be a YYYY-MM-DD date"),
        ({"reference_date": None}, "date_note must say"),
        ({"url": "https://www.e-stat.go.jp/"},
         r"url 'https://www.e-stat.go.jp/' is not a full http\(s\) address of the page"),
        ({"read_date": "yesterday"}, "read_date must be a YYYY-MM-DD date"),
    ],
)
def test_a_broken_record_stops_loading_naming_file_and_row(data_copy: Path, fields: dict, message: str) -> None:
    _edit(data_copy, 0, **fields)
    with pytest.raises(DataFileError, match=rf"^data/sources\.yaml, source 1: .*{message}"):
        sources()
