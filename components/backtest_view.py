"""The sources page's backtest section: how each estimate method did, which one is used, estimate against actual."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import backtest
from atlas.backtest_table import actual_rows, intro, record_rows
from components.markdown import md_escape, tm
from components.profile_charts import plan_points
from components.source_note import source_lines


def backtest_section(lang: str) -> None:
    """Rules, the choice, the table per district and method, and (once known) estimates against actuals."""
    target = plan_points()[1].date
    choice = backtest.run(target)
    st.markdown(f"## {tm('backtest_heading', lang)}")
    for paragraph in intro(choice, lang):
        st.markdown(md_escape(paragraph))
    if choice.method is None:
        return
    st.dataframe(pd.DataFrame(record_rows(choice, lang)), hide_index=True, width="stretch", key="backtest-table")
    actuals = actual_rows(target, lang)
    if actuals:
        st.markdown(f"### {tm('backtest_actual_heading', lang)}")
        st.markdown(tm("backtest_actual_intro", lang))
        st.dataframe(pd.DataFrame(actuals), hide_index=True, width="stretch", key="backtest-actuals")
    used = [o for a in backtest.area_ids() for o in backtest.register(a)]
    source_lines([(o.source, o.date) for o in used], lang)  # the register figures the backtest rests on
