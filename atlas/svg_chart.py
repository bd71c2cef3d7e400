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

import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from atlas import formatting as fmt
from atlas.svg_marks import (
    MUTED_TEXT,
    TEXT_COLOUR,
    darker,
    esc,
    num,
    text_lines,
    text_width,
)
from atlas.svg_parts import (
    AXIS,
    BAR_SHARE,
    CARD,
    GRID,
    HATCH,
    LH,
    SLIDE_NARROW,
    SLIDE_WIDE,
    Canvas,
    SvgStyle,
    annotation,
    bars,
    error_bars,
    legend,
    line_path,
    point_labels,
    points,
    shape,
)
from atlas.svg_points import bar_targets, direct_labels, point_targets, targets_layer
from atlas.svg_traces import Trace, date_ticks, is_date, nice_ticks, read_trace, x_number

__all__ = ["CARD", "SLIDE_NARROW", "SLIDE_WIDE", "SvgStyle", "chart_svg"]

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


def _x_ticks(layout: Any, c: Canvas, dates: bool) -> list[tuple[float, str]]:
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


def _targets(traces: list[Trace], c: Canvas, slot: float) -> str:
    """The focusable values of every trace that has hover, drawn last (:mod:`atlas.svg_points`)."""
    out = []
    for tr in traces:
        if not tr.hover:
            continue
        labels = point_labels(tr, c)
        out.append(bar_targets(tr, c, slot, labels) if tr.kind == "bar" else point_targets(tr, c, labels))
    return targets_layer("".join(out))


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
    lang = getattr(chart, "lang", "")
    day_label = partial(fmt.date, lang=lang) if lang else dt.date.isoformat
    c = Canvas(style, text, left, _x_range(layout, traces, bar_step), yr, day_label)

    y_title, x_title = _title(layout.yaxis), _title(layout.xaxis)
    tops = [top for _, top in [annotation(a, c) for a in layout.annotations] + [shape(s, c) for s in layout.shapes]]
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
    parts += [shape(s, c)[0] for s in layout.shapes]
    for i, tr in enumerate(traces):
        if tr.kind == "bar":
            parts.append(bars(tr, c, bar_w, *fills[i]))
        elif tr.lines and len(tr.xs) > 1:
            parts.append(line_path(tr, c))
    parts += [error_bars(tr, c) for tr in traces if tr.err]
    parts += [points(tr, c) for tr in traces if tr.kind != "bar"]
    parts += [annotation(a, c)[0] for a in layout.annotations]
    parts.append(direct_labels([tr for tr in traces if tr.texts], c))
    key, bottom = legend(traces, fills, c, cursor + 0.4 * f) if layout.showlegend is not False else ("", cursor)
    parts.append(key)
    parts.append(_targets(traces, c, bar_step / ((c.xr[1] - c.xr[0]) or 1) * c.width))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-{style.name}" '
            f'viewBox="0 0 {num(style.width)} {num(bottom + 0.3 * f)}" width="100%" role="figure" '
            f'aria-labelledby="{uid}-t" aria-describedby="{uid}-d" font-size="{num(f)}" fill="{TEXT_COLOUR}">'
            f'<title id="{uid}-t">{c.esc(chart.title)}</title><desc id="{uid}-d">{c.esc(chart.alt_text)}</desc>'
            + "".join(parts) + "</svg>")
