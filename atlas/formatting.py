"""Locale-aware formatting of counts, money (億円) and dates for ja / en / zh."""

from __future__ import annotations

import datetime as dt

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")


def people(value: int, lang: str) -> str:
    """266306 -> '266,306人' (ja, zh) or '266,306' (en).

    >>> people(266306, "ja"), people(266306, "en")
    ('266,306人', '266,306')
    """
    return f"{value:,}" if lang == "en" else f"{value:,}人"


def oku_yen(value: float, lang: str) -> str:
    """An amount in 億円 (100 million yen) in the reader's convention.

    >>> oku_yen(5739, "ja"), oku_yen(5739, "zh"), oku_yen(5739, "en")
    ('5,739億円', '5,739亿日元', '¥573.9 billion')
    """
    if lang == "en":
        return f"¥{value / 10:,.1f} billion"
    amount = f"{value:,.1f}".removesuffix(".0")
    return f"{amount}亿日元" if lang == "zh" else f"{amount}億円"


def date(day: dt.date | None, lang: str) -> str:
    """2024-01-01 -> '2024年1月1日' (ja, zh) or '1 Jan 2024' (en); None -> ''.

    >>> date(dt.date(2024, 1, 1), "zh"), date(dt.date(2024, 1, 1), "en")
    ('2024年1月1日', '1 Jan 2024')
    """
    if day is None:
        return ""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def month(day: dt.date | None, lang: str) -> str:
    """The month of ``day``: '2024年1月' (ja, zh) or 'January 2024' (en); None -> ''.

    >>> month(dt.date(2024, 1, 1), "ja"), month(dt.date(2024, 1, 1), "en")
    ('2024年1月', 'January 2024')
    """
    if day is None:
        return ""
    return f"{MONTH_NAMES_EN[day.month - 1]} {day.year}" if lang == "en" else f"{day.year}年{day.month}月"


def date_at(day: dt.date | None, lang: str, precision: str = "day") -> str:
    """``day`` to the precision its source gives: a whole date (:func:`date`) or only the month (:func:`month`)."""
    return month(day, lang) if precision == "month" else date(day, lang)


def fiscal_year(year: int, lang: str) -> str:
    """2024 -> '2024年度' (ja, zh) or 'FY2024' (en)."""
    return f"FY{year}" if lang == "en" else f"{year}年度"


def percent(value: float, lang: str, digits: int = 1) -> str:
    """0.0881 -> '8.8%'."""
    return f"{value * 100:.{digits}f}%"


def join(items: list[str], lang: str) -> str:
    """Items of a list in one cell: '、' between them in ja and zh, '; ' in en.

    >>> join(["a", "b"], "ja"), join(["a", "b"], "en")
    ('a、b', 'a; b')
    """
    return ("; " if lang == "en" else "、").join(items)
