"""Validation of the committed boundary files against the plan's rules and the shared sources."""

from __future__ import annotations

import filecmp
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from atlas.districts import districts
from geo import build
from geo.layers import chome_list, geo_dir, layer
from geo.paths import DEFAULT_SHARED
from geo.simplify import max_deviation, total_overlap

SLUGS = {"shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"}
needs_shared = pytest.mark.skipif(not (DEFAULT_SHARED / "data/geo").is_dir(), reason="../shared not beside the project")


def metric(name: str) -> gpd.GeoDataFrame:
    """A committed layer in EPSG:6677."""
    return gpd.GeoDataFrame.from_features(layer(name)["features"], crs=4326).to_crs(build.METRIC_CRS)


def test_the_five_districts_exist_with_their_slugs() -> None:
    assert {f["properties"]["id"] for f in layer("districts")["features"]} == SLUGS
    assert {d.id for d in districts()} == SLUGS


def test_117_land_chome_each_in_a_known_district() -> None:
    chome = chome_list()
    assert len(chome) == 117
    assert {c.district for c in chome} == SLUGS
    assert len({c.key_code for c in chome}) == 117


def test_district_union_covers_every_land_chome() -> None:
    union = shapely.union_all(metric("districts").geometry.values)
    for row in metric("chome").itertuples():
        uncovered = row.geometry.difference(union).area
        assert uncovered < 1.0, f"{row.name_ja}: {uncovered:.1f} m² outside the districts"


def test_districts_do_not_overlap() -> None:
    assert total_overlap(list(metric("districts").geometry)) < 0.01


def test_chome_coverage_has_no_overlaps() -> None:
    assert total_overlap(list(metric("chome").geometry)) < 0.01


@pytest.mark.parametrize("district", districts(), ids=lambda d: d.id)
def test_district_area_within_5_percent_of_official(district) -> None:
    geom = metric("districts").set_index("id").geometry[district.id]
    area_km2 = geom.area / 1e6
    assert abs(area_km2 - district.official_area_km2) / district.official_area_km2 <= 0.05


def test_district_totals_equal_their_chome() -> None:
    props = {f["properties"]["id"]: f["properties"] for f in layer("districts")["features"]}
    for slug, p in props.items():
        mine = [c for c in chome_list() if c.district == slug]
        assert p["n_chome"] == len(mine)
        assert p["pop_2020"] == sum(c.pop_2020 for c in mine)


@needs_shared
def test_land_population_matches_the_source() -> None:
    raw = gpd.read_file(DEFAULT_SHARED / "data/geo/minato_chome_r2ka2020.geojson")
    land_pop = int(raw.loc[raw["HCODE"] == build.LAND, "JINKO_2020"].sum())
    assert sum(c.pop_2020 for c in chome_list()) == land_pop


@needs_shared
def test_simplified_boundaries_deviate_at_most_10_m() -> None:
    ids = build.district_ids()
    exact = build.load_land_chome(DEFAULT_SHARED, ids).set_index("KEY_CODE")
    simple = metric("chome").set_index("key_code").loc[exact.index]
    assert max_deviation(list(exact.geometry), list(simple.geometry)) <= 10.0
    exact_d = build.dissolve_districts(exact, list(exact.geometry), list(ids.values()))
    simple_d = metric("districts").set_index("id").geometry
    assert max_deviation([exact_d[d] for d in ids.values()], [simple_d[d] for d in ids.values()]) <= 10.0


@needs_shared
def test_build_is_reproducible(tmp_path: Path) -> None:
    build.build(DEFAULT_SHARED, tmp_path)
    committed = geo_dir()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in committed.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, committed, names, shallow=False)
    assert mismatch == [] and errors == []
