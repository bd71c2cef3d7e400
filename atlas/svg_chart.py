"""A :class:`atlas.charts.Chart` as a small inline SVG drawn on the server: no Plotly.js, no JavaScript.

The SVG is drawn from the chart's Plotly figure, generically for the subset :mod:`atlas.charts` uses, so nothing
is drawn twice by hand: scatter traces (lines, markers, dashes, error bars), bars (with a hatch pattern), line
shapes and text annotations in data or paper coordinates, axis titles, the chart's y range
(:attr:`Chart.y_range`) and a legend that wraps, and the traces' own texts as direct labels. Each data point and bar
is a focusable value whose label box shows on tap, Tab or hover (:mod:`atlas.svg_points`); the root
``<title>``/``<desc>`` are the chart title and its text alternative; all text is escaped
(:func:`atlas.svg_marks.esc`); the same chart and style give the same bytes.

>>> from atlas.charts import budget_chart, fiscal_scale
>>> from atlas.content import plan_content
>>> chart_svg(budget_chart("en", fiscal_scale(plan_content()))).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from atlas.svg_marks import (
    MUTED_TEXT,
    TEXT_COLOUR,
    darker,
    dasharray,
    esc,
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
from atlas.svg_points import bar_targets, direct_labels, point_targets, targets_layer
from atlas.svg_traces import Trace, date_ticks, is_date, nice_ticks, read_trace, x_number

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


class _Canvas:
    """One drawing: its style, the text escaping, and data/paper coordinates of the plot area in user units."""

    def __init__(self, style: SvgStyle, text: Callable[[str], str], left: float, xr: tuple[float, float],
                 yr: tuple[float, float]) -> None:
        self.style, self.font, self.mark, self.text = style, style.font, style.mark, text
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


def _title(axis: Any) -> str:
    return str(axis.title.text or "") if axis.title is not None else ""


def _y_range(chart: Any, traces: list[Trace]) -> tuple[float, float]:
    """The chart's y range (:attr:`Chart.y_range`, the figure's), else Plotly's autorange (bars from zero)."""
    given = chart.y_range or chart.figure.layout.yaxis.range
    if given:
        return float(given[0]), float(given[1])
    values = [v for tr in traces for y, (p, m) in zip(tr.ys, tr.err or [(0, 0)] * len(tr.ys), strict=False)
              for v in (y, y + p, y - m)]
    lo, hi = min(values, default=0.0), max(values, default=1.0)
    if any(tr.kind == "bar" for tr in traces):
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        span = (hi - lo) or 1.0
        return lo - (0.05 * span if lo < 0 else 0), hi + 0.05 * span
    pad = max((hi - lo) * 0.08, 1.0)
    return lo - pad, hi + pad


def _x_range(layout: Any, traces: list[Trace], bar_step: float) -> tuple[float, float]:
    if layout.xaxis.range:
        return x_number(layout.xaxis.range[0]), x_number(layout.xaxis.range[1])
    xs = [x_number(x) for tr in traces for x in tr.xs] or [0.0, 1.0]
    lo, hi = min(xs), max(xs)
    if any(tr.kind == "bar" for tr in traces):
        return lo - bar_step / 2, hi + bar_step / 2
    pad = (hi - lo) * 0.04 or 1.0
    return lo - pad, hi + pad


def _x_ticks(layout: Any, c: _Canvas, dates: bool) -> list[tuple[float, str]]:
    """Tick positions (user units) and labels: the figure's tickvals or round values, thinned to at most
    ``max_x_ticks`` labels at least one em apart."""
    lo, hi = c.xr
    style = c.style
    axis = layout.xaxis
    if axis.tickvals is not None:
        texts = list(axis.ticktext or [str(v) for v in axis.tickvals])
        ticks = [(x_number(v), str(s)) for v, s in zip(axis.tickvals, texts, strict=False)]
    elif dates:
        ticks = date_ticks(lo, hi, style.max_x_ticks)
    else:
        values, decimals = nice_ticks(lo, hi, style.max_x_ticks - 1)
        ticks = [(v, f"{v:,.{decimals}f}") for v in values]
    ticks = [(c.x(v), s) for v, s in ticks if lo <= v <= hi]
    for step in range(1, len(ticks) + 1):
        kept = ticks[::step]
        gaps = [b[0] - a[0] - (text_width(a[1], style.font) + text_width(b[1], style.font)) / 2
                for a, b in zip(kept, kept[1:], strict=False)]
        if len(kept) <= style.max_x_ticks and min(gaps, default=style.font) >= style.font:
            return kept
    return ticks[:1]


