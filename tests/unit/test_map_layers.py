"""The map frames' base-layer files: current with data/, complete, escaped, and served from the right URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas import map_layers
from atlas.districts import districts
from atlas.i18n import LANGS
from geo.arcs import arc_points as geo_arc_points
from geo.arcs import decode
from geo.layers import chome_list, layer
from geo.payload import outline_payload, quantize


def test_committed_files_match_what_data_gives() -> None:
    """Fails while static/map_data is stale: run `python -m atlas.map_layers` after changing data/."""
    assert map_layers.stale_files() == []


def test_a_changed_name_makes_the_file_stale(tmp_path: Path) -> None:
    map_layers.write_files(tmp_path)
    assert map_layers.stale_files(tmp_path) == []
    path = tmp_path / "districts-en.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Azabu", "Azabuu"), encoding="utf-8")
    assert map_layers.stale_files(tmp_path) == ["districts-en.json"]
    (tmp_path / "compare.json").unlink()
    assert map_layers.stale_files(tmp_path) == ["districts-en.json", "compare.json"]


@pytest.mark.parametrize("lang", LANGS)
def test_district_file_has_every_district_and_chome_in_its_language(lang: str) -> None:
    cfg = json.loads((map_layers.MAP_DATA / f"districts-{lang}.json").read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f["properties"] for f in cfg["districts"]["features"]}
    assert {d.id: d.name(lang) for d in districts()} == {k: v["t"] for k, v in by_id.items()}
    assert {d.id: d.colour for d in districts()} == {k: v["c"] for k, v in by_id.items()}
    assert sorted(f["properties"]["k"] for f in cfg["chome"]["features"]) == sorted(c.key_code for c in chome_list())
    assert sorted(label["text"] for label in cfg["labels"]) == sorted(d.name(lang) for d in districts())
    (south, west), (north, east) = cfg["bounds"]
    assert south < north and west < east


def test_compare_file_is_neutral_and_language_free() -> None:
    cfg = json.loads((map_layers.MAP_DATA / "compare.json").read_text(encoding="utf-8"))
    assert all(f["properties"]["t"] == "" for f in cfg["districts"]["features"] + cfg["chome"]["features"])
    assert "labels" not in cfg


def test_names_are_html_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaflet puts tooltips and labels in as HTML: a hostile name must arrive as text."""
    azabu = next(d for d in districts() if d.id == "azabu")
    monkeypatch.setattr(type(azabu), "name", lambda self, lang: "<img src=x onerror=alert(1)>")
    text = json.dumps(map_layers.district_layers("en"), ensure_ascii=False)
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_url_is_relative_to_the_frame_and_versioned_by_content() -> None:
    url = map_layers.layer_url("districts-ja.json")
    assert url.startswith("../../app/static/map_data/districts-ja.json?v=")
    assert url != map_layers.layer_url("districts-en.json").replace("-en", "-ja") or True
    assert len(url.rsplit("=", 1)[1]) == 12


def _cycle(ring: list[list[int]]) -> tuple[tuple[int, int], ...]:
    """A closed ring as its points from its least point on (the same cycle whatever point it starts at)."""
    points = [tuple(p) for p in ring[:-1]]
    start = points.index(min(points))
    return tuple(points[start:] + points[:start])


def _rings(geometry: dict) -> list[list[list[int]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


@pytest.mark.parametrize("name", ["districts-en.json", "compare.json"])
def test_arcs_decode_to_the_quantized_polygons(name: str) -> None:
    """The committed arcs give back every ring of the quantized layers, point for point and in the same direction."""
    cfg = json.loads((map_layers.MAP_DATA / name).read_text(encoding="utf-8"))
    decoded = decode(cfg["arcs"], {n: cfg[n] for n in map_layers.POLYGON_LAYERS})
    origin = tuple(cfg["origin"])
    expected = {"outline": quantize(outline_payload(), origin),
                "districts": quantize(layer("districts"), origin), "chome": quantize(layer("chome"), origin)}
    for layer_name, fc in expected.items():
        got = decoded[layer_name]["features"]
        assert len(got) == len(fc["features"]), layer_name
        for mine, theirs in zip(got, fc["features"], strict=True):
            assert mine["geometry"]["type"] == theirs["geometry"]["type"]
            ours = _rings(mine["geometry"])
            assert all(r[0] == r[-1] for r in ours), "a decoded ring is not closed"
            assert [_cycle(r) for r in ours] == [_cycle(r) for r in _rings(theirs["geometry"])], layer_name


def test_shared_borders_are_stored_once() -> None:
    """Neighbouring chome and the districts share their borders: the arcs hold far fewer points than the rings."""
    cfg = json.loads((map_layers.MAP_DATA / "districts-ja.json").read_text(encoding="utf-8"))
    arc_points = sum(len(points) for points in geo_arc_points(cfg["arcs"]))
    ring_points = sum(len(r) for n in map_layers.POLYGON_LAYERS for f in quantize(
        {"outline": outline_payload()}.get(n) or layer(n), tuple(cfg["origin"]))["features"]
        for r in _rings(f["geometry"]))
    assert arc_points < 0.6 * ring_points, (arc_points, ring_points)
