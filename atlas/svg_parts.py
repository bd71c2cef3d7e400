"""The pieces of the server-side SVG chart (:mod:`atlas.svg_chart`): its sizes (:class:`SvgStyle`), the canvas
that maps data and paper coordinates to user units and escapes text (:class:`Canvas`), and the marks drawn on it:
bars, lines, error bars, points with their tooltips, annotations, shapes and the legend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from atlas.svg_marks import (
    TEXT_COLOUR,
    dasharray,
    hover_text,
    marker,
    num,
    safe_colour,
    text_colour,
    text_lines,
    text_width,
    wrap,
    xml_clean,
)
from atlas.svg_traces import Trace, x_number

GRID = "#e6e6e6"
AXIS = "#8a8d96"
BAR_SHARE = 0.8  # Plotly's default bargap 0.2
LH = 1.2  # line height in em
ANCHORS = {"left": "start", "right": "end"}
HATCH = {"/": "M0,6L6,0M-1,1L1,-1M5,7L7,5", "\\": "M0,0L6,6M-1,5L1,7M5,-1L7,1", "-": "M0,3H6", "|": "M3,0V6",
         "x": "M0,6L6,0M0,0L6,6", "+": "M0,3H6M3,0V6"}


@dataclass(frozen=True)
class SvgStyle:
    """One rendering size: viewBox width, plot height and type size in user units; marks per Plotly pixel."""

    name: str
    width: float
    plot_height: float
    font: float
    mark: float = 1.0
    max_x_ticks: int = 7
    y_ticks: int = 5
    hit: float = 26.0  # radius of a point's hit area: 44 px where 420 units are 358 px (a 390 px phone)


# The card is 420 units wide: 14.5-unit type is 12.4 px in the 358 px column of a 390 px phone; app.css caps the
# width on a desktop (30rem) so that it stays below ~17 px.
CARD = SvgStyle("card", 420, 200, 14.5)
SLIDE_WIDE = SvgStyle("wide", 1100, 230, 23, mark=1.7, max_x_ticks=12)
SLIDE_NARROW = SvgStyle("narrow", 420, 250, 15, mark=1.1)


class Canvas:
    """One drawing: its style, the text escaping, and data/paper coordinates of the plot area in user units."""

    def __init__(self, style: SvgStyle, text: Callable[[str], str], left: float, xr: tuple[float, float],
                 yr: tuple[float, float], day_label: Callable[[dt.date], str] = dt.date.isoformat) -> None:
        self.style, self.font, self.mark, self.text = style, style.font, style.mark, text
        self.day_label = day_label  # a day in the tooltips, in the chart's language
        self.left, self.top, self.width, self.height = left, 0.0, style.width - left - 0.6 * style.font, \
            style.plot_height
        self.xr, self.yr = xr, yr

    def esc(self, text: object) -> str:
        """``text`` through the caller's escaping, after dropping what XML cannot hold."""
        return self.text(xml_clean(str(text)))

    def x(self, value: Any, ref: str | None = "x") -> float:
        if ref == "paper":
            return self.left + float(value) * self.width
        return self.left + (x_number(value) - self.xr[0]) / ((self.xr[1] - self.xr[0]) or 1) * self.width

    def y(self, value: Any, ref: str | None = "y") -> float:
        share = float(value) if ref == "paper" else (float(value) - self.yr[0]) / ((self.yr[1] - self.yr[0]) or 1)
        return self.top + (1 - share) * self.height

    @property
    def bottom(self) -> float:
        return self.top + self.height


def annotation(a: Any, c: Canvas) -> tuple[str, float]:
    """One text annotation as ``<text>`` and the top of its first line (user units)."""
    fs = max(c.font, c.font * float(a.font.size or 12) / 12) if a.font is not None else c.font
    lh = fs * LH
    x = c.x(a.x if a.x is not None else 0.5, a.xref) + float(a.xshift or 0) * c.mark
    y = c.y(a.y if a.y is not None else 0.5, a.yref) - float(a.yshift or 0) * c.mark
    anchor = ANCHORS.get(a.xanchor or "", "middle")
    right_edge = c.left + c.width + c.font / 2
    room = {"start": right_edge - x, "end": x, "middle": 2 * min(x, right_edge - x)}[anchor]
    lines = wrap(str(a.text or ""), max(room, 4 * fs), fs)
    widest = max(text_width(line, fs) for line in lines)
    x = {"start": min(x, right_edge - widest), "end": max(min(x, right_edge), widest),
         "middle": min(max(x, widest / 2), right_edge - widest / 2)}[anchor]
    height = (len(lines) - 1) * lh
    first = {"bottom": y - 0.4 * fs - height, "top": y + 0.9 * fs}.get(a.yanchor or "", y + 0.35 * fs - height / 2)
    colour = text_colour(a.font.color if a.font is not None else None)
    attrs = {"text_anchor": None if anchor == "start" else anchor, "font_size": None if fs == c.font else num(fs),
             "fill": None if colour == TEXT_COLOUR else colour}
    return text_lines(x, first, [c.esc(ln) for ln in lines], lh, **attrs), first - 0.9 * fs


