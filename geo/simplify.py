"""Coverage-preserving simplification and the measures that check it.

All functions take and return shapely geometries in a metric CRS (EPSG:6677 here).

>>> from shapely import box
>>> simplify_coverage([box(0, 0, 1, 1), box(1, 0, 2, 1)], 0.1)[0].area
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


def simplify_coverage(geoms: Sequence[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    """Simplify polygons that tile an area so neighbours keep one shared border.

    Uses GEOS' coverage simplifier (Visvalingam–Whyatt on shared edges), so no gaps or
    overlaps appear between neighbours.
    """
    return list(shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance))


def fill_holes(geom: BaseGeometry, keep: BaseGeometry | None = None) -> BaseGeometry:
    """Fill interior rings of ``geom``, except holes that overlap ``keep`` (e.g. other land)."""

    def fill(poly: Polygon) -> Polygon:
        rings = [
            ring
            for ring in poly.interiors
            if keep is not None and Polygon(ring).intersection(keep).area > 1.0
        ]
        return Polygon(poly.exterior, rings)

    if isinstance(geom, Polygon):
        return fill(geom)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([fill(p) for p in geom.geoms])
    return geom


def max_deviation(original: Sequence[BaseGeometry], simplified: Sequence[BaseGeometry]) -> float:
    """Largest Hausdorff distance between each original boundary and its simplified form."""
    return max(
        float(shapely.hausdorff_distance(a.boundary, b.boundary))
        for a, b in zip(original, simplified, strict=True)
    )


def total_overlap(geoms: Sequence[BaseGeometry]) -> float:
    """Sum of pairwise intersection areas (0 for a clean coverage)."""
    return sum(float(a.intersection(b).area) for a, b in combinations(geoms, 2))
