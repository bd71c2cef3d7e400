"""Source lines under a figure or a plan text: 'Source: <title>, <publisher>, as of <date>' with a link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from atlas.content import Text, plan_content
from atlas.sources import sources
from components.markdown import ja_runs, md_escape, md_url, tm
from components.text_blocks import caption_block


def label_markdown(sid: str, lang: str, day: dt.date | None = None) -> str:
    """A source's label escaped for st.caption(unsafe_allow_html=True), Japanese names in an English line marked
    ``lang="ja"`` (e.g. 'Statistics Bureau of Japan (<span lang="ja">総務省統計局</span>)')."""
    return ja_runs(md_escape(sources()[sid].label(lang, day)), lang)


def source_lines(refs: list[tuple[str, dt.date | None]], lang: str, fold_after: int = 4) -> None:
    """One caption per distinct source (the latest as-of date wins), linking to the source URL.

    More than ``fold_after`` sources go into a collapsed expander titled with their count.
    """
    latest: dict[str, dt.date | None] = {}
    for sid, day in refs:
        if sid not in latest or (day and (latest[sid] is None or day > latest[sid])):
            latest[sid] = day
    lines = [f"[{label_markdown(sid, lang, day)}]({md_url(sources()[sid].url)})" for sid, day in latest.items()]
    text = "  \n".join(lines)
    if len(lines) > fold_after:
        with st.expander(tm("sources_count", lang, n=len(lines))):
            caption_block(text)
    else:
        caption_block(text)


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
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.pending: list[tuple[str, dt.date | None]] = []

    @contextmanager
    def __call__(self, *texts: Text) -> Iterator[None]:
        """Render ``texts`` inside the block; their source lines follow as described above."""
        plan = plan_content()
        apart = [x for x in texts if plan.cites_apart(x, self.lang)]
        if apart:
            self.flush()
        yield
        if apart:
            source_lines([(sid, None) for sid in dict.fromkeys(x.origin(self.lang) for x in apart)], self.lang)
        self.pending += [(plan.source_of(x, self.lang), None) for x in texts if x not in apart]

    def flush(self, before: list[tuple[str, dt.date | None]] | None = None) -> None:
        """Write the pending source line (after the ``before`` sources, e.g. a branch office), if any."""
        refs = (before or []) + self.pending
        if refs:
            source_lines(refs, self.lang)
        self.pending = []