def _annotation(a: Any, c: _Canvas) -> tuple[str, float]:
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


def _shape(s: Any, c: _Canvas) -> tuple[str, float]:
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


def _bars(tr: Trace, c: _Canvas, bar_w: float, fill: str, stroke: str) -> str:
    out, base = [], c.y(max(c.yr[0], min(c.yr[1], 0.0)))
    for x, y in zip(tr.xs, tr.ys, strict=True):
        px, py = c.x(x), c.y(y)
        out.append(f'<rect x="{num(px - bar_w / 2)}" y="{num(min(py, base))}" width="{num(bar_w)}" '
                   f'height="{num(abs(base - py))}" fill="{fill}"{stroke}/>')
    return "".join(out)


def _line(tr: Trace, c: _Canvas) -> str:
    d = "L".join(f"{num(c.x(x))},{num(c.y(y))}" for x, y in zip(tr.xs, tr.ys, strict=True))
    width = tr.width * c.mark
    return (f'<path d="M{d}" fill="none" stroke="{tr.colour}" stroke-width="{num(width)}"'
            f'{dasharray(tr.dash, width)} stroke-linejoin="round"/>')


def _errors(tr: Trace, c: _Canvas) -> str:
    d = []
    cap = tr.err_cap * c.mark / 2
    for x, y, (plus, minus) in zip(tr.xs, tr.ys, tr.err, strict=False):
        px, hi, lo = c.x(x), c.y(y + plus), c.y(y - minus)
        d.append(f"M{num(px)},{num(lo)}V{num(hi)}M{num(px - cap)},{num(hi)}H{num(px + cap)}"
                 f"M{num(px - cap)},{num(lo)}H{num(px + cap)}")
    return f'<path d="{"".join(d)}" stroke="{tr.err_colour}" stroke-width="{num(tr.err_thickness * c.mark)}"/>'


def _points(tr: Trace, c: _Canvas) -> str:
    """Each point's marker (their values are told by :func:`atlas.svg_points.point_targets`)."""
    if not tr.markers:
        return ""
    size = tr.size * c.mark
    return "".join(marker(tr.symbol, c.x(x), c.y(y), size, tr.marker_colour, tr.marker_line * c.mark)
                   for x, y in zip(tr.xs, tr.ys, strict=True))


def _point_labels(tr: Trace) -> list[str]:
    """What each point of ``tr`` says: its own hover text (Plotly ``hovertext``), else the filled-in template."""
    if len(tr.hover_texts) == len(tr.xs) and all(tr.hover_texts):
        return tr.hover_texts
    return [hover_text(tr.name, tr.template, x, y) for x, y in zip(tr.xs, tr.ys, strict=True)]


def _targets(traces: list[Trace], c: _Canvas, slot: float) -> str:
    """The focusable values of every trace that has hover, drawn last (:mod:`atlas.svg_points`)."""
    out = []
    for tr in traces:
        if not tr.hover:
            continue
        labels = _point_labels(tr)
        out.append(bar_targets(tr, c, slot, labels) if tr.kind == "bar" else point_targets(tr, c, labels))
    return targets_layer("".join(out))


def _legend(traces: list[Trace], fills: dict[int, tuple[str, str]], c: _Canvas, top: float) -> tuple[str, float]:
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


