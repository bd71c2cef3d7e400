"""Derived estimates, each with the inputs that explain its method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from atlas.figures import series


class Projection(Protocol):
    date: dt.date
    value: int
    source: str


@dataclass(frozen=True)
class TrendEstimate:
    """A district's population on ``date`` if it keeps its current share of the ward's projection."""

    district: str
    date: dt.date
    value: int
    share: float
    share_date: dt.date
    ward_projection: int
    source: str


def trend_estimate(district: str, projection: Projection) -> TrendEstimate | None:
    """District share of the ward on the latest date both are known, times the plan's ward projection.

    Returns None when no common date exists.
    """
    ward = {o.date: o.value for o in series("ward", "population")}
    mine = {o.date: o.value for o in series(district, "population")}
    common = sorted(set(ward) & set(mine))
    if not common:
        return None
    day = common[-1]
    share = mine[day] / ward[day]
    return TrendEstimate(district, projection.date, round(share * projection.value), share, day,
                         projection.value, projection.source)
