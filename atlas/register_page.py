"""Read the city's monthly page 人口・世帯数 (住民基本台帳, by 総合支所管内) into month tables, checked.

The page (e.g. ``…/toukeichousa/kuse/toke/jinko/jinko/2026.html``) has, for each month, a heading
「令和8年2月1日現在」 followed by a table: 区分 (area, then 日本人 / 外国人 / 複数国籍世帯 / 合計),
世帯数, 人口 (男, 女, 計), 前月比増減. Areas are 港区総数 and the five districts, written 「芝地区」
(2025 on) or 「芝地区総合支所管内」 (2024). Negative numbers are written 「△ 5」, empty cells 「―」.
lxml finds each table and its heading; pandas ``read_html`` reads the table's cells (row and column
spans included). No Streamlit here.

Every problem raises :class:`RefreshError` naming the table and row; :meth:`RefreshError.text` words it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from io import StringIO

import pandas as pd
from lxml import html

from atlas import formatting as fmt
from atlas.districts import area_label, districts
from atlas.i18n import t

MEASURES = ("population", "households", "foreign_population")  # what data/figures keeps of each area
WARD = "ward"
WARD_NAME = "港区総数"
CATEGORIES = ("日本人", "外国人", "複数国籍世帯", "合計")
ERAS = {"令和": 2018, "平成": 1988}
DATE_RE = re.compile(r"(令和|平成)\s*(\d+|元)\s*年\s*(\d+)\s*月\s*(\d+)\s*日\s*現在"
                     r"|(\d{4})\s*年\s*(\d+)\s*月\s*(\d+)\s*日\s*現在")
UPDATED_RE = re.compile(r"更新日\s*[:：]\s*(\d{4})\s*年\s*(\d+)\s*月\s*(\d+)\s*日")
SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(https?://\S+?)\s*-->")
NONE_MARKS = {"", "―", "-", "－", "—", "…"}
MEASURE_KEYS = {"population": "fig_population", "households": "fig_households", "foreign_population": "fig_foreign"}


class RefreshError(ValueError):
    """Input refused: ``key`` of the UI catalog and its values (dates, areas, numbers) for the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = values

    def text(self, lang: str) -> str:
        """The message in ``lang``: dates in the view's format, area ids as the view's names."""
        words = {k: fmt.date(v, lang) if isinstance(v, dt.date) else f"{v:,}" if isinstance(v, int) else v
                 for k, v in self.values.items()}
        if "area" in words:
            words["area"] = area_label(str(words["area"]), lang)
        if words.get("what") in MEASURE_KEYS:
            words["what"] = t(MEASURE_KEYS[str(words["what"])], lang)
        return t(self.key, lang, **words)


@dataclass(frozen=True)
class MonthTable:
    """One month of the page: ``values[area][measure]`` for the ward and the five districts, and where it was."""

    date: dt.date
    number: int  # 1-based position of the table on the page
    values: dict[str, dict[str, int]]


@dataclass(frozen=True)
class RegisterPage:
    """What a page gives: its month tables (page order), its 更新日, and the address it was saved from."""

    months: tuple[MonthTable, ...]
    updated: dt.date | None
    saved_from: str | None


def read_page(text: str, today: dt.date) -> RegisterPage:
    """Every month table of the page ``text`` (HTML), checked: dates, all areas, sums; raises RefreshError."""
    try:
        doc = html.fromstring(text)
    except (ValueError, html.etree.ParserError) as exc:
        raise RefreshError("refresh_no_table") from exc
    months: list[MonthTable] = []
    seen: dict[dt.date, int] = {}
    tables = [tb for tb in doc.iter("table") if _is_register_table(tb)]
    if not tables:
        raise RefreshError("refresh_no_table")
    for number, table in enumerate(tables, start=1):
        day = _table_date(table, number, today)
        if day in seen:
            raise RefreshError("refresh_duplicate_date", n=number, first=seen[day], date=day)
        seen[day] = number
        months.append(MonthTable(day, number, _read_table(table, number, day)))
    body = doc.text_content()
    updated = UPDATED_RE.search(body)
    saved = SAVED_FROM_RE.search(text[:2000])
    return RegisterPage(tuple(months), _safe_date(*map(int, updated.groups())) if updated else None,
                        saved.group(1) if saved else None)


def _is_register_table(table: html.HtmlElement) -> bool:
    head = "".join(th.text_content() for th in table.iter("th"))
    return all(word in head for word in ("区分", "世帯数", "人口"))


