"""The compare page's HTML table (atlas/compare_table.py): order, gaps, the ward last, escaping, the marked row."""

from __future__ import annotations

import doctest
import re
from html.parser import HTMLParser

import pandas as pd

from atlas import compare_table
from atlas.compare import comparison_table, table_formats
from atlas.compare_table import SELECTED_MARK, sorted_rows, table_html
from atlas.indicators import column_labels, district_values
from components.markdown import html_text


def test_doctests() -> None:
    assert doctest.testmod(compare_table).failed == 0


def test_sorting_keeps_the_ward_last_and_gaps_after_the_values() -> None:
    frame = pd.DataFrame({"id": ["a", "b", "c", "ward", "d"], "v": [2.0, None, 5.0, 9.0, 1.0]})
    assert [frame["id"][p] for p in sorted_rows(frame, "v", "desc", "id")] == ["c", "a", "d", "b", "ward"]
    assert [frame["id"][p] for p in sorted_rows(frame, "v", "asc", "id")] == ["d", "a", "c", "b", "ward"]
    assert [frame["id"][p] for p in sorted_rows(frame, None, "asc", "id")] == ["a", "b", "c", "d", "ward"]


def test_real_table_sorted_by_population_follows_the_data() -> None:
    labels = column_labels("en")
    frame = comparison_table("en", [])
    rows = sorted_rows(frame, labels["population"], "desc", labels["area"])
    values = {v.area: v.value for v in district_values("population")}
    expected = sorted((a for a in values if a != "ward"), key=values.__getitem__, reverse=True) + ["ward"]
    assert [frame[labels["area"]].iloc[p] for p in rows] == expected


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_user_text_stays_text_and_one_table_element() -> None:
    hostile = "<img src=x onerror=alert(1)> **b** [l](https://e.org)"
    frame = pd.DataFrame({"ID": ["azabu", "ward"], "Name": [hostile, "All"], hostile: [1234.5, None]})
    out = table_html(frame, {hostile: "{:,.1f}"}, id_column="ID", name_column="Name", selected="azabu",
                     caption=hostile, text=html_text, note="n")
    parser = _Tags()
    parser.feed(out)
    assert "img" not in parser.tags and "a" not in parser.tags and parser.tags.count("table") == 1
    assert hostile in "".join(parser.text) and f"{SELECTED_MARK} {hostile}" in "".join(parser.text)
    assert "\n" not in out  # no blank line can end the raw-HTML block
    assert re.search(r'<td class="num">1,234&#46;5</td>', out) and "<td class=\"num\">—</td>" in out


def test_every_number_column_is_right_aligned_and_formatted() -> None:
    frame = comparison_table("ja", [])
    formats = table_formats("ja", [])
    labels = column_labels("ja")
    out = table_html(frame, formats, id_column=labels["area"], name_column=labels["name"], selected=None,
                     caption="c", text=html_text)
    assert out.count('<th scope="col" class="num">') == len(formats)
    assert out.count('<td class="num">') == len(formats) * len(frame)
    assert 'aria-current' not in out and "ID" not in re.findall(r"<th[^>]*>([^<]*)</th>", out)
