"""Point-in-polygon lookup: which district and chome a lat/lng falls in."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely import Point, STRtree

from geo.layers import Chome, chome_list, district_shapes, geo_dir


@dataclass(frozen=True)
class Location:
    """Result of :func:`locate`.

    ``district`` is a district slug or None (outside Minato); ``chome`` is None outside any land chome
    (e.g. filled canal water inside a district's display polygon).

    >>> Location(None, None).inside
    False
    """

    district: str | None
    chome: Chome | None

    @property
    def inside(self) -> bool:
        """True when the point is inside Minato City (some district)."""
        return self.district is not None


OUTSIDE = Location(None, None)


def _chome_index() -> tuple[STRtree, tuple[Chome, ...]]:
    """STRtree over the chome geometries; tree indices match the returned tuple."""
    return _index_for(geo_dir())


@lru_cache(maxsize=4)
def _index_for(folder: Path) -> tuple[STRtree, tuple[Chome, ...]]:
    """Built once per data folder (``folder`` keys the cache, like the layers' own caches)."""
    chome = chome_list()
    return STRtree([c.geometry for c in chome]), chome


def locate(lat: float, lng: float) -> Location:
    """The district and chome containing the WGS84 point ``(lat, lng)``; boundary points count as inside.

    >>> loc = locate(35.660657, 139.735091)  # 麻布地区総合支所
    >>> loc.district, loc.chome.name_ja
    ('azabu', '六本木五丁目')
    >>> locate(35.60, 139.85).inside
    False
    """
    try:
        x, y = float(lng), float(lat)
    except (TypeError, ValueError):
        return OUTSIDE
    if not (math.isfinite(x) and math.isfinite(y)):
        return OUTSIDE
    point = Point(x, y)
    tree, chome = _chome_index()
    hits = tree.query(point, predicate="intersects")
    if len(hits):
        found = chome[int(min(hits))]  # lowest KEY_CODE wins on a shared boundary: deterministic
        return Location(found.district, found)
    for slug, shape in district_shapes().items():
        if shape.intersects(point):
            return Location(slug, None)
    return OUTSIDE
