"""What the browser shows about the page: ``<html lang>``, the document title, the app's stylesheet."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import streamlit as st

from atlas.districts import area_label
from atlas.i18n import HTML_LANG, t
from geo.paths import ROOT

APP_CSS = ROOT / "static" / "app.css"
COMPARE_CSS = ROOT / "static" / "compare.css"
PRESENT_CSS = ROOT / "static" / "present.css"
STATIC_URL = "/app/static"


def document_title(page_title: str, district: str | None, lang: str) -> str:
    """'<page> – <district or whole ward> – <app>' in ``lang``, its whitespace collapsed as a browser reads a title
    back (static/page_meta.js never rewrites it for that difference either)."""
    title = t("doc_title", lang, page=page_title, area=area_label(district, lang), app=t("app_title", lang))
    return " ".join(title.split())


@functools.cache
def _compact_css(path: Path, mtime_ns: int) -> str:
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([{};])\s*", r"\1", text).strip()


def style_html(path: Path) -> str:
    """A style sheet as a ``<style>`` block for ``st.html`` (which sends it with every page open over the
    websocket): comments dropped and whitespace collapsed, about a third fewer bytes (issue 21). Nothing inside a
    rule changes: only the space around ``{``, ``}`` and ``;`` goes."""
    return f"<style>{_compact_css(path, path.stat().st_mtime_ns)}</style>"


def page_stylesheet(path: Path) -> None:
    """A style sheet as an ``st.html`` style block (Streamlit puts it in the event container: it takes no space):
    app.css on every page, a page's own sheet (compare.css, present.css) only with that page."""
    st.html(style_html(path))


def static_script(name: str, **data: str) -> str:
    """``<script src="/app/static/<name>" data-…>``: the file runs as it is (a strict Content-Security-Policy
    allows it as 'self'), and reads what changes per run from its ``data-`` attributes (escaped here)."""
    attrs = "".join(f' data-{key.replace("_", "-")}="{html.escape(value, quote=True)}"' for key, value in data.items())
    return f'<script src="{STATIC_URL}/{html.escape(name)}"{attrs}></script>'


def page_meta(page_title: str, district: str | None, lang: str) -> None:
    """Set the title and ``<html lang>`` for this view and keep them across reruns; load static/app.css.

    Streamlit writes ``lang="en"`` into its page and resets the title on page switches, so a small script
    (static/page_meta.js, run in the page itself, not in a frame) re-applies both whenever they change.
    It is loaded by URL, not inlined, so the same file serves every view under a hash-based CSP.
    """
    title = document_title(page_title, district, lang)
    st.set_page_config(page_title=title)
    page_stylesheet(APP_CSS)
    with st.container(key="page_meta"):  # hidden by app.css
        st.html(static_script("page_meta.js", lang=HTML_LANG.get(lang, lang), title=title),
                unsafe_allow_javascript=True)
