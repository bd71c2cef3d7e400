"""Pieces of the inline SVG charts (:mod:`atlas.svg_chart`): escaped text, its width and wrapping, numbers,
colours, marker symbols and the hover text of a data point.

Plain Python, no Streamlit and no Plotly import: the values come from a figure's traces as :mod:`atlas.svg_chart`
reads them. Every text that reaches the SVG passes :func:`esc` (XML escaping, control characters dropped).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from html import escape

TEXT_COLOUR = "#31333f"  # 12.6:1 on white
MUTED_TEXT = "#4b4d57"  # 8.6:1 on white (ticks), the app's caption colour
OUTLINE = "#31333f"
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11 non-text contrast
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_TOKENS = re.compile(r"[0-9A-Za-z.,:;!?'’\"()\[\]%+\-–—/&@#$*_=<>]+\s*|\s+|.", re.S)
_NO_LINE_START = set("、。，．,.)）」』】〕：:；;！!？?ー～〜%％")
_PLACEHOLDER = re.compile(r"%\{(x|y)(?::([^}]*))?\}")


def xml_clean(text: str) -> str:
    """``text`` without the characters XML cannot hold, line breaks as spaces."""
    return _NOT_XML.sub("", text).replace("\r", " ").replace("\n", " ")


def esc(text: object) -> str:
    """``text`` as XML character data or attribute value: characters XML cannot hold dropped, newlines as spaces,
    ``<>&"'`` escaped.

    >>> esc('<img src=x onerror="a()">\\x00')
    '&lt;img src=x onerror=&quot;a()&quot;&gt;'
    """
    return escape(xml_clean(str(text)), quote=True)


def num(value: float) -> str:
    """A coordinate rounded to 0.1 without a trailing ``.0`` (``12.0`` -> ``12``, ``-0.04`` -> ``0``)."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def char_width(ch: str) -> float:
    """Approximate advance of ``ch`` in em (wide CJK 1, Latin letters and digits about 0.6; generous)."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch == " ":
        return 0.3
    if ch in "il.,:;'|!":
        return 0.32
    if ch.isupper() or ch in "mwMW%@&—":
        return 0.72
    return 0.58


def text_width(text: str, size: float) -> float:
    """Approximate width of ``text`` set at ``size`` user units."""
    return sum(char_width(c) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (at spaces in Latin, between CJK characters; no line
    starts with closing punctuation). A single word wider than ``width`` stays on its own line."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if line.strip() and text_width((line + token).rstrip(), size) > width:
            done = line.rstrip()
            if token[0] in _NO_LINE_START and len(done) > 1:  # carry the last character along
                done, token = done[:-1].rstrip(), done[-1] + token
            lines.append(done)
            line = token.lstrip()
        else:
            line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def text_lines(x: float, y: float, lines: list[str], line_height: float, **attrs: object) -> str:
    """A ``<text>`` of already escaped ``lines``, the first baseline at ``y``, further lines as ``<tspan>``
    ``line_height`` apart; ``attrs`` (``text_anchor``…) are escaped here."""
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items() if v is not None)
    first, *rest = lines
    body = first + "".join(f'<tspan x="{num(x)}" dy="{num(line_height)}">{ln}</tspan>' for ln in rest)
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{body}</text>'


def format_value(value: float) -> str:
    """A data value with thousands separators: ``61234`` -> ``61,234``, ``1388.8`` -> ``1,388.8``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


DateLabel = Callable[[dt.date], str]


