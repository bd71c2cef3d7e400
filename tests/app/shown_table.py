"""Read /compare's side-by-side table (atlas/compare_table.py) back out of an AppTest run, as a reader sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest


@dataclass
class ShownTable:
    """The table's caption, column headers, rows of cell texts (the row header first) and the marked rows."""

    caption: str = ""
    note: str = ""  # the line before the table: the marked row and the order
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    current: list[int] = field(default_factory=list)  # rows with aria-current="true"
    bold: list[int] = field(default_factory=list)  # rows with class "selected" (bold in static/app.css)
    tables: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = ShownTable()
        self._text: list[str] | None = None
        self._where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.out.tables += 1
        elif tag == "thead":
            self._where = "head"
        elif tag == "tbody":
            self._where = "body"
        elif tag == "tr" and self._where == "body":
            self.out.rows.append([])
            if a.get("aria-current") == "true":
                self.out.current.append(len(self.out.rows) - 1)
            if "selected" in (a.get("class") or "").split():
                self.out.bold.append(len(self.out.rows) - 1)
        if tag in ("caption", "th", "td", "p"):
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("caption", "th", "td", "p") or self._text is None:
            return
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        self._text = None
        if tag == "caption":
            self.out.caption = text
        elif tag == "p":
            self.out.note = text
        elif self._where == "head":
            self.out.headers.append(text)
        else:
            self.out.rows[-1].append(text)


def table_blocks(at: AppTest) -> list[str]:
    """The st.html blocks that hold the compare table."""
    return [h.value for h in at.get("html") if 'class="compare-table"' in h.value]


def shown_table(at: AppTest) -> ShownTable:
    """The one compare table on the page, parsed."""
    blocks = table_blocks(at)
    assert len(blocks) == 1, f"{len(blocks)} compare tables"
    reader = _Reader()
    reader.feed(blocks[0])  # entities are read as the browser reads them
    return reader.out
