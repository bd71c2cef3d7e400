"""Source lines under a figure or a plan text: 'Source: <title>, <publisher>, as of <date>' with a link.

Either a caption of their own (:func:`source_lines`) or HTML for a block that holds a whole section in one
``st.html`` (:func:`source_lines_html`: one element for the browser to draw instead of several, issue 21)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from atlas.content import Text, plan_content
from atlas.i18n import t
from atlas.sources import sources
from components.html_blocks import details_html, html_in_view
from components.markdown import ja_runs, md_escape, md_url, tm
from components.text_blocks import caption_block


def label_markdown(sid: str, lang: str, day: dt.date | None = None) -> str:
    """A source's label escaped for st.caption(unsafe_allow_html=True), Japanese names in an English line marked
    ``lang="ja"`` (e.g. 'Statistics Bureau of Japan (<span lang="ja">総務省統計局</span>)')."""
    return ja_runs(md_escape(sources()[sid].label(lang, day)), lang)


def _latest(refs: list[tuple[str, dt.date | None]]) -> dict[str, dt.date | None]:
    """Each distinct source once, with the latest as-of date given for it."""
    latest: dict[str, dt.date | None] = {}
    for sid, day in refs:
        if sid not in latest or (day and (latest[sid] is None or day > latest[sid])):
            latest[sid] = day
    return latest


def source_lines(refs: list[tuple[str, dt.date | None]], lang: str, fold_after: int = 4) -> None:
    """One caption per distinct source (the latest as-of date wins), linking to the source URL.

    More than ``fold_after`` sources go into a collapsed expander titled with their count.
    """
    lines = [f"[{label_markdown(sid, lang, day)}]({md_url(sources()[sid].url)})" for sid, day in _latest(refs).items()]
    text = "  \n".join(lines)
    if len(lines) > fold_after:
        with st.expander(tm("sources_count", lang, n=len(lines))):
            caption_block(text)
    else:
        caption_block(text)


def source_lines_html(refs: list[tuple[str, dt.date | None]], lang: str, fold_after: int = 4) -> str:
    """:func:`source_lines` as HTML for an ``st.html`` block: a small-print paragraph of links (they open in a new
    tab, as Markdown's do), folded into a ``<details>`` titled with their count past ``fold_after``; "" for none."""
    latest = _latest(refs)
    if not latest:
        return ""
    links = [f'<a href="{html.escape(sources()[sid].url, quote=True)}" target="_blank">'
             f'{html_in_view(sources()[sid].label(lang, day), lang)}</a>' for sid, day in latest.items()]
    lines = f'<p class="small-print source-lines">{"<br>".join(links)}</p>'
    if len(links) <= fold_after:
        return lines
    return details_html(html_in_view(t("sources_count", lang, n=len(links)), lang), lines)


class Citations:
    """Source lines beside a run of plan texts, in one language.

    Texts copied from the summary or translated from it (the mark says which) share one line, written by
    :meth:`flush` at the end of the run. A text in the city's wording from another page (a press release, the plan's
    page) cites that page right after it, and the run's pending line is written before it, so every text's nearest
    source line below it names its own source::

        cite = Citations("ja")
        with cite(ward.vision):
            st.markdown(ward.vision.shown("ja"))
        cite.flush()

    With ``parts`` (the HTML of one ``st.html`` block being built), the lines are appended to it as HTML instead.
    """

    def __init__(self, lang: str, parts: list[str] | None = None) -> None:
        self.lang = lang
        self.parts = parts
        self.pending: list[tuple[str, dt.date | None]] = []

    def _write(self, refs: list[tuple[str, dt.date | None]]) -> None:
        if self.parts is None:
            source_lines(refs, self.lang)
        else:
            self.parts.append(source_lines_html(refs, self.lang))

    @contextmanager
    def __call__(self, *texts: Text) -> Iterator[None]:
        """Render ``texts`` inside the block; their source lines follow as described above."""
        plan = plan_content()
        apart = [x for x in texts if plan.cites_apart(x, self.lang)]
        if apart:
            self.flush()
        yield
        if apart:
            self._write([(sid, None) for sid in dict.fromkeys(x.origin(self.lang) for x in apart)])
        self.pending += [(plan.source_of(x, self.lang), None) for x in texts if x not in apart]

    def flush(self, before: list[tuple[str, dt.date | None]] | None = None) -> None:
        """Write the pending source line (after the ``before`` sources, e.g. a branch office), if any."""
        refs = (before or []) + self.pending
        if refs:
            self._write(refs)
        self.pending = []
