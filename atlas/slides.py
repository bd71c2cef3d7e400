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