def shape(s: Any, c: Canvas) -> tuple[str, float]:
    """A line or rect shape and its top (user units)."""
    x0, x1 = c.x(s.x0, s.xref), c.x(s.x1, s.xref)
    y0, y1 = c.y(s.y0, s.yref), c.y(s.y1, s.yref)
    line = s.line
    colour = safe_colour(line.color if line is not None else None, AXIS)
    width = float((line.width if line is not None else None) or 2) * c.mark
    dash = dasharray(line.dash if line is not None else None, width)
    if s.type == "rect":
        fill = safe_colour(s.fillcolor, "none")
        op = f' fill-opacity="{num(s.opacity)}"' if s.opacity is not None else ""
        return (f'<rect x="{num(min(x0, x1))}" y="{num(min(y0, y1))}" width="{num(abs(x1 - x0))}" '
                f'height="{num(abs(y1 - y0))}" fill="{fill}"{op}/>'), min(y0, y1)
    return (f'<path d="M{num(x0)},{num(y0)}L{num(x1)},{num(y1)}" stroke="{colour}" '
            f'stroke-width="{num(width)}"{dash}/>'), min(y0, y1) - width / 2


def bars(tr: Trace, c: Canvas, bar_w: float, fill: str, stroke: str) -> str:
    """A bar trace: one ``<rect>`` per value from zero (or the axis' bottom); values are told by
    :func:`atlas.svg_points.bar_targets`."""
    out, base = [], c.y(max(c.yr[0], min(c.yr[1], 0.0)))
    for x, y in zip(tr.xs, tr.ys, strict=True):
        px, py = c.x(x), c.y(y)
        out.append(f'<rect x="{num(px - bar_w / 2)}" y="{num(min(py, base))}" width="{num(bar_w)}" '
                   f'height="{num(abs(base - py))}" fill="{fill}"{stroke}/>')
    return "".join(out)


def line_path(tr: Trace, c: Canvas) -> str:
    """A line trace as one ``<path>`` with its width and dash."""
    d = "L".join(f"{num(c.x(x))},{num(c.y(y))}" for x, y in zip(tr.xs, tr.ys, strict=True))
    width = tr.width * c.mark
    return (f'<path d="M{d}" fill="none" stroke="{tr.colour}" stroke-width="{num(width)}"'
            f'{dasharray(tr.dash, width)} stroke-linejoin="round"/>')


def error_bars(tr: Trace, c: Canvas) -> str:
    """A trace's error bars: a vertical line with caps per point."""
    d = []
    cap = tr.err_cap * c.mark / 2
    for x, y, (plus, minus) in zip(tr.xs, tr.ys, tr.err, strict=False):
        px, hi, lo = c.x(x), c.y(y + plus), c.y(y - minus)
        d.append(f"M{num(px)},{num(lo)}V{num(hi)}M{num(px - cap)},{num(hi)}H{num(px + cap)}"
                 f"M{num(px - cap)},{num(lo)}H{num(px + cap)}")
    return f'<path d="{"".join(d)}" stroke="{tr.err_colour}" stroke-width="{num(tr.err_thickness * c.mark)}"/>'


def points(tr: Trace, c: Canvas) -> str:
    """Each point's marker (their values are told by :func:`atlas.svg_points.point_targets`)."""
    if not tr.markers:
        return ""
    size = tr.size * c.mark
    return "".join(marker(tr.symbol, c.x(x), c.y(y), size, tr.marker_colour, tr.marker_line * c.mark)
                   for x, y in zip(tr.xs, tr.ys, strict=True))


def point_labels(tr: Trace, c: Canvas) -> list[str]:
    """What each point of ``tr`` says: its own hover text (Plotly ``hovertext``), else the filled-in template."""
    if len(tr.hover_texts) == len(tr.xs) and all(tr.hover_texts):
        return tr.hover_texts
    return [hover_text(tr.name, tr.template, x, y, c.day_label) for x, y in zip(tr.xs, tr.ys, strict=True)]


def legend(traces: list[Trace], fills: dict[int, tuple[str, str]], c: Canvas, top: float) -> tuple[str, float]:
    """Legend entries (one per legend group, its sample drawn from every trace of the group), wrapped in rows."""
    f = c.font
    groups: dict[str, list[int]] = {}
    for i, tr in enumerate(traces):
        groups.setdefault(tr.group, []).append(i)
    entries: list[tuple[str, list[int]]] = []
    for tr in traces:
        if tr.legend and not any(members is groups[tr.group] for _, members in entries):
            entries.append((tr.name, groups[tr.group]))
    if len(entries) < 2:
        return "", top
    out, x, y, row = [], 0.0, top, 0.0
    sample_w, gap = 2.2 * f, 0.4 * f
    for name, members in entries:
        lines = wrap(name, c.style.width - sample_w - gap, f)
        width = sample_w + gap + max(text_width(line, f) for line in lines)
        if x > 0 and x + width > c.style.width:
            x, y, row = 0.0, y + row, 0.0
        cy = y + 0.6 * f
        for i in members:
            tr = traces[i]
            if tr.kind == "bar":
                fill, stroke = fills[i]
                out.append(f'<rect x="{num(x + 0.4 * f)}" y="{num(cy - 0.5 * f)}" width="{num(1.4 * f)}" '
                           f'height="{num(f)}" fill="{fill}"{stroke}/>')
            if tr.lines:
                width_ = min(tr.width * c.mark, 0.3 * f)
                out.append(f'<path d="M{num(x)},{num(cy)}h{num(sample_w)}" stroke="{tr.colour}" '
                           f'stroke-width="{num(width_)}"{dasharray(tr.dash, width_)}/>')
            if tr.markers:
                out.append(marker(tr.symbol, x + sample_w / 2, cy, min(tr.size * c.mark, f), tr.marker_colour,
                                  min(tr.marker_line * c.mark, 0.2 * f)))
        out.append(text_lines(x + sample_w + gap, cy + 0.35 * f, [c.esc(ln) for ln in lines], f * LH))
        x += width + f
        row = max(row, len(lines) * f * LH + 0.3 * f)
    return "".join(out), y + row
