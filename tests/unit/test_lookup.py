"""Point lookup: every chome's own interior point, the Azabu office, water inside districts, points outside."""

from __future__ import annotations

import math

import pytest
from shapely import Point, union_all

from geo.layers import chome_list, district_shapes
from geo.lookup import Location, locate

CHOME = chome_list()


def _water_points() -> list[tuple[str, float, float]]:
    """(district, lat, lng) inside the largest piece of each district's polygon that no chome covers."""
    out = []
    for slug, shape in district_shapes().items():
        gaps = shape.difference(union_all([c.geometry for c in CHOME if c.district == slug]))
        pieces = [g for g in getattr(gaps, "geoms", [gaps]) if not g.is_empty and g.area > 1e-7]
        if pieces:
            pt = max(pieces, key=lambda g: g.area).representative_point()
            out.append((slug, pt.y, pt.x))
    return out


@pytest.mark.parametrize("chome", CHOME, ids=[c.key_code for c in CHOME])
def test_representative_point_locates_to_own_chome(chome):
    pt = chome.geometry.representative_point()
    loc = locate(pt.y, pt.x)
    assert loc.chome == chome
    assert loc.district == chome.district
    assert loc.inside


def test_azabu_office():
    loc = locate(35.660657, 139.735091)
    assert loc.district == "azabu"
    assert loc.chome is not None and loc.chome.name_ja == "六本木五丁目"


def test_water_points_exist():
    assert _water_points(), "expected filled canal water somewhere (shibaura-konan)"


@pytest.mark.parametrize(("district", "lat", "lng"), _water_points())
def test_filled_water_gives_district_without_chome(district, lat, lng):
    loc = locate(lat, lng)
    assert loc == Location(district, None)
    assert loc.inside


@pytest.mark.parametrize(
    ("lat", "lng"),
    [
        (35.60, 139.85),  # Tokyo Bay
        (35.68, 139.70),  # Shibuya/Shinjuku side
        (0.0, 0.0),
        (-90.0, 180.0),
        (1e308, -1e308),
        (139.735091, 35.660657),  # lat/lng swapped
    ],
)
def test_outside_points(lat, lng):
    loc = locate(lat, lng)
    assert loc == Location(None, None)
    assert not loc.inside


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("which", ["lat", "lng", "both"])
def test_non_finite_is_outside(bad, which):
    lat = bad if which in ("lat", "both") else 35.660657
    lng = bad if which in ("lng", "both") else 139.735091
    assert locate(lat, lng) == Location(None, None)


def test_int_coordinates_do_not_raise():
    assert locate(35, 139) == Location(None, None)


def test_outside_points_are_outside_every_shape():
    for lat, lng in [(35.60, 139.85), (35.68, 139.70)]:
        p = Point(lng, lat)
        assert not any(s.intersects(p) for s in district_shapes().values())
        assert not any(c.geometry.intersects(p) for c in CHOME)
