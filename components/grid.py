"""Cards in a grid filled row by row, so the page's DOM order is its reading order at every width.

``st.columns`` filled column by column (``cols[i % 2]``) reads 1, 3, 5, 7, 2, 4, 6, 8 once the columns stack on a
phone, and a screen reader reads it that way at every width. One ``st.columns`` row per ``per_row`` items keeps
1, 2, 3, … in the DOM, side by side on a wide screen and stacked on a phone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

T = TypeVar("T")


def row_cells(items: Sequence[T], per_row: int) -> Iterator[tuple[DeltaGenerator, T]]:
    """Each item with its cell: one row of ``per_row`` equal columns per ``per_row`` items, in order.

    A short last row keeps the same column width (its spare cells stay empty).
    """
    for start in range(0, len(items), per_row):
        cols = st.columns(per_row)
        yield from zip(cols, items[start:start + per_row], strict=False)
