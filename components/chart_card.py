"""Render a :class:`atlas.charts.Chart`: the plot, its description, sources, data table and CSV download.

The plot is the chart's inline SVG (:mod:`atlas.svg_chart`, drawn on the server and cached by the caller), put
into the page by :mod:`components.inline_svg`: no chart library to download, no frame, and no raw-HTML Markdown.
Its ``<title>`` elements are the tooltips. Captions allow HTML only when they hold a ``lang`` span
(:func:`components.markdown.needs_html`).
The data table is a Markdown table (the charts have at most ~15 rows): no data-grid chunk, few bytes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.charts import Chart
from components.inline_svg import svg_block
from components.markdown import ja_runs, md_escape, tm
from components.source_note import source_lines
from components.text_blocks import caption_block, markdown_block


def _decimals(values: pd.Series) -> int:
    """Decimals that show every value of a float column exactly as written (at most 4)."""
    texts = [f"{v:.4f}".rstrip("0") for v in values.dropna()]
    return max((len(x.split(".")[1]) for x in texts), default=0)


def column_cells(values: pd.Series) -> list[str]:
    """A column as Markdown cells: texts escaped, gaps "—", numbers grouped (61,234; 1,203.3) with one number of
    decimals per column, except years (integers 1900–2100), which stay as written."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return ["—" if pd.isna(v) else md_escape(str(v)).replace("\n", " ") for v in values]
    if pd.api.types.is_integer_dtype(values) and values.between(1900, 2100).all():
        return [str(v) for v in values]
    places = _decimals(values) if pd.api.types.is_float_dtype(values) else 0
    return ["—" if pd.isna(v) else f"{v:,.{places}f}" for v in values]


def table_markdown(table: pd.DataFrame) -> str:
    """``table`` as a Markdown table (a real ``<table>`` in the page, a few hundred bytes where ``st.table``'s Arrow
    copy is ~3 KB): headers and texts escaped, numbers grouped and aligned right."""
    right = [pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d) for d in table.dtypes]
    head = "| " + " | ".join(md_escape(str(c)) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if r else "---" for r in right) + "|"
    cells = [column_cells(table[c]) for c in table.columns]
    rows = ["| " + " | ".join(row) + " |" for row in zip(*cells, strict=True)]
    return "\n".join([head, rule, *rows])


def chart_card(chart: Chart, lang: str, svg: str, table: str, csv: bytes) -> None:
    """Title, chart (``svg``, with its text alternative), description, notes, sources, and the data table
    (``table``: :func:`table_markdown` of the chart's) with its ``csv`` download
    (:func:`atlas.indicators.csv_bytes`)."""
    st.markdown(f"**{md_escape(chart.title)}**")
    svg_block(svg, "chart-box", chart.title)  # the description is the caption below
    # Japanese terms in an English text (住民基本台帳) carry lang="ja" (ja_runs); every text is escaped first
    caption_block(ja_runs(f"{tm('chart_description', lang)}: {md_escape(chart.alt_text)}", lang))
    for note in chart.notes:
        caption_block(ja_runs(md_escape(note), lang))
    if chart.technical:  # the estimate's method, range and backtest record: one click away
        with st.expander(tm("estimate_details", lang)):
            caption_block(ja_runs(md_escape(chart.technical), lang))
    source_lines(chart.sources, lang)
    with st.expander(tm("show_data", lang)), st.container(key=f"chart_data_{chart.key}"):
        markdown_block(ja_runs(table, lang))
        st.download_button(
            tm("download_csv", lang),
            data=csv,  # the same bytes every run: the same media URL, so the button travels as a cached reference
            file_name=f"minato-{chart.key}-{lang}.csv",
            mime="text/csv",
            key=f"csv-{chart.key}",
            on_click="ignore",  # no rerun, so the other chart's download can follow at once
        )
