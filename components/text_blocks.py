"""Markdown and captions that allow HTML only when the text holds one of our elements (a ``lang`` span).

Streamlit fetches its raw-HTML Markdown plugin (rehype-raw, 54 KB) for the first block that allows HTML, and
parses every such block with it; a text without an element of ours (every text of the ja view) does without
(issue 21, :func:`components.markdown.needs_html`).
"""

from __future__ import annotations

import streamlit as st

from components.markdown import needs_html


def markdown_block(text: str) -> None:
    """``st.markdown`` of escaped ``text``; HTML allowed only for the elements it holds."""
    st.markdown(text, unsafe_allow_html=needs_html(text))


def caption_block(text: str) -> None:
    """``st.caption`` of escaped ``text``; HTML allowed only for the elements it holds."""
    st.caption(text, unsafe_allow_html=needs_html(text))
