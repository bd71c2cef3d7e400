"""The compare page's ranking as a small inline SVG of horizontal bars: no chart library to download.

One row per area (label, bar, value as written by the indicator), the selected area outlined, the ward's value as
a dashed line (or only written above the bars when it is far beyond them, like a total); every bar carries a
``<title>`` (the browser's tooltip). All text is escaped by ``text``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from atlas.svg_marks import MUTED_TEXT, TEXT_COLOUR, darker, esc, num, text_width

FONT = 16.0
ROW = 34.0
WARD_SCALE = 1.5  # the ward line is drawn when within 1.5x the longest bar; a total far beyond is written only
WIDTH = 480.0


@dataclass(frozen=True)
class Bar:
    """One area's bar: its name, value, the value as shown, fill colour, and whether it is selected."""

    label: str
    value: float
    shown: str
    colour: str
    selected: bool = False


def ranking_svg(bars: list[Bar], title: str, alt: str, ward: tuple[float, str] | None = None,
                text: Callable[[str], str] = esc, uid: str = "ranking") -> str:
    """``<svg role="img">`` with ``title`` and ``alt`` as its name and description, bars in the given order."""
    label_w = max(text_width(b.label, FONT) for b in bars) + 0.6 * FONT
    value_w = max(text_width(b.shown, FONT) for b in bars) + 0.6 * FONT
    longest = max(abs(b.value) for b in bars)
    drawn = ward is not None and abs(ward[0]) <= WARD_SCALE * longest
    values = [b.value for b in bars] + ([ward[0]] if drawn else [])
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    plot_w = WIDTH - label_w - value_w
    top = 1.6 * FONT if ward else 0.4 * FONT

    def x(v: float) -> float:
        return label_w + (v - lo) / span * plot_w

    parts = []
    for i, b in enumerate(bars):
        y = top + i * ROW
        x0, x1 = sorted((x(0.0), x(b.value)))
        outline = f' stroke="{TEXT_COLOUR}" stroke-width="3"' if b.selected else f' stroke="{darker(b.colour)}"'
        weight = ' font-weight="700"' if b.selected else ""
        parts.append(
            f'<g><title>{text(b.label)}: {text(b.shown)}</title>'
            f'<text x="{num(label_w - 0.3 * FONT)}" y="{num(y + ROW / 2 + 0.35 * FONT)}" text-anchor="end"'
            f'{weight}>{text(b.label)}</text>'
            f'<rect x="{num(x0)}" y="{num(y + 4)}" width="{num(max(x1 - x0, 1.0))}" height="{num(ROW - 8)}" '
            f'fill="{b.colour}"{outline}/>'
            f'<text x="{num(x1 + 0.3 * FONT)}" y="{num(y + ROW / 2 + 0.35 * FONT)}">{text(b.shown)}</text></g>')
    bottom = top + len(bars) * ROW
    parts.append(f'<path d="M{num(x(0.0))},{num(top)}V{num(bottom)}" stroke="{MUTED_TEXT}"/>')
    if ward and drawn:
        wx = x(ward[0])
        anchor = "end" if wx > WIDTH / 2 else "start"
        parts.append(f'<path d="M{num(wx)},{num(top - 0.2 * FONT)}V{num(bottom)}" stroke="{MUTED_TEXT}" '
                     f'stroke-dasharray="5 4" stroke-width="1.5"/><text x="{num(wx)}" y="{num(FONT)}" '
                     f'text-anchor="{anchor}" fill="{MUTED_TEXT}">{text(ward[1])}</text>')
    elif ward:  # e.g. the ward's population, the sum of the bars: said, not drawn off the scale
        parts.append(f'<text x="{num(WIDTH)}" y="{num(FONT)}" text-anchor="end" fill="{MUTED_TEXT}">'
                     f'{text(ward[1])}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg ranking-svg" viewBox="0 0 {num(WIDTH)} '
            f'{num(bottom + 0.4 * FONT)}" width="100%" role="img" aria-labelledby="{uid}-t" '
            f'aria-describedby="{uid}-d" font-size="{num(FONT)}" fill="{TEXT_COLOUR}">'
            f'<title id="{uid}-t">{text(title)}</title><desc id="{uid}-d">{text(alt)}</desc>'
            + "".join(parts) + "</svg>")
