"""Pieces of a section drawn as one ``st.html`` block (issue 21): escaped text in the view's language, a heading, a
fold. ``st.html`` renders no Markdown, so texts are HTML-escaped, and Japanese runs in an English view carry
``lang="ja"`` (:func:`components.markdown.ja_runs`)."""

from __future__ import annotations

import html

from components.markdown import ja_runs


def html_in_view(text: str, view: str) -> str:
    """Plain ``text`` HTML-escaped, Japanese runs marked ``lang="ja"`` in the en view."""
    return ja_runs(html.escape(text), view)


def section_heading(text: str, lang: str, anchor: str = "") -> str:
    """A section's heading (the size of ``st.subheader``); ``text`` plain, ``anchor`` its id (a link's target)."""
    ident = f' id="{html.escape(anchor, quote=True)}"' if anchor else ""
    return f'<h3 class="section-heading"{ident}>{html_in_view(text, lang)}</h3>'


def details_html(summary: str, body: str) -> str:
    """A folded part (``summary`` and ``body`` already escaped HTML): the browser's own disclosure,
    keyboard-operable without script, unfolded in print (static/app.css)."""
    return f'<details class="fold"><summary>{summary}</summary>{body}</details>'