def _table_date(table: html.HtmlElement, number: int, today: dt.date) -> dt.date:
    """The date of the nearest heading or text before ``table`` that reads 「…年…月…日現在」 (or its caption)."""
    candidates = [c.text_content() for c in table.iter("caption")]
    candidates += [el.text_content() for el in table.itersiblings(preceding=True) if isinstance(el.tag, str)]
    parent = table.getparent()
    while parent is not None and len(candidates) < 50:
        candidates += [el.text_content() for el in parent.itersiblings(preceding=True) if isinstance(el.tag, str)]
        parent = parent.getparent()
    for words in candidates:
        if "現在" not in words:
            continue
        found = DATE_RE.search(words)
        if not found:
            raise RefreshError("refresh_bad_date", n=number, text=words.strip()[:40])
        era, year, month, day, w_year, w_month, w_day = found.groups()
        if era:
            parts = (ERAS[era] + (1 if year == "元" else int(year)), int(month), int(day))
        else:
            parts = (int(w_year), int(w_month), int(w_day))
        date = _safe_date(*parts)
        if date is None or date.day != 1:
            raise RefreshError("refresh_bad_date", n=number, text=found.group(0))
        if date > today:
            raise RefreshError("refresh_future_date", n=number, date=date)
        return date
    raise RefreshError("refresh_no_date", n=number)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _area_id(label: str) -> str | None:
    name = re.sub(r"\s+", "", label).removesuffix("総合支所管内").removesuffix("地区")
    if name == WARD_NAME:
        return WARD
    return next((d.id for d in districts() if d.name("ja").removesuffix("地区") == name), None)


def _number(cell: object, number: int, day: dt.date, row: str) -> int | None:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    text = re.sub(r"[\s,，]", "", str(cell))
    if text in NONE_MARKS:
        return None
    sign = -1 if text[:1] in ("△", "▲", "-", "−") else 1
    digits = text.lstrip("△▲-−")
    if not digits.isdigit():
        raise RefreshError("refresh_bad_number", n=number, date=day, row=row, text=str(cell))
    return sign * int(digits)


def _read_table(table: html.HtmlElement, number: int, day: dt.date) -> dict[str, dict[str, int]]:
    frame = pd.read_html(StringIO(html.tostring(table, encoding="unicode")), thousands=None)[0]
    columns = [tuple(str(part) for part in (c if isinstance(c, tuple) else (c,))) for c in frame.columns]
    households = next((i for i, c in enumerate(columns) if c[0] == "世帯数"), None)
    people = next((i for i, c in enumerate(columns) if c[0] == "人口" and c[-1] == "計"), None)
    if households is None or people is None:
        raise RefreshError("refresh_no_table")
    cells: dict[str, dict[str, tuple[int | None, int | None]]] = {}
    for record in frame.itertuples(index=False):
        label, category = str(record[0]).strip(), re.sub(r"\s+", "", str(record[1]))
        row = f"{label} {category}"
        area = _area_id(label)
        if area is None:
            raise RefreshError("refresh_unknown_area", n=number, date=day, row=label)
        if category not in CATEGORIES:
            raise RefreshError("refresh_unknown_area", n=number, date=day, row=row)
        got = cells.setdefault(area, {})
        if category in got:
            raise RefreshError("refresh_duplicate_area", n=number, date=day, area=area, category=category)
        got[category] = (_number(record[households], number, day, row), _number(record[people], number, day, row))
    return _checked(cells, number, day)


def _checked(cells: dict[str, dict[str, tuple[int | None, int | None]]], number: int,
             day: dt.date) -> dict[str, dict[str, int]]:
    """The kept measures per area, after checking that every area and row is there and the sums hold."""
    areas = (WARD, *(d.id for d in districts()))
    out: dict[str, dict[str, int]] = {}
    for area in areas:
        if area not in cells:
            raise RefreshError("refresh_missing_area", n=number, date=day, area=area)
        rows = cells[area]
        for category in ("外国人", "合計"):
            hh, pop = rows.get(category, (None, None))
            if hh is None or pop is None:
                raise RefreshError("refresh_missing_row", n=number, date=day, area=area, category=category)
        out[area] = {"population": rows["合計"][1], "households": rows["合計"][0],
                     "foreign_population": rows["外国人"][1]}
        parts = [rows.get(c, (None, None)) for c in ("日本人", "外国人", "複数国籍世帯")]
        if all(p[0] is not None for p in parts) and sum(p[0] or 0 for p in parts) != rows["合計"][0]:
            raise RefreshError("refresh_parts_mismatch", n=number, date=day, area=area, what="households",
                               sum=sum(p[0] or 0 for p in parts), total=rows["合計"][0])
        if all(p[1] is not None for p in parts[:2]) and (parts[0][1] or 0) + (parts[1][1] or 0) != rows["合計"][1]:
            raise RefreshError("refresh_parts_mismatch", n=number, date=day, area=area, what="population",
                               sum=(parts[0][1] or 0) + (parts[1][1] or 0), total=rows["合計"][1])
    for measure in MEASURES:
        total = sum(out[d][measure] for d in areas[1:])
        if total != out[WARD][measure]:
            raise RefreshError("refresh_sum_mismatch", n=number, date=day, what=measure, sum=total,
                               total=out[WARD][measure])
    return out
