"""The small GeoJSON payloads the browser map receives (minimal properties, compact JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from geo.layers import layer


def compact_json(obj: Any) -> str:
    """JSON without spaces, safe to embed in a <script> element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def districts_payload(tooltips: Mapping[str, str], colours: Mapping[str, str]) -> dict[str, Any]:
    """District polygons with only ``id``, tooltip text ``t`` and colour ``c``."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": (d := f["properties"]["id"]), "t": tooltips[d], "c": colours[d]},
             "geometry": f["geometry"]}
            for f in layer("districts")["features"]
        ],
    }


def chome_payload(tooltips: Mapping[str, str]) -> dict[str, Any]:
    """Chome polygons with only the KEY_CODE ``k`` and tooltip text ``t``."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"k": (k := f["properties"]["key_code"]), "t": tooltips[k]},
             "geometry": f["geometry"]}
            for f in layer("chome")["features"]
        ],
    }


def outline_payload() -> dict[str, Any]:
    """The ward outline (land and water) as drawn for context."""
    return layer("outline")


def label_points() -> dict[str, tuple[float, float]]:
    """District id -> (lat, lng) of a label point well inside the polygon (pole of inaccessibility)."""
    out = {}
    for f in layer("districts")["features"]:
        geom = shape(f["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        pt = polylabel(geom, 1e-5)
        out[f["properties"]["id"]] = (round(pt.y, 5), round(pt.x, 5))
    return out


def bounds(name: str = "outline") -> list[list[float]]:
    """[[south, west], [north, east]] of a layer."""
    minx, miny, maxx, maxy = shapely.union_all([shape(f["geometry"]) for f in layer(name)["features"]]).bounds
    return [[miny, minx], [maxy, maxx]]


QUANTUM = 1e-5  # degrees; the committed files are already on this grid


def map_rings(g: dict[str, Any], each: Callable[[Any], Any], key: str = "coordinates",
              source: str = "coordinates") -> dict[str, Any]:
    """A Polygon or MultiPolygon with ``each`` applied to every ring under ``source``, the results under ``key``
    (a topology's rings are ``"arcs"``, geo/arcs.py)."""
    if g["type"] == "Polygon":
        return {"type": "Polygon", key: [each(r) for r in g[source]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", key: [[each(r) for r in p] for p in g[source]]}
    raise ValueError(f"not a polygon: {g['type']}")


def quantize(fc: dict[str, Any], origin: tuple[float, float]) -> dict[str, Any]:
    """Replace polygon coordinates by integer steps of QUANTUM from ``origin`` (lng, lat).

    The browser adds the origin back (``decodeLayers`` in static/districts_map.js); integers
    take about half the bytes of full decimal degrees and lose nothing on the 1e-5° grid.

    >>> quantize({"features": [{"geometry": {"type": "Polygon", "coordinates": [[[139.1, 35.2]]]}}]},
    ...          (139.0, 35.0))["features"][0]["geometry"]["coordinates"]
    [[[10000, 20000]]]
    """
    x0, y0 = origin

    def ring(coords: list[list[float]]) -> list[list[int]]:
        return [[round((x - x0) / QUANTUM), round((y - y0) / QUANTUM)] for x, y in coords]

    return {**fc, "features": [{**f, "geometry": map_rings(f["geometry"], ring)} for f in fc["features"]]}
