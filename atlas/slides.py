"""The slide sequence of presentation mode and the ``?slide=`` parameter. No Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = re.compile(r"^[0-9]{1,6}$")
SLIDES = ("title", "aims", "population", "budget", "indicators", "take_part")


@dataclass(frozen=True)
class SlidePosition:
    """1-based slide number after validation; ``notice`` holds the rejected value, if any."""

    number: int
    notice: str | None = None


def read_slide(value: str | None, total: int = len(SLIDES)) -> SlidePosition:
    """Parse ``?slide=``; anything but ASCII digits giving 1..total falls back to 1 with a notice.

    ``"²"`` and ``"③"`` are digits to :meth:`str.isdigit` but not to :func:`int`, so only ``[0-9]`` counts.

    >>> read_slide("3"), read_slide("9").notice, read_slide(None), read_slide("③").notice
    (SlidePosition(number=3, notice=None), '9', SlidePosition(number=1, notice=None), '③')
    """
    if value is None or str(value).strip() == "":
        return SlidePosition(1)
    text = str(value).strip()
    if DIGITS.match(text) and 1 <= int(text) <= total:
        return SlidePosition(int(text))
    return SlidePosition(1, text[:20])


def step(number: int, delta: int, total: int = len(SLIDES)) -> int:
    """Move by ``delta`` and stay within 1..total.

    >>> step(6, 1), step(1, -1), step(2, 1)
    (6, 1, 3)
    """
    return min(total, max(1, number + delta))


CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LATIN_WIDTH = 0.52  # a Latin character's mean width in em (Noto Sans); a CJK character is 1 em wide
LINE_HEIGHT = 1.35
FILL = 0.95  # the share of the box the text should cover (lines end early, paragraphs leave gaps)


def fit_rem(text: str, width_rem: float, height_rem: float, low: float = 1.6, high: float = 4.4) -> float:
    """The type size (rem) at which ``text`` covers about :data:`FILL` of a ``width_rem`` x ``height_rem`` box,
    within ``low``..``high``: a short aim is set large, a long one stays at body size.

    >>> fit_rem("あ" * 60, 66, 26) > fit_rem("a" * 260, 66, 26) >= 1.6
    True
    """
    ems = sum(1.0 if CJK.match(c) else LATIN_WIDTH for c in text) or 1.0
    size = (FILL * width_rem * height_rem / (ems * LINE_HEIGHT)) ** 0.5
    return round(min(high, max(low, size)), 2)


def _ems(text: str) -> float:
    return sum(1.0 if CJK.match(c) else LATIN_WIDTH for c in text)


def _list_height(items: list[str], size: float, column_rem: float, columns: int) -> float:
    """Height (rem) of numbered ``items`` at ``size`` rem in ``columns`` balanced columns of ``column_rem``: each
    item's lines counted on their own (an item ends its last line early); lines break at words or, in CJK text,
    not before closing punctuation (~10 % lost)."""
    line_em = column_rem / size - LIST_INDENT_EM
    heights = []
    for item in items:
        ems = _ems(item) * 1.1
        lines = max(1, -(-ems // line_em))
        heights.append(size * (lines * LIST_LINE_HEIGHT + LIST_GAP_EM))
    if columns == 1:
        return sum(heights)
    return min(max(sum(heights[:k]), sum(heights[k:])) for k in range(len(heights) + 1))


LIST_INDENT_EM = 2.0  # the numbers: the list's padding (present.css .slide-list ol) and Streamlit's li margin
LIST_LINE_HEIGHT, LIST_GAP_EM, LIST_COLUMN_GAP_REM = 1.3, 0.3, 2.5  # present.css .slide-list li / ol


def fit_list_rem(items: list[str], width_rem: float, height_rem: float, columns: int = 2, low: float = 1.6,
                 high: float = 4.4) -> float:
    """The largest type size (rem, ``low``..``high``, in steps of 0.05) at which the numbered ``items`` fit a
    ``width_rem`` x ``height_rem`` box in ``columns`` columns, each item's line breaks counted.

    >>> fit_list_rem(["a" * 20] * 8, 66, 29) > fit_list_rem(["a" * 90] * 8, 66, 29) >= 1.6
    True
    """
    column_rem = (width_rem - LIST_COLUMN_GAP_REM * (columns - 1)) / columns
    size = high
    while size > low and _list_height(items, size, column_rem, columns) > height_rem * FILL:
        size = round(size - 0.05, 2)
    return max(low, size)
