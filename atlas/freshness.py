"""How old a figure is: 'as of 1 Feb 2026 — 10 months ago' once a date is more than two months old.

Today's date comes from the clock, or from ``MINATO_TODAY`` (YYYY-MM-DD) so that tests and a rehearsal of an
old meeting can fix it; every function also takes ``today`` directly.
"""

from __future__ import annotations

import datetime as dt
import os

from atlas import formatting as fmt
from atlas.i18n import t

SHOW_AFTER_MONTHS = 2  # younger figures carry no age: a monthly table is normally one or two months behind
TODAY_ENV = "MINATO_TODAY"


def today() -> dt.date:
    """The clock's date, or ``MINATO_TODAY`` when set to an ISO date (an unreadable value is ignored)."""
    fixed = os.environ.get(TODAY_ENV, "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def months_between(day: dt.date, later: dt.date) -> int:
    """Whole months from ``day`` to ``later`` (0 when ``later`` is not after ``day``).

    >>> months_between(dt.date(2026, 2, 1), dt.date(2026, 12, 6))
    10
    >>> months_between(dt.date(2026, 2, 10), dt.date(2026, 4, 9))
    1
    """
    months = (later.year - day.year) * 12 + later.month - day.month - (later.day < day.day)
    return max(months, 0)


def age(day: dt.date | None, lang: str, now: dt.date | None = None) -> str:
    """'10 months ago' / '10か月前' / '10个月前' (whole years from 24 months), or '' when at most two months old.

    >>> age(dt.date(2026, 2, 1), "en", dt.date(2026, 12, 6)), age(dt.date(2020, 10, 1), "ja", dt.date(2026, 12, 6))
    ('10 months ago', '6年前')
    >>> age(dt.date(2026, 11, 1), "en", dt.date(2026, 12, 6))
    ''
    """
    if day is None:
        return ""
    months = months_between(day, now or today())
    if months <= SHOW_AFTER_MONTHS:
        return ""
    if months < 24:
        return t("age_months", lang, n=months)
    return t("age_years", lang, n=months // 12)


def as_of(day: dt.date, lang: str, now: dt.date | None = None) -> str:
    """'as of 1 Feb 2026 — 10 months ago' (the age only when older than two months)."""
    old = age(day, lang, now)
    date = fmt.date(day, lang)
    return t("as_of_aged", lang, date=date, age=old) if old else t("as_of", lang, date=date)
