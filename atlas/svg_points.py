"""Values a chart of :mod:`atlas.svg_chart` shows without hover: direct labels and focusable data points.

Inline SVG in ``st.markdown`` runs no script, so a point's value is revealed by CSS alone (``static/app.css``):
every data point and bar is a ``<g class="pt" tabindex="0" role="img" aria-label="…">`` holding a transparent
hit area (a circle of at least :attr:`SvgStyle.hit` user units, i.e. 44 px on a 390 px phone; a bar's whole slot)
and a label box that is hidden until the point has focus (a tap or Tab) or the pointer. The groups are drawn last,
so an open label covers every mark. Direct labels (Plotly's ``text`` of a trace: the latest count, the estimate)
are always shown, with a white halo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from atlas.svg_marks import num, text_lines, text_width, wrap
from atlas.svg_traces import Trace

if TYPE_CHECKING:
    from atlas.svg_parts import Canvas as _Canvas

LH = 1.2  # line height in em
HALO = '<g font-weight="700" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'


def tip(c: _Canvas, x: float, top: float, bottom: float, label: str) -> str:
    """A hidden label box centred on ``x``, above ``top`` or, with no room there, below ``bottom``; kept inside the
    view box's width. CSS shows it and gives it its colours (``static/app.css``: hidden, it needs none)."""
    f, width = c.font, c.style.width
    lines = wrap(label, width - 1.2 * f, f)
    w = max(text_width(line, f) for line in lines) + 0.8 * f
    h = len(lines) * f * LH + 0.4 * f
    x0 = min(max(x - w / 2, 0.0), width - w)
    y0 = top - 0.3 * f - h
    if y0 < 0:
        y0 = bottom + 0.3 * f
    body = text_lines(x0 + 0.4 * f, y0 + 0.2 * f + f, [c.esc(line) for line in lines], f * LH)
    return (f'<g class="tip" visibility="hidden"><rect x="{num(x0)}" y="{num(y0)}" width="{num(w)}" '
            f'height="{num(h)}"/>{body}</g>')


def targets_layer(groups: str) -> str:
    """The focus groups in one transparent layer (their hit shapes take its fill)."""
    return f'<g class="pts" fill="#fff0">{groups}</g>' if groups else ""


def focus_point(c: _Canvas, label: str, hit: str, x: float, top: float, bottom: float) -> str:
    """One focusable value: its accessible name ``label``, the transparent ``hit`` shape and its label box."""
    return (f'<g class="pt" tabindex="0" role="img" aria-label="{c.esc(label)}">{hit}'
            f"{tip(c, x, top, bottom, label)}</g>")


def point_targets(tr: Trace, c: _Canvas, labels: list[str]) -> str:
    """The focus groups of a scatter trace's points: hit circles of at least ``style.hit`` units."""
    size = tr.size * c.mark
    r = max(c.style.hit, size / 2)
    out = []
    for x, y, label in zip(tr.xs, tr.ys, labels, strict=True):
        px, py = c.x(x), c.y(y)
        hit = f'<circle cx="{num(px)}" cy="{num(py)}" r="{num(r)}"/>'
        out.append(focus_point(c, label, hit, px, py - size / 2 - 0.2 * c.font, py + size / 2 + 0.2 * c.font))
    return "".join(out)


def bar_targets(tr: Trace, c: _Canvas, slot: float, labels: list[str]) -> str:
    """The focus groups of a bar trace: each bar's whole slot (``slot`` units wide, the plot's height)."""
    out = []
    base = c.y(max(c.yr[0], min(c.yr[1], 0.0)))
    for x, y, label in zip(tr.xs, tr.ys, labels, strict=True):
        px, py = c.x(x), c.y(y)
        hit = f'<rect x="{num(px - slot / 2)}" y="{num(c.top)}" width="{num(slot)}" height="{num(c.height)}"/>'
        out.append(focus_point(c, label, hit, px, min(py, base), max(py, base)))
    return "".join(out)


def _label_spots(tr: Trace, c: _Canvas, bar_top: bool) -> list[tuple[float, list[float], float, str]]:
    """Each text of ``tr`` as (left, candidate baselines, width, text): the ``textposition`` first (top/middle/bottom
    × left/center/right; bars: above the bar), then a line higher, then below the point."""
    f = c.font
    d = tr.size * c.mark / 2 + 0.3 * f
    words = tr.text_position.split()
    vertical = "top" if bar_top or words[0] not in ("middle", "bottom") else words[0]
    horizontal = "center" if bar_top or len(words) < 2 else words[1]
    out = []
    for x, y, text in zip(tr.xs, tr.ys, tr.texts, strict=False):
        if not text:
            continue
        px, py = c.x(x), c.y(y)
        w = text_width(text, f)
        above = py - 0.3 * f if bar_top else py - d
        base = {"top": above, "middle": py + 0.35 * f}.get(vertical, py + d + 0.8 * f)
        side = d if vertical == "middle" else 0.0
        left = {"left": px - side - w, "right": px + side}.get(horizontal, px - w / 2)
        out.append((min(max(left, 0.0), c.style.width - w), [base, base - LH * f, py + d + 0.8 * f], w, text))
    return out


def direct_labels(traces: list[Trace], c: _Canvas) -> str:
    """The traces' own texts (Plotly ``text``) beside their points, bold with a halo, inside the view box's width;
    a label that would overlap one placed before takes its next spot (a line higher, then below its point)."""
    f = c.font
    placed: list[tuple[float, float, float, float]] = []  # left, top, right, bottom
    out = []
    for tr in traces:
        for left, bases, w, text in _label_spots(tr, c, tr.kind == "bar"):
            def free(base: float, left: float = left, w: float = w) -> bool:
                return base - 0.9 * f >= 0 and all(left >= r or left + w <= lf or base - 0.9 * f >= b or base <= t
                                                   for lf, t, r, b in placed)
            base = next((b for b in bases if free(b)), max(bases[0], 0.9 * f))
            placed.append((left, base - 0.9 * f, left + w, base + 0.25 * f))
            out.append(f'<text x="{num(left)}" y="{num(base)}">{c.esc(text)}</text>')
    return HALO + "".join(out) + "</g>" if out else ""
