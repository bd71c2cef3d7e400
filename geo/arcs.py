"""Quantized polygon layers as one table of shared, delta-encoded arcs (a small TopoJSON-like encoding).

Neighbouring chome share their borders and the districts are unions of chome, so most borders appear two or
three times in the map's layers. :func:`encode` cuts every ring at its junctions (points where more than two
distinct neighbours meet) into arcs, keeps each arc once (a ring that runs along it backwards refers to it as
``~i``, i.e. ``-i - 1``, as TopoJSON does), and stores each arc as a short string: the differences from point
to point (the first point's from the previous arc's first point) in Google's encoded-polyline characters (a
zig-zag varint of 5 bits per printable character). Small differences take one or two characters, and gzip
compresses them far better than absolute coordinates.
The browser decodes it (``decodeLayers`` in static/districts_map.js); :func:`decode` is the same in Python.
A ring comes back with the same points in the same order, possibly starting at another of its points.

>>> left = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
>>> right = {"type": "Polygon", "coordinates": [[[2, 0], [4, 0], [4, 2], [2, 2], [2, 0]]]}
>>> layers = {"a": {"features": [{"geometry": left}]}, "b": {"features": [{"geometry": right}]}}
>>> arcs, out = encode(layers)
>>> arcs, out["b"]["features"][0]["geometry"]
(['C??C', '?CB??BC?', '?BC??CB?'], {'type': 'Polygon', 'arcs': [[2, -1]]})
>>> decode(arcs, out)["b"]["features"][0]["geometry"]["coordinates"]
[[[2, 0], [4, 0], [4, 2], [2, 2], [2, 0]]]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from geo.payload import map_rings

Point = tuple[int, int]
Ring = list[Point]


def _rings(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise ValueError(f"cannot encode {geometry['type']}")


def _junctions(rings: list[Ring]) -> set[Point]:
    """Points with more than two distinct neighbours over all rings (where borders meet or part)."""
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    for ring in rings:
        for a, b in zip(ring, ring[1:], strict=False):
            neighbours[a].add(b)
            neighbours[b].add(a)
    return {p for p, near in neighbours.items() if len(near) > 2}


def _cut(ring: Ring, junctions: set[Point]) -> list[Ring]:
    """The closed ``ring`` as arcs from junction to junction (one closed arc from its least point if it has none)."""
    open_ring = ring[:-1]
    starts = [i for i, p in enumerate(open_ring) if p in junctions]
    if not starts:
        first = open_ring.index(min(open_ring))
        rotated = open_ring[first:] + open_ring[:first]
        return [[*rotated, rotated[0]]]
    rotated = open_ring[starts[0]:] + open_ring[:starts[0]] + [open_ring[starts[0]]]
    arcs, current = [], [rotated[0]]
    for p in rotated[1:]:
        current.append(p)
        if p in junctions:
            arcs.append(current)
            current = [p]
    return arcs


def _varint(values: list[int]) -> str:
    """Google's encoded-polyline characters for ``values`` (zig-zag, 5 bits a character, from '?')."""
    out = []
    for v in values:
        v = ~(v << 1) if v < 0 else v << 1
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


def _unvarint(text: str) -> list[int]:
    values, shift, acc = [], 0, 0
    for ch in text:
        b = ord(ch) - 63
        acc |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            values.append(~(acc >> 1) if acc & 1 else acc >> 1)
            shift, acc = 0, 0
    return values


def _strings(table: list[Ring]) -> list[str]:
    out, previous = [], (0, 0)
    for arc in table:
        deltas = [arc[0][0] - previous[0], arc[0][1] - previous[1]]
        for (x0, y0), (x1, y1) in zip(arc, arc[1:], strict=False):
            deltas += [x1 - x0, y1 - y0]
        out.append(_varint(deltas))
        previous = arc[0]
    return out


def encode(layers: dict[str, dict[str, Any]]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(arcs, layers) where each feature's ``coordinates`` (integer rings) became ``arcs`` (indices per ring)."""
    all_rings = [[(p[0], p[1]) for p in ring] for fc in layers.values() for f in fc["features"]
                 for ring in _rings(f["geometry"])]
    junctions = _junctions(all_rings)
    table: list[Ring] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc_id(arc: Ring) -> int:
        key = tuple(arc)
        if key in index:
            return index[key]
        if key[::-1] in index:
            return ~index[key[::-1]]
        index[key] = len(table)
        table.append(arc)
        return index[key]

    def ring_arcs(ring: list[list[int]]) -> list[int]:
        return [arc_id(arc) for arc in _cut([(p[0], p[1]) for p in ring], junctions)]

    out = {name: {**fc, "features": [{**f, "geometry": map_rings(f["geometry"], ring_arcs, "arcs")}
                                     for f in fc["features"]]}
           for name, fc in layers.items()}
    return _strings(table), out


def arc_points(arcs: list[str]) -> list[list[list[int]]]:
    """The points of every arc."""
    out, x0, y0 = [], 0, 0
    for text in arcs:
        values = _unvarint(text)
        x0, y0 = x0 + values[0], y0 + values[1]
        points, x, y = [[x0, y0]], x0, y0
        for i in range(2, len(values), 2):
            x, y = x + values[i], y + values[i + 1]
            points.append([x, y])
        out.append(points)
    return out


def decode(arcs: list[str], layers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The inverse of :func:`encode`: features with integer ``coordinates`` again."""
    points = arc_points(arcs)

    def ring(ids: list[int]) -> list[list[int]]:
        out: list[list[int]] = []
        for i in ids:
            part = points[i] if i >= 0 else points[~i][::-1]
            out += part if not out else part[1:]
        return out

    return {name: {**fc, "features": [{**f, "geometry": map_rings(f["geometry"], ring, source="arcs")}
                                     for f in fc["features"]]}
            for name, fc in layers.items()}
