"""Render a :class:`atlas.charts.Chart`: the plot, its description, sources, data table and CSV download."""

from __future__ import annotations

import streamlit as st

from atlas.charts import Chart
from atlas.i18n import t
from components.source_note import source_lines

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


def chart_card(chart: Chart, lang: str) -> None:
    """Title, interactive chart, alt text, notes, source lines and a 'show data' table with CSV download."""
    st.markdown(f"**{chart.title}**")
    st.plotly_chart(chart.figure, config=PLOTLY_CONFIG, key=f"chart-{chart.key}")
    st.caption(f"{t('chart_description', lang)}: {chart.alt_text}")
    for note in chart.notes:
        st.caption(note)
    source_lines(chart.sources, lang)
    with st.expander(t("show_data", lang)):
        st.dataframe(chart.table, hide_index=True, width="stretch")
        st.download_button(
            t("download_csv", lang),
            data=chart.table.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"minato-{chart.key}-{lang}.csv",
            mime="text/csv",
            key=f"csv-{chart.key}",
            on_click="ignore",  # no rerun, so the other chart's download can follow at once
        )
