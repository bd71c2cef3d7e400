"""Server-drawn SVG (charts, maps, QR codes) in the page without Streamlit's raw-HTML Markdown.

``st.markdown(..., unsafe_allow_html=True)`` makes every browser fetch Streamlit's rehype-raw plugin (54 KB) and
parse the SVG in JavaScript; ``st.html`` keeps HTML only. So the SVG travels in a ``data-svg`` attribute of an
``st.html`` block, with its text alternative as the block's visible fallback, and static/inline_svg.js (loaded
from /app/static, allowed by the CSP as 'self') puts it in place (issue 21).

In the attribute every ``<`` is written as ``¶`` (a ``¶`` of the SVG itself first becomes ``&#182;``): the
sanitiser of ``st.html`` drops an attribute whose value holds ``</title`` (every chart has a title), and this
costs one byte per tag where base64 cost a third of the SVG.
"""

from __future__ import annotations

import html

import streamlit as st

from components.page_meta import static_script

MARK = "\u00b6"  # ¶ stands for "<" in the attribute (static/inline_svg.js turns it back)


def svg_attribute(svg: str) -> str:
    """``svg`` for a single-quoted attribute: ``¶`` as a character reference, ``<`` as ``¶``, ``&`` and ``'``
    escaped (the SVG's own quotes are double quotes, which stay as they are)."""
    marked = svg.replace(MARK, "&#182;").replace("&", "&amp;").replace("'", "&#39;")
    return marked.replace("<", MARK)


def svg_html(svg: str, css_class: str, fallback: str) -> str:
    """The block: a ``div`` of ``css_class`` holding ``svg`` (already escaped, built on the server) in ``data-svg``
    (:func:`svg_attribute`) and ``fallback`` (plain text, escaped here) until the script runs."""
    return (f'<div class="{html.escape(css_class, quote=True)}" data-svg=\'{svg_attribute(svg)}\'>'
            f'<p class="svg-fallback">{html.escape(fallback)}</p></div>')


def svg_block(svg: str, css_class: str, fallback: str, before: str = "", after: str = "") -> None:
    """Draw ``svg`` as inline SVG in a ``div`` of ``css_class`` (:func:`svg_html`), with ``before`` and ``after``
    (escaped HTML, e.g. a wrapper and a caption) around it in the same block."""
    st.html(before + svg_html(svg, css_class, fallback) + after + static_script("inline_svg.js"),
            unsafe_allow_javascript=True)