def chart_svg(chart: Any, style: SvgStyle = CARD, text: Callable[[str], str] = esc) -> str:
    """The chart as ``<svg role="figure">`` (4–8 KB: a figure, not an image, so that its focusable points stay in the
    accessibility tree), the same bytes for the same chart and style.

    ``text`` escapes every text that comes from data (default: XML escaping); inside a raw-HTML block of
    ``st.markdown`` pass ``components.markdown.html_text``, which also keeps Markdown syntax inert.
    """
    fig, f = chart.figure, style.font
    layout = fig.layout
    traces = [read_trace(tr, i) for i, tr in enumerate(fig.data)]
    uid = re.sub(r"[^a-z0-9-]+", "-", f"{chart.key}-{style.name}".lower())
    bar_xs = sorted({x_number(x) for tr in traces if tr.kind == "bar" for x in tr.xs})
    bar_step = min((b - a for a, b in zip(bar_xs, bar_xs[1:], strict=False)), default=1.0)
    yr = _y_range(chart, traces)
    y_ticks, decimals = nice_ticks(*yr, style.y_ticks)
    y_labels = [f"{v:,.{decimals}f}" for v in y_ticks]
    left = max((text_width(s, f) for s in y_labels), default=0.0) + 0.6 * f
    c = _Canvas(style, text, left, _x_range(layout, traces, bar_step), yr)

    y_title, x_title = _title(layout.yaxis), _title(layout.xaxis)
    tops = [top for _, top in [_annotation(a, c) for a in layout.annotations] + [_shape(s, c) for s in layout.shapes]]
    c.top = (f * LH + 0.3 * f if y_title else 0.6 * f) - min([0.0, *tops])  # room for paper items above the plot

    defs, fills = [], {}
    for i, tr in enumerate(traces):
        if tr.kind != "bar":
            continue
        fill, stroke = tr.colour, ""
        if tr.pattern:
            pid = f"{uid}-p{i}"
            defs.append(f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="6" height="6">'
                        f'<rect width="6" height="6" fill="{tr.colour}"/><path d="{HATCH.get(tr.pattern, HATCH["/"])}"'
                        f' stroke="{darker(tr.colour)}" stroke-width="1.2"/></pattern>')
            fill, stroke = f"url(#{pid})", f' stroke="{darker(tr.colour)}"'
        fills[i] = (fill, stroke)
    bar_w = bar_step * BAR_SHARE / ((c.xr[1] - c.xr[0]) or 1) * c.width

    x_ticks = _x_ticks(layout, c, any(is_date(x) for tr in traces for x in tr.xs))
    right = c.left + c.width
    grid = "".join(f"M{num(c.left)},{num(c.y(v))}H{num(right)}" for v in y_ticks)
    grid += "".join(f"M{num(x)},{num(c.top)}V{num(c.bottom)}" for x, _ in x_ticks)
    parts = [f'<defs>{"".join(defs)}</defs>' if defs else "", f'<path d="{grid}" stroke="{GRID}"/>',
             f'<path d="M{num(c.left)},{num(c.bottom)}H{num(right)}" stroke="{AXIS}"/>']
    parts.append(f'<g fill="{MUTED_TEXT}" text-anchor="end">' + "".join(
        f'<text x="{num(left - 0.3 * f)}" y="{num(c.y(v) + 0.35 * f)}">{c.esc(s)}</text>'
        for v, s in zip(y_ticks, y_labels, strict=True)) + "</g>")
    labels = []
    for x, s in x_ticks:  # centred under the tick, or aligned to the edge it would cross
        half = text_width(s, f) / 2
        anchor = ' text-anchor="end"' if x + half > style.width else ' text-anchor="start"' if x < half else ""
        pos = style.width if anchor.endswith('end"') else 0 if anchor else x
        labels.append(f'<text x="{num(pos)}" y="{num(c.bottom + 1.2 * f)}"{anchor}>{c.esc(s)}</text>')
    parts.append(f'<g fill="{MUTED_TEXT}" text-anchor="middle">{"".join(labels)}</g>')
    cursor = c.bottom + 1.6 * f
    if y_title:
        parts.append(text_lines(0, f, [c.esc(y_title)], f * LH))
    if x_title:
        parts.append(text_lines(c.left + c.width / 2, cursor + f, [c.esc(x_title)], f * LH, text_anchor="middle"))
        cursor += f * LH + 0.2 * f
    parts += [_shape(s, c)[0] for s in layout.shapes]
    for i, tr in enumerate(traces):
        if tr.kind == "bar":
            parts.append(_bars(tr, c, bar_w, *fills[i]))
        elif tr.lines and len(tr.xs) > 1:
            parts.append(_line(tr, c))
    parts += [_errors(tr, c) for tr in traces if tr.err]
    parts += [_points(tr, c) for tr in traces if tr.kind != "bar"]
    parts += [_annotation(a, c)[0] for a in layout.annotations]
    parts.append(direct_labels([tr for tr in traces if tr.texts], c))
    legend, bottom = _legend(traces, fills, c, cursor + 0.4 * f) if layout.showlegend is not False else ("", cursor)
    parts.append(legend)
    parts.append(_targets(traces, c, bar_step / ((c.xr[1] - c.xr[0]) or 1) * c.width))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-{style.name}" '
            f'viewBox="0 0 {num(style.width)} {num(bottom + 0.3 * f)}" width="100%" role="figure" '
            f'aria-labelledby="{uid}-t" aria-describedby="{uid}-d" font-size="{num(f)}" fill="{TEXT_COLOUR}">'
            f'<title id="{uid}-t">{c.esc(chart.title)}</title><desc id="{uid}-d">{c.esc(chart.alt_text)}</desc>'
            + "".join(parts) + "</svg>")
