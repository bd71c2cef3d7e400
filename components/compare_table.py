"""/compare's side-by-side table: every indicator for the five districts and the ward, as one HTML ``<table>``
(atlas/compare_table.py), its order chosen by two widgets kept in the URL, and the downloads under it.

Why not ``st.dataframe``: its data grid and Arrow chunks are ~300 KB on a phone's first visit (issue 21). Why a
"sort by" choice rather than the grid behind a toggle: the order is then part of the link a planner shares
(``?sort=density&order=asc``), it works the same with a keyboard or a screen reader, and it costs no bytes.
"""

from __future__ import annotations

import html

import streamlit as st

from atlas.compare import IndicatorView, comparison_table, table_formats, upload_column
from atlas.compare_table import ORDERS, sorted_rows, table_html
from atlas.districts import district_by_id
from atlas.download_csv import chome_table, district_table
from atlas.downloads import boundaries_geojson
from atlas.i18n import t
from atlas.indicators import column_labels, csv_bytes, indicator_ids
from atlas.view_link import parse_order
from components.markdown import ja_runs, plain_echo, tm
from components.state import district, lang
from components.text_blocks import caption_block
from geo.layers import chome_list

SORT_KEY = "table_sort"
ORDER_KEY = "table_order"
NO_SORT = ""


def sort_columns(uploads: list[IndicatorView], code: str) -> dict[str, str]:
    """Indicator id -> its column header in :func:`atlas.compare.comparison_table` (district-level uploads too)."""
    labels = column_labels(code)
    return {i: labels[i] for i in indicator_ids()} | {v.id: upload_column(v, code) for v in uploads if v.district}


def _seed(columns: dict[str, str]) -> None:
    """On the first draw of the table in the session: the order from ``?sort=`` / ``?order=`` (unknown id: notice)."""
    if SORT_KEY not in st.session_state:
        wanted = st.query_params.get("sort")
        if wanted and wanted not in columns:
            st.warning(tm("unknown_sort", lang(), value=plain_echo(wanted)))
        st.session_state[SORT_KEY] = wanted if wanted in columns else NO_SORT
    if ORDER_KEY not in st.session_state:
        st.session_state[ORDER_KEY] = parse_order(st.query_params.get("order"))
    if st.session_state[SORT_KEY] not in (NO_SORT, *columns):  # an upload's column gone with a new upload
        st.session_state[SORT_KEY] = NO_SORT


def sort_choice(columns: dict[str, str]) -> tuple[str | None, str]:
    """The "sort by" and order widgets; the URL follows them (defaults left out). Returns (column or None, order)."""
    code = lang()
    _seed(columns)
    names = {NO_SORT: t("table_sort_default", code)} | columns
    by_col, order_col = st.columns([3, 2])
    chosen = by_col.selectbox(tm("table_sort", code), list(names), key=SORT_KEY, format_func=names.__getitem__)
    order = order_col.radio(tm("table_order", code), list(ORDERS), key=ORDER_KEY, horizontal=True,
                            format_func=lambda o: t(f"order_{o}", code), disabled=chosen == NO_SORT)
    wanted = {"sort": chosen, "order": order} if chosen else {}
    if wanted.get("order") == "desc":
        del wanted["order"]
    for key in ("sort", "order"):
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
        elif key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
    return (columns[chosen] if chosen else None), order


def table_note(sort_label: str | None, order: str) -> str:
    """Which row is marked, and the table's order ('' when neither needs saying)."""
    code = lang()
    parts = []
    if district():
        parts.append(t("table_caption_selected", code, district=district_by_id(district()).name(code)))
    if sort_label:
        parts.append(t("table_caption_order", code, indicator=sort_label, order=t(f"order_{order}", code)))
    stop = ". " if code == "en" else "。"
    return "".join(f"{part}{stop}" for part in parts).strip()


def indicator_table(uploads: list[IndicatorView]) -> None:
    """Every indicator side by side, the selected district marked, in the order asked; downloads: CSV by district
    and by chome (each value with its sources' title, URL, licence and credit) and GeoJSON."""
    code = lang()
    st.markdown(f"## {tm('table_heading', code)}")
    sort_by, order = sort_choice(sort_columns(uploads, code))
    df = comparison_table(code, uploads)
    labels = column_labels(code)
    rows = sorted_rows(df, sort_by, order, labels["area"])
    body = table_html(df, table_formats(code, uploads), id_column=labels["area"], name_column=labels["name"],
                      selected=district(), caption=t("table_caption", code), text=html.escape, rows=rows,
                      note=table_note(sort_by, order))
    st.html(ja_runs(body, code))  # HTML only: no raw-HTML Markdown (components/text_blocks.py)
    caption_block(ja_runs(tm("table_dates_note", code), code))
    caption_block(ja_runs(tm("downloads_note", code), code))  # e.g. 六本木六丁目: lang="ja"
    # the files are built later, in the file request, where session_state is not available
    district_csv, chome_csv, geojson = st.columns(3)
    district_csv.download_button(tm("download_table_csv", code), data=lambda: csv_bytes(district_table(code, uploads)),
                                 mime="text/csv", key="dl-table", file_name=f"minato-indicators-{code}.csv",
                                 on_click="ignore")  # no rerun: a click on another button right after still works
    chome_csv.download_button(tm("download_chome_csv", code, n=len(chome_list())),
                              data=lambda: csv_bytes(chome_table(code, uploads)), mime="text/csv", key="dl-chome",
                              file_name=f"minato-indicators-chome-{code}.csv", on_click="ignore")
    geojson.download_button(tm("download_geojson", code), data=lambda: boundaries_geojson(code, uploads),
                            file_name=f"minato-indicators-{code}.geojson", mime="application/geo+json",
                            key="dl-geojson", on_click="ignore")
