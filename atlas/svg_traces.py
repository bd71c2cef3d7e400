"""Reading a Plotly figure's traces for :mod:`atlas.svg_chart`: the values, hover templates and styles of each
trace, x positions of dates and numbers, and the ticks of both axes. Plain Python, no Plotly import.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from atlas.svg_marks import PALETTE, safe_colour


def finite(value: object) -> bool:
    """True for a number that can be drawn (not None, not NaN or infinite)."""
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@dataclass
class Trace:
    """What the SVG draws of one Plotly trace (see :func:`read_trace`)."""

    kind: str
    name: str
    xs: list[Any]
    ys: list[float]
    lines: bool
    markers: bool
    colour: str
    width: float
    dash: str | None
    symbol: str
    size: float
    marker_colour: str
    marker_line: float
    pattern: str
    legend: bool
    group: str
    hover: bool
    template: str | None
    err: list[tuple[float, float]] = field(default_factory=list)
    err_colour: str = ""
    err_thickness: float = 1.5
    err_cap: float = 8.0
    texts: list[str] = field(default_factory=list)  # direct labels (Plotly ``text``), "" where none
    text_position: str = "top center"
    hover_texts: list[str] = field(default_factory=list)  # each point's own hover text (Plotly ``hovertext``)


def x_number(value: Any) -> float:
    """An x value as a number: dates as days (proleptic ordinal), numbers as they are."""
    if isinstance(value, dt.datetime):
        return value.toordinal() + (value - value.replace(hour=0, minute=0, second=0, microsecond=0)).seconds / 86400
    if isinstance(value, dt.date):
        return float(value.toordinal())
    if isinstance(value, str):
        try:
            return float(dt.date.fromisoformat(value[:10]).toordinal())
        except ValueError:
            return float(value)
    return float(value)


def is_date(value: Any) -> bool:
    """True for a date, a datetime or an ISO date string."""
    return isinstance(value, dt.date) or isinstance(value, str) and bool(re.match(r"\d{4}-\d\d-\d\d", value))


def read_trace(tr: Any, index: int) -> Trace:
    """The drawable parts of a Plotly trace (bar or scatter)."""
    kind = "bar" if tr.type == "bar" else "scatter"
    kept = [i for i, y in enumerate(tr.y or ()) if i < len(tr.x or ()) and finite(y)]
    points = [(tr.x[i], float(tr.y[i])) for i in kept]
    mode = tr.mode or ("lines+markers" if len(points) < 20 else "lines") if kind == "scatter" else ""
    line = getattr(tr, "line", None)
    mk = tr.marker
    fallback = PALETTE[index % len(PALETTE)]
    colour = safe_colour((line.color if line is not None else None) or mk.color, fallback)
    err_y = getattr(tr, "error_y", None)
    err: list[tuple[float, float]] = []
    if err_y is not None and err_y.array is not None:
        minus = err_y.array if err_y.symmetric is not False or err_y.arrayminus is None else err_y.arrayminus
        err = [(float(p), float(m)) for p, m in zip(err_y.array, minus, strict=False)]
    return Trace(
        kind=kind, name=str(tr.name or ""), xs=[p[0] for p in points], ys=[p[1] for p in points],
        lines="lines" in mode, markers="markers" in mode, colour=colour,
        width=float((line.width if line is not None else None) or 2), dash=line.dash if line is not None else None,
        symbol=str(getattr(mk, "symbol", None) or "circle"), size=float(getattr(mk, "size", None) or 6),
        marker_colour=safe_colour(mk.color, colour),
        marker_line=float(getattr(mk.line, "width", None) or 1.5),
        pattern=(mk.pattern.shape or "") if kind == "bar" and mk.pattern is not None else "",
        legend=tr.showlegend is not False and bool(tr.name), group=tr.legendgroup or f"trace{index}",
        hover=tr.hoverinfo != "skip", template=tr.hovertemplate, err=err,
        err_colour=safe_colour(err_y.color, colour) if err else "",
        err_thickness=float(err_y.thickness or 1.5) if err else 1.5, err_cap=float(err_y.width or 8) if err else 8,
        texts=_per_point(tr.text, kept) if "text" in mode or kind == "bar" else [],
        text_position=str(getattr(tr, "textposition", None) or ("outside" if kind == "bar" else "top center")),
        hover_texts=_per_point(tr.hovertext, kept),
    )


def _per_point(values: Any, kept: list[int]) -> list[str]:
    """A per-point text property (a list, or one text for every point) for the drawn points; [] when unset."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values] * len(kept)
    values = list(values)
    return [str(values[i]) if i < len(values) and values[i] is not None else "" for i in kept]


def nice_ticks(lo: float, hi: float, target: int) -> tuple[list[float], int]:
    """Round tick values in [lo, hi] (steps 1, 2, 2.5, 5 × 10^k) and the decimals their labels need."""
    raw = (hi - lo) / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * 0.999)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) + (1 if step / mag == 2.5 and step < 10 else 0)
    return ticks, decimals


def date_ticks(lo: float, hi: float, most: int) -> list[tuple[float, str]]:
    """First-of-month ticks in [lo, hi] every 1…120 months, at most ``most``: ``2024`` or ``2024-07``."""
    start, end = dt.date.fromordinal(math.ceil(lo)), dt.date.fromordinal(math.floor(hi))
    months = range(start.year * 12 + start.month - 1 + (start.day > 1), end.year * 12 + end.month)
    for step in (1, 2, 3, 6, 12, 24, 60, 120):
        picked = [m for m in months if m % step == 0]
        if len(picked) <= most:
            return [(float(dt.date(m // 12, m % 12 + 1, 1).toordinal()), str(m // 12) if step >= 12 else
                     f"{m // 12}-{m % 12 + 1:02d}") for m in picked]
    return []