def x_label(value: object, day_label: DateLabel = dt.date.isoformat) -> str:
    """An x value as the hover text shows it: a day by ``day_label`` (ISO by default; the chart's view passes its
    own format), or the number without ``.0``."""
    if isinstance(value, dt.datetime):
        return day_label(value.date()) if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return day_label(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _placeholder(match: re.Match[str], x: object, y: float, day_label: DateLabel) -> str:
    which, spec = match.group(1), match.group(2)
    if which == "x":
        return x_label(x, day_label)
    if not spec:
        return format_value(y)
    try:
        return format(int(y) if spec == "," and float(y).is_integer() else y, spec)
    except (TypeError, ValueError):
        return format_value(y)


def hover_text(name: str, template: str | None, x: object, y: float,
               day_label: DateLabel = dt.date.isoformat) -> str:
    """The native tooltip of a point: the trace's hover template filled in (``%{x}``, ``%{y:,}``…; ``<extra>``
    dropped), with the series name in front when the template does not already say it; without a template
    ``name — x: y``. Plain text: the caller escapes it."""
    if template:
        body = re.sub(r"<extra>.*?</extra>", "", template, flags=re.S)
        body = _PLACEHOLDER.sub(lambda m: _placeholder(m, x, y, day_label), body).replace("<br>", " ").strip()
        return body if not name or name in body else f"{name} — {body}"
    body = f"{x_label(x, day_label)}: {format_value(y)}"
    return f"{name} — {body}" if name else body


# --- colours -----------------------------------------------------------------------------------------------------

def _rgb(colour: str) -> tuple[float, float, float] | None:
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        return None
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: str) -> float | None:
    """WCAG relative luminance of a ``#rrggbb`` colour (None for other notations)."""
    rgb = _rgb(colour)
    if rgb is None:
        return None
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str = "#ffffff") -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 if either is not one)."""
    a, b = luminance(fg), luminance(bg)
    if a is None or b is None:
        return 1.0
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def darker(colour: str, share: float = 0.45) -> str:
    """``colour`` mixed with black (``share`` of black), for hatching and outlines of light fills."""
    rgb = _rgb(colour)
    if rgb is None:
        return OUTLINE
    return "#" + "".join(f"{round(c * 255 * (1 - share)):02x}" for c in rgb)


def safe_colour(colour: object, default: str = TEXT_COLOUR) -> str:
    """A colour fit for an attribute: ``#rgb``/``#rrggbb`` or a plain name, else ``default``."""
    text = str(colour or "").strip()
    return text if re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z]{3,20}", text) else default


def text_colour(colour: object) -> str:
    """``colour`` for text if it has 4.5:1 on white, else the body text colour (WCAG AA)."""
    c = safe_colour(colour)
    return c if contrast(c) >= 4.5 else TEXT_COLOUR


# --- markers -----------------------------------------------------------------------------------------------------

def marker(symbol: str, x: float, y: float, size: float, colour: str, line_width: float) -> str:
    """One marker of Plotly's ``symbol`` (circle, circle-open, diamond, square, x, x-thin-open…) of diameter
    ``size`` at (x, y). Filled markers too light to see on white get a dark outline."""
    r = size / 2
    base = symbol.removesuffix("-open")
    is_open = symbol.endswith("-open")
    outline = "" if contrast(colour) >= MIN_GRAPHIC_CONTRAST else f' stroke="{OUTLINE}" stroke-width="1"'
    if base in ("x", "x-thin", "cross", "cross-thin"):
        d = r * 0.8
        if base.startswith("x"):
            path = (f"M{num(x - d)},{num(y - d)}l{num(2 * d)},{num(2 * d)}"
                    f"M{num(x - d)},{num(y + d)}l{num(2 * d)},{num(-2 * d)}")
        else:
            path = f"M{num(x - r)},{num(y)}h{num(2 * r)}M{num(x)},{num(y - r)}v{num(2 * r)}"
        width = line_width if base.endswith("thin") else max(line_width, size / 4)
        return f'<path d="{path}" stroke="{colour}" stroke-width="{num(width)}"/>'
    if base == "diamond":
        shape = f'<path d="M{num(x)},{num(y - r)}L{num(x + r)},{num(y)}L{num(x)},{num(y + r)}L{num(x - r)},{num(y)}Z"'
    elif base == "square":
        shape = f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(size)}" height="{num(size)}"'
    else:
        shape = f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"'
    if is_open:
        return f'{shape} fill="#fff" stroke="{colour}" stroke-width="{num(line_width)}"/>'
    return f'{shape} fill="{colour}"{outline}/>'


DASHES = {"dash": (5, 3), "dot": (1.2, 2), "dashdot": (5, 2, 1.2, 2), "longdash": (9, 3), "longdashdot": (9, 2, 1.2, 2)}


def dasharray(dash: str | None, width: float) -> str:
    """``stroke-dasharray`` for Plotly's named dash (in multiples of the line width); '' for solid."""
    pattern = DASHES.get(dash or "")
    if not pattern:
        return ""
    return f' stroke-dasharray="{",".join(num(p * max(width, 1.5)) for p in pattern)}"'
