"""Checks of the boundary geometries themselves (the schema checks only their form). No Streamlit.

A polygon must be valid (no self-intersection such as a bow-tie), have an area, and lie inside Japan's longitude
and latitude range (GeoJSON is ``[lng, lat]``: a file with the two swapped lands in the Indian Ocean); each district
must lie inside the ward's outline, give or take :data:`TOLERANCE_DEG` (the simplified borders differ by metres).
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from geo.datafile import DataFileError
from geo.plain_text import excerpt

JAPAN = (122.0, 20.0, 154.0, 46.0)  # lng min, lat min, lng max, lat max
TOLERANCE_DEG = 1e-4  # about 10 m
OUTSIDE_SHARE = 1e-3  # of a district's area that may lie outside the buffered ward


def check_shape(geom: BaseGeometry, where: str) -> None:
    """DataFileError naming ``where`` when ``geom`` is invalid, has no area or lies outside Japan."""
    if not geom.is_valid:
        raise DataFileError(f"{where}: the polygon is not valid ({excerpt(explain_validity(geom), 60)}); "
                            "a ring must not cross itself")
    if geom.is_empty or geom.area <= 0:
        raise DataFileError(f"{where}: the polygon has no area")
    lng0, lat0, lng1, lat1 = geom.bounds
    if lng0 < JAPAN[0] or lat0 < JAPAN[1] or lng1 > JAPAN[2] or lat1 > JAPAN[3]:
        raise DataFileError(f"{where}: the polygon lies outside Japan (positions are [longitude, latitude]; "
                            f"longitude {lng0:.3f}…{lng1:.3f}, latitude {lat0:.3f}…{lat1:.3f}: are they swapped?)")


def check_inside(part: BaseGeometry, whole: BaseGeometry, where: str, what: str) -> None:
    """DataFileError naming ``where`` when more than a sliver of ``part`` lies outside ``whole``."""
    outside = part.difference(whole.buffer(TOLERANCE_DEG)).area
    if outside > OUTSIDE_SHARE * part.area:
        raise DataFileError(f"{where}: {outside / part.area:.0%} of the polygon lies outside {what}")
