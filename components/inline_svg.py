"""Server-drawn SVG (charts, maps, QR codes) in the page without Streamlit's raw-HTML Markdown.

``st.markdown(..., unsafe_allow_html=True)`` makes every browser fetch Streamlit's rehype-raw plugin (54 KB) and
parse the SVG in JavaScript; ``st.html`` keeps HTML only. So the SVG travels base64-encoded in a ``data-svg``
attribute of an ``st.html`` block, with its text alternative as the block's visible fallback, and
static/inline_svg.js (loaded from /app/static, allowed by the CSP as 'self') puts it in place (issue 21).
"""

from __future__ import annotations

import base64
import html

import streamlit as st

from components.page_meta import static_script


def svg_html(svg: str, css_class: str, fallback: str) -> str:
    """The block: a ``div`` of ``css_class`` holding ``svg`` (already escaped, built on the server) as base64 in
    ``data-svg`` and ``fallback`` (plain text, escaped here) until the script runs."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<div class="{html.escape(css_class, quote=True)}" data-svg="{data}">'
            f'<p class="svg-fallback">{html.escape(fallback)}</p></div>')


def svg_block(svg: str, css_class: str, fallback: str, before: str = "", after: str = "") -> None:
    """Draw ``svg`` as inline SVG in a ``div`` of ``css_class`` (:func:`svg_html`), with ``before`` and ``after``
    (escaped HTML, e.g. a wrapper and a caption) around it in the same block."""
    st.html(before + svg_html(svg, css_class, fallback) + after + static_script("inline_svg.js"),
            unsafe_allow_javascript=True)
