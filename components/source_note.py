"""Source lines under a figure: 'Source: <title>, <publisher>, as of <date>' with a link."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas.sources import sources
from components.markdown import md_escape, md_url, tm


def source_lines(refs: list[tuple[str, dt.date | None]], lang: str, fold_after: int = 4) -> None:
    """One caption per distinct source (the latest as-of date wins), linking to the source URL.

    More than ``fold_after`` sources go into a collapsed expander titled with their count.
    """
    latest: dict[str, dt.date | None] = {}
    for sid, day in refs:
        if sid not in latest or (day and (latest[sid] is None or day > latest[sid])):
            latest[sid] = day
    lines = [f"[{md_escape(sources()[sid].label(lang, day))}]({md_url(sources()[sid].url)})"
             for sid, day in latest.items()]
    if len(lines) > fold_after:
        with st.expander(tm("sources_count", lang, n=len(lines))):
            st.caption("  \n".join(lines))
    else:
        st.caption("  \n".join(lines))
