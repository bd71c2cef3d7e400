"""The compare page's side-by-side table as one HTML ``<table>``, sorted as the URL asks. No Streamlit.

The page used to draw it with ``st.dataframe``, whose data-grid and Arrow chunks are ~300 KB on a phone's first
visit (issue 21); this table is a few KB of HTML inside the page's own message. Areas are rows (as in the CSV
download), one column per indicator; the selected district is marked by a sign and bold, not by colour alone.
Sorting by clicking a header is replaced by a "sort by" choice that is kept in the URL (``?sort=``, ``?order=``).

>>> frame = pd.DataFrame({"ID": ["a", "b", "ward"], "Name": ["A", "B", "All"], "N": [2.0, None, 3.0]})
>>> [frame["ID"][i] for i in sorted_rows(frame, "N", "asc", "ID")]
['a', 'b', 'ward']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd

ORDERS = ("desc", "asc")
DEFAULT_ORDER = "desc"
WARD = "ward"
SELECTED_MARK = "▶"


def sorted_rows(table: pd.DataFrame, column: str | None, order: str, id_column: str) -> list[int]:
    """Row positions of ``table`` sorted by ``column`` (``order``: 'desc' or 'asc'; None: as given). Gaps go last
    and the whole ward stays the last row: it is the sum of the districts, not one of them."""
    positions = list(range(len(table)))
    areas = [p for p in positions if table[id_column].iloc[p] != WARD]
    ward = [p for p in positions if table[id_column].iloc[p] == WARD]
    if column is None or column not in table.columns:
        return areas + ward
    values = table[column]

    def gap(p: int) -> bool:
        v = values.iloc[p]
        return v is None or (isinstance(v, float) and math.isnan(v))

    known = sorted((p for p in areas if not gap(p)), key=lambda p: values.iloc[p], reverse=order != "asc")
    return known + [p for p in areas if gap(p)] + ward


def _cell(value: object, fmt: str | None) -> str:
    """A value as shown: '—' for a gap, numbers with the column's format."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return fmt.format(value) if fmt else str(value)


def table_html(table: pd.DataFrame, formats: Mapping[str, str], *, id_column: str, name_column: str,
               selected: str | None, caption: str, text: Callable[[str], str], rows: list[int] | None = None,
               note: str = "") -> str:
    """``table`` as one ``<table>`` in a scroll box, after ``note`` (a line on the marked row and the order, kept out
    of the box so it does not scroll away): a short ``<caption>``, column headers, each area's name as its row
    header, numbers (columns in ``formats``) right-aligned; the ``id_column`` is not shown; the row whose id is
    ``selected`` carries :data:`SELECTED_MARK`, bold type and ``aria-current``. Every text goes through ``text``
    (HTML escaping for a raw-HTML block, e.g. :func:`components.markdown.html_text`); one line, no blank line.

    >>> frame = pd.DataFrame({"ID": ["a", "ward"], "Name": ["A<", "All"], "N": [1234.5, 2.0]})
    >>> out = table_html(frame, {"N": "{:,.1f}"}, id_column="ID", name_column="Name", selected="a", caption="C",
    ...                  text=lambda s: s.replace("<", "&lt;"))
    >>> '<td class="num">1,234.5</td>' in out and "▶ A&lt;" in out and 'aria-current="true"' in out
    True
    """
    shown = [c for c in table.columns if c != id_column]
    numeric = {c for c in shown if c in formats}
    num = ' class="num"'
    head = "".join(f'<th scope="col"{num if c in numeric else ""}>{text(str(c))}</th>' for c in shown)
    body = []
    for p in rows if rows is not None else range(len(table)):
        is_selected = selected is not None and table[id_column].iloc[p] == selected
        cells = []
        for c in shown:
            value = table[c].iloc[p]
            if c == name_column:
                name = f"{SELECTED_MARK} {value}" if is_selected else str(value)
                cells.append(f'<th scope="row">{text(name)}</th>')
            else:
                cells.append(f"<td{num if c in numeric else ''}>{text(_cell(value, formats.get(c)))}</td>")
        attrs = ' class="selected" aria-current="true"' if is_selected else ""
        body.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    lead = f'<p class="compare-table-note">{text(note)}</p>' if note else ""
    return (f'{lead}<div class="compare-table" role="region" tabindex="0" aria-label="{text(caption)}">'
            f"<table><caption>{text(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")
