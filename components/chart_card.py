"""Render a :class:`atlas.charts.Chart`: the plot, its description, sources, data table and CSV download."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from atlas.charts import Chart
from components.markdown import md_escape, tm
from components.source_note import source_lines

# No toolbar: on a phone it sits over the plot; the data and its download are in "show data" below.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}


def legible(figure: go.Figure) -> go.Figure:
    """A copy that reads at 390 px as well as on a desktop: at most 7 year ticks, labels kept inside the plot
    area (no clipping at the edges), the legend below the axis title, annotations anchored to the frame."""
    fig = go.Figure(figure)
    fig.update_xaxes(tickmode="auto", nticks=7, automargin=True, tickangle=0)
    fig.update_yaxes(automargin=True)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0}, margin={"r": 16})
    fig.update_annotations(selector={"yref": "paper"}, xref="paper", x=1, xanchor="right", font={"size": 12})
    return fig


def chart_card(chart: Chart, lang: str) -> None:
    """Title, chart (with its text alternative), description, notes, sources, and a data table with CSV."""
    st.markdown(f"**{md_escape(chart.title)}**")
    st.plotly_chart(legible(chart.figure), config=PLOTLY_CONFIG, key=f"chart-{chart.key}", alt=chart.alt_text)
    st.caption(f"{tm('chart_description', lang)}: {md_escape(chart.alt_text)}")
    for note in chart.notes:
        st.caption(md_escape(note))
    source_lines(chart.sources, lang)
    with st.expander(tm("show_data", lang)):
        st.dataframe(chart.table, hide_index=True, width="stretch")
        st.download_button(
            tm("download_csv", lang),
            data=chart.table.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"minato-{chart.key}-{lang}.csv",
            mime="text/csv",
            key=f"csv-{chart.key}",
            on_click="ignore",  # no rerun, so the other chart's download can follow at once
        )
