"""A static SVG map of the five districts (for print: the one-page handout), built as a plain string.

Projection: equirectangular around the ward, x scaled by cos(mean latitude) so shapes keep their proportions
at Minato's latitude; the ward outline is fitted into the requested box with a small margin and centred.
The base geometry (projected path data) is cached per data folder and box size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from geo.layers import geo_dir, layer
from geo.payload import label_points

MARGIN_PX = 6.0
SELECTED_STROKE = "#000000"
OUTLINE_STROKE = "#555555"
OUTLINE_FILL = "#f2f2f2"
OFFICE_FILL = "#d0021b"
OTHER_OPACITY = 0.35
WARD_OPACITY = 0.7


@dataclass(frozen=True)
class Projection:
    """Lng/lat to SVG pixels (y grows downwards)."""

    lng0: float
    lat1: float
    kx: float
    scale: float
    dx: float
    dy: float

    def __call__(self, lat: float, lng: float) -> tuple[float, float]:
        return (self.dx + (lng - self.lng0) * self.kx * self.scale, self.dy + (self.lat1 - lat) * self.scale)


@dataclass(frozen=True)
class _Base:
    projection: Projection
    outline: str
    districts: tuple[tuple[str, str], ...]  # (slug, path data), file order


def _rings(geometry: Mapping[str, Any]) -> Iterable[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon
    else:
        raise ValueError(f"cannot draw {geometry['type']}")


def _path(geometry: Mapping[str, Any], proj: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        pts = [proj(lat, lng) for lng, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


def fit_projection(bounds: tuple[float, float, float, float], width: float, height: float,
                   margin: float = MARGIN_PX) -> Projection:
    """The projection fitting ``bounds`` (west, south, east, north) into width × height pixels, centred."""
    west, south, east, north = bounds
    kx = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * kx, north - south
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    dx = (width - span_x * scale) / 2
    dy = (height - span_y * scale) / 2
    return Projection(west, north, kx, scale, dx, dy)


@cache
def _base(folder: Path, width: float, height: float) -> _Base:
    """Projected path data; ``folder`` (the current ``geo_dir()``) only keys the cache."""
    outline, districts = layer("outline"), layer("districts")
    xs: list[float] = []
    ys: list[float] = []
    for feature in outline["features"] + districts["features"]:
        for ring in _rings(feature["geometry"]):
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    proj = fit_projection((min(xs), min(ys), max(xs), max(ys)), width, height)
    outline_d = "".join(_path(f["geometry"], proj) for f in outline["features"])
    paths = tuple((f["properties"]["id"], _path(f["geometry"], proj)) for f in districts["features"])
    return _Base(proj, outline_d, paths)


@cache
def _label_points(folder: Path) -> dict[str, tuple[float, float]]:
    """Label points of ``geo_dir()`` (``folder`` keys the cache)."""
    return label_points()


def districts_svg(selected: str | None, office: tuple[float, float] | None, width_px: float, height_px: float,
                  labels: Mapping[str, str], colours: Mapping[str, str] | None = None,
                  title: str = "", font_family: str = "sans-serif", text_escape: Callable[[str], str] = escape) -> str:
    """Inline SVG of the five districts; ``selected`` opaque with a thick black outline, the others lighter.

    ``office`` is the (lat, lng) of the office to mark with a circle; ``labels`` maps district id to the text
    drawn at a point well inside it; ``colours`` maps district id to fill (default: ``districts.yaml``);
    ``font_family`` is a CSS font list for the labels (an SVG does not inherit the page's font in every renderer).
    With ``selected=None`` (whole ward) every district is drawn alike and the ward outline is emphasised.
    ``text_escape`` escapes the title and labels (e.g. also against Markdown when the SVG sits in st.markdown).
    """
    if colours is None:
        from atlas.districts import districts

        colours = {d.id: d.colour for d in districts()}
    folder = geo_dir()
    base = _base(folder, float(width_px), float(height_px))
    proj = base.projection
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height_px}" '
        f'viewBox="0 0 {width_px} {height_px}" font-family="{escape(font_family)}" role="img"'
        + (f' aria-label="{text_escape(title)}"' if title else "") + ">",
    ]
    if title:
        out.append(f"<title>{text_escape(title)}</title>")
    out.append(f'<path d="{base.outline}" fill="{OUTLINE_FILL}" stroke="none" fill-rule="evenodd"/>')
    chosen = ""
    for slug, d in base.districts:
        fill = escape(colours.get(slug, "#cccccc"))
        if slug == selected:
            chosen = d
            out.append(f'<path d="{d}" fill="{fill}" fill-opacity="1" stroke="#ffffff" stroke-width="0.8" '
                       'fill-rule="evenodd"/>')
        else:
            opacity = WARD_OPACITY if selected is None else OTHER_OPACITY
            out.append(f'<path d="{d}" fill="{fill}" fill-opacity="{opacity}" stroke="#ffffff" '
                       'stroke-width="0.8" fill-rule="evenodd"/>')
    outline_width = 1.6 if selected is None else 0.9
    out.append(f'<path d="{base.outline}" fill="none" stroke="{OUTLINE_STROKE}" stroke-width="{outline_width}" '
               'stroke-linejoin="round"/>')
    if chosen:
        out.append(f'<path d="{chosen}" fill="none" stroke="{SELECTED_STROKE}" stroke-width="2.6" '
                   'stroke-linejoin="round" fill-rule="evenodd"/>')
    font_px = max(7.0, min(width_px, height_px) / 24)
    marker = proj(*office) if office is not None else None
    for slug, (lat, lng) in _label_points(folder).items():
        text = labels.get(slug)
        if not text:
            continue
        x, y = proj(lat, lng)
        if marker and abs(marker[0] - x) < font_px * len(text) * 0.35 and abs(marker[1] - y) < font_px:
            y = marker[1] + (-1.15 if marker[1] >= y else 1.15) * font_px  # keep the office dot readable
        weight = "bold" if slug == selected else "normal"
        common = (f'x="{x:.1f}" y="{y + font_px * 0.35:.1f}" text-anchor="middle" '
                  f'font-size="{font_px:.1f}" font-weight="{weight}"')
        out.append(f'<text {common} fill="none" stroke="#ffffff" stroke-width="2.4" '
                   f'stroke-linejoin="round">{text_escape(text)}</text>')
        out.append(f'<text {common} fill="#111111">{text_escape(text)}</text>')
    if office is not None:
        x, y = proj(*office)
        r = max(3.0, font_px * 0.45)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{OFFICE_FILL}" stroke="#ffffff" '
                   'stroke-width="1.2"/>')
    out.append("</svg>")
    return "".join(out)
