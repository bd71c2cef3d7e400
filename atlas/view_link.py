"""The compare page's view as a link: map level, layers, indicator(s), chart and embed mode. No Streamlit.

``?indicator=`` (and the scatter's ``?x=`` / ``?y=``) are checked against the registry by the page; here are the
parameters whose values are a fixed set. :data:`atlas.state.PAGE_PARAMS` checks their form on a session's first
run (one value per key, repeated ones dropped with a notice); :func:`parse_layers` then keeps every known layer of
``?layers=shelters,bogus`` and names the unknown ones, so a bad value loses nothing else.

>>> link_params("chome", {"offices", "shelters"})
{'level': 'chome', 'layers': 'shelters,offices'}
>>> parse_layers("offices,bogus,offices")
(['offices'], ['bogus'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LEVELS = ("district", "chome")
DEFAULT_LEVEL = "district"
LAYERS = ("shelters", "evacuation", "offices")
EMBEDS = ("map", "chart")
CHARTS = ("series", "scatter")
DEFAULT_CHART = "series"

LEVEL_FORM = re.compile(r"^(district|chome)$")
LAYERS_FORM = re.compile(r"^(?=.{1,80}$)[a-z_]+(,[a-z_]+)*$")
CHART_FORM = re.compile(r"^(series|scatter)$")
# issue 21: the interactive charts open (``?explore=1``; a link from before it that carries the scatter's ``x`` or
# ``y`` was made with the charts shown, so it opens them too) and the table's order (``?sort=<id>&order=asc``)
EXPLORE_FORM = re.compile(r"^[01]$")
ORDER_FORM = re.compile(r"^(asc|desc)$")


def parse_level(value: str | None) -> str:
    """``?level=``: a known level, else the default.

    >>> parse_level("chome"), parse_level("street"), parse_level(None)
    ('chome', 'district', 'district')
    """
    return value if value in LEVELS else DEFAULT_LEVEL


def parse_layers(value: str | None) -> tuple[list[str], list[str]]:
    """``?layers=a,b``: (known layers in :data:`LAYERS` order, unknown names in URL order); blanks ignored."""
    names = [n.strip() for n in (value or "").split(",") if n.strip()]
    known = [name for name in LAYERS if name in names]
    unknown = list(dict.fromkeys(n for n in names if n not in LAYERS))
    return known, unknown


def explore_open(explore: str | None, x: str | None, y: str | None) -> bool:
    """Whether a link opens the interactive charts: ``?explore=1``, or the scatter's pair without ``explore=0``.

    >>> explore_open(None, None, None), explore_open("1", None, None), explore_open(None, "density", None)
    (False, True, True)
    >>> explore_open("0", "density", "households")
    False
    """
    if explore in ("0", "1"):
        return explore == "1"
    return bool(x or y)


def parse_order(value: str | None) -> str:
    """``?order=``: 'asc' or the default 'desc' (largest first).

    >>> parse_order("asc"), parse_order("up"), parse_order(None)
    ('asc', 'desc', 'desc')
    """
    return "asc" if value == "asc" else "desc"


def layers_value(layers: Iterable[str]) -> str:
    """The ``?layers=`` value of a set of layers ('' for none), in :data:`LAYERS` order."""
    chosen = set(layers)
    return ",".join(name for name in LAYERS if name in chosen)


def link_params(level: str, layers: Iterable[str]) -> dict[str, str]:
    """The map's query parameters; defaults (district level, no layers) are left out of the URL."""
    out = {}
    if level != DEFAULT_LEVEL:
        out["level"] = level
    if value := layers_value(layers):
        out["layers"] = value
    return out
