"""The key figures of a district (or the ward) as one block: a definition list in one ``st.html``.

Six ``st.metric`` elements in ``st.columns`` rows were some 40 elements for the browser to build, and brought two
chunks of Streamlit's code (the metric and its number formatter, ~20 KB) on a phone's first visit (issue 21);
``st.html`` needs no Markdown plugin either. The list is filled row by row by CSS grid (static/app.css), so its
reading order is its order on screen.
"""

from __future__ import annotations

import html

import streamlit as st

from atlas.i18n import t
from atlas.profile import FigureLine, key_figures
from components.html_blocks import html_in_view, section_heading
from components.source_note import source_lines_html


def key_figures_html(lines: list[FigureLine], lang: str) -> str:
    """Label, value and (for a derived figure) how it was derived, for each line; every text escaped
    (``st.html`` renders no Markdown), Japanese runs in an English view marked ``lang="ja"``."""
    items = []
    for line in lines:
        note = f'<dd class="kf-note">{html_in_view(line.derived, lang)}</dd>' if line.derived else ""
        items.append(f'<div class="kf"><dt>{html_in_view(line.label, lang)}</dt>'
                     f'<dd class="kf-value">{html.escape(line.value)}</dd>{note}</div>')
    return f'<dl class="key-figures">{"".join(items)}</dl>'


def key_figure_grid(district: str | None, lang: str) -> None:
    """The heading, the key figures and the sources of all of them, in one block."""
    lines = key_figures(district, lang)
    sources = source_lines_html([ref for line in lines for ref in line.refs], lang)
    with st.container(key="key_figures"):  # HTML only: no raw-HTML Markdown (components/inline_svg.py)
        st.html(section_heading(t("key_figures_heading", lang), lang, anchor="key-figures")
                + key_figures_html(lines, lang) + sources)
