"""Loaders of data/ (districts, sources, UI strings) and the URL state, with broken fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.checks import load_all
from atlas.districts import district_by_id, districts, load_districts
from atlas.i18n import LANGS, catalog, load_catalog
from atlas.sources import load_sources, sources
from atlas.state import read_view
from geo.layers import DataFileError


def test_real_data_loads() -> None:
    load_all()
    assert [d.id for d in districts()][0] == "shiba"
    assert district_by_id("azabu").name("zh") == "麻布地区"
    assert district_by_id("nowhere") is None


def test_every_catalog_has_the_english_keys() -> None:
    for lang in LANGS:
        assert set(catalog(lang)) == set(catalog("en"))


def test_source_label_names_title_publisher_and_date() -> None:
    label = sources()["estat-boundaries-2020"].label("en")
    assert "e-Stat" in label and "1 Oct 2020" in label
    chise = sources()["minato-chise"]
    assert chise.reference_date is None and chise.label("ja").endswith(f"{chise.date_notes['ja']}）")


@pytest.mark.parametrize(
    ("params", "district", "lang", "notices"),
    [
        ({}, None, "ja", ()),
        ({"district": "azabu", "lang": "zh"}, "azabu", "zh", ()),
        ({"district": "Shibaura-Konan", "lang": "EN"}, "shibaura-konan", "en", ()),
        ({"district": "atlantis"}, None, "ja", (("unknown_district", "atlantis"),)),
        ({"lang": "fr", "district": "shiba"}, "shiba", "ja", (("unknown_lang", "fr"),)),
        ({"district": "<script>", "lang": ""}, None, "ja", (("unknown_district", "<script>"),)),
    ],
)
def test_read_view(params, district, lang, notices) -> None:
    view = read_view(params)
    assert (view.district, view.lang, view.notices) == (district, lang, notices)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "geo" / "districts.geojson").unlink()
    with pytest.raises(DataFileError, match="districts.geojson: file is missing"):
        load_all()


def test_malformed_geojson_is_named(data_copy: Path) -> None:
    (data_copy / "geo" / "chome.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="chome.geojson: not valid GeoJSON"):
        load_all()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("colour: \"#56B4E9\"", "colour: blue", "district 2: colour 'blue'"),
        ("  - id: akasaka", "  - id: Akasaka Ward", "district 3: id 'Akasaka Ward'"),
        ("official_area_km2: 3.48", "official_area_km2: lots", "district 4: official_area_km2"),
        ("en: Shiba, zh: 芝地区}", "en: Shiba}", "district 1: missing field 'name.zh'"),
        ("districts:", "districts: [", "not valid YAML"),
    ],
)
def test_broken_districts_yaml_names_file_and_row(data_copy: Path, old: str, new: str, message: str) -> None:
    path = data_copy / "districts.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError, match="districts.yaml") as err:
        load_districts(path)
    assert message in str(err.value)


def test_broken_sources_yaml_names_the_row(data_copy: Path) -> None:
    path = data_copy / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    publisher: 港区\n", "", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"sources.yaml, source 3: missing field 'publisher'"):
        load_sources(path)


def test_catalog_missing_key_is_named(data_copy: Path) -> None:
    path = data_copy / "i18n" / "zh.yaml"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("whole_ward:")]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"zh.yaml: missing keys \['whole_ward'\]"):
        load_catalog("zh", data_copy / "i18n")
