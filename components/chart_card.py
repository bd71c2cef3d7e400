"""Render a :class:`atlas.charts.Chart` as one block: title, plot, description, notes, sources and the data table,
then its CSV download.

The plot is the chart's inline SVG (:mod:`atlas.svg_chart`, drawn on the server and cached by the caller), put
into the page by :mod:`components.inline_svg`: no chart library to download, no frame, and no raw-HTML Markdown.
Its ``<title>`` elements are the tooltips. Everything else of the card travels in the same ``st.html`` block (the
estimate's method and the data table fold as ``<details>``): one element for a phone to draw where a card of
captions, expanders and a Markdown table was a dozen (issue 21). The data table (at most ~15 rows) is an HTML
table: no data-grid chunk, few bytes. The CSV download is the one widget of the card.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from atlas.charts import Chart
from atlas.i18n import t
from components.html_blocks import details_html, html_in_view
from components.inline_svg import svg_block
from components.markdown import ja_runs, tm
from components.source_note import source_lines_html


def _decimals(values: pd.Series) -> int:
    """Decimals that show every value of a float column exactly as written (at most 4)."""
    texts = [f"{v:.4f}".rstrip("0") for v in values.dropna()]
    return max((len(x.split(".")[1]) for x in texts), default=0)


def column_cells(values: pd.Series) -> list[str]:
    """A column as HTML cells' texts: texts escaped, gaps "—", numbers grouped (61,234; 1,203.3) with one number of
    decimals per column, except years (integers 1900–2100), which stay as written."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return ["—" if pd.isna(v) else html.escape(str(v)).replace("\n", " ") for v in values]
    if pd.api.types.is_integer_dtype(values) and values.between(1900, 2100).all():
        return [str(v) for v in values]
    places = _decimals(values) if pd.api.types.is_float_dtype(values) else 0
    return ["—" if pd.isna(v) else f"{v:,.{places}f}" for v in values]


def table_html(table: pd.DataFrame) -> str:
    """``table`` as an HTML table in a box that scrolls sideways on a phone (a few hundred bytes where
    ``st.table``'s Arrow copy is ~3 KB): headers and texts escaped, numbers grouped and aligned right."""
    right = [pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d) for d in table.dtypes]
    align = [' class="num"' if r else "" for r in right]
    head = "".join(f'<th scope="col"{a}>{html.escape(str(c))}</th>' for c, a in zip(table.columns, align, strict=True))
    cells = [column_cells(table[c]) for c in table.columns]
    rows = "".join("<tr>" + "".join(f"<td{a}>{v}</td>" for v, a in zip(row, align, strict=True)) + "</tr>"
                   for row in zip(*cells, strict=True))
    table_tag = f'<table class="data-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    return f'<div class="table-box">{table_tag}</div>'


def card_parts(chart: Chart, lang: str, table: str) -> tuple[str, str]:
    """The HTML before and after the plot: the title; the description, notes, the estimate's method (folded),
    the sources and the data table (``table``: :func:`table_html`, folded). Every text escaped, Japanese terms in an
    English text (住民基本台帳) marked ``lang="ja"``."""
    def text(value: str) -> str:
        return html_in_view(value, lang)

    before = f'<p class="card-title"><strong>{text(chart.title)}</strong></p>'
    after = [f'<p class="small-print">{text(t("chart_description", lang))}: {text(chart.alt_text)}</p>']
    after += [f'<p class="small-print">{text(note)}</p>' for note in chart.notes]
    if chart.technical:  # the estimate's method, range and backtest record: one click away
        method = f'<p class="small-print">{text(chart.technical)}</p>'
        after.append(details_html(text(t("estimate_details", lang)), method))
    after.append(source_lines_html(chart.sources, lang))
    after.append(details_html(text(t("show_data", lang)), ja_runs(table, lang)))
    return before, "".join(after)


def chart_card(chart: Chart, lang: str, svg: str, table: str, csv: bytes) -> None:
    """The card (:func:`card_parts` around ``svg``, with the title as its text fallback) and the download of
    ``csv`` (:func:`atlas.indicators.csv_bytes`), handed over when the button is pressed: a page no longer fetches
    every chart's file with it."""
    before, after = card_parts(chart, lang, table)
    with st.container(key=f"chart_card_{chart.key}"):
        svg_block(svg, "chart-box", chart.title, before=before, after=after)
        st.download_button(
            tm("download_csv", lang),
            data=lambda: csv,
            file_name=f"minato-{chart.key}-{lang}.csv",
            mime="text/csv",
            key=f"csv-{chart.key}",
            on_click="ignore",  # no rerun, so the other chart's download can follow at once
        )
