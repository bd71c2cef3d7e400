"""Classes and colours for choropleth maps and their legends. No Streamlit.

Quantile classes (at most five) on a colour-blind-safe sequential palette (ColorBrewer YlGnBu).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
MISSING = "#d9d9d9"


@dataclass(frozen=True)
class Classes:
    """Upper-inclusive class breaks ``edges`` (len = classes + 1) and one colour per class."""

    edges: tuple[float, ...]
    colours: tuple[str, ...]

    def colour(self, value: float | None) -> str:
        """The fill for ``value`` (grey when missing)."""
        if value is None or not np.isfinite(value):
            return MISSING
        for upper, colour in zip(self.edges[1:], self.colours, strict=True):
            if value <= upper:
                return colour
        return self.colours[-1]

    def labels(self, fmt: Callable[[float], str]) -> list[tuple[str, str]]:
        """(colour, 'low – high') per class, numbers formatted by ``fmt``."""
        return [(c, f"{fmt(lo)} – {fmt(hi)}") for c, lo, hi in zip(self.colours, self.edges, self.edges[1:],
                                                                     strict=False)]


def classify(values: Mapping[str, float | None], n: int = 5) -> Classes:
    """Quantile classes of the finite values; fewer classes when there are few distinct values.

    >>> classify({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}).edges
    (1.0, 1.8, 2.6, 3.4, 4.2, 5.0)
    """
    data = np.array([v for v in values.values() if v is not None and np.isfinite(v)], dtype=float)
    if data.size == 0:
        return Classes((0.0, 0.0), (MISSING,))
    distinct = np.unique(data)
    k = max(1, min(n, distinct.size))
    edges = np.unique(np.quantile(data, np.linspace(0, 1, k + 1)))
    if edges.size == 1:
        edges = np.array([edges[0], edges[0]])
    k = edges.size - 1
    colours = PALETTE[:: max(1, len(PALETTE) // k)][:k] if k < len(PALETTE) else PALETTE
    return Classes(tuple(round(float(e), 6) for e in edges), tuple(colours))


def fills(values: Mapping[str, float | None], classes: Classes) -> dict[str, str]:
    """Area id -> fill colour."""
    return {key: classes.colour(value) for key, value in values.items()}
