"""Charts and maps that travel: one HTML file that opens on its own, offline, with its date and sources inside.

:func:`chart_html` writes a Plotly figure with ``write_html`` and plotly.js included (no CDN); :func:`sources_html`
is the block of sources both the chart and the folium map (atlas/travel_map.py) carry. No Streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from html import escape

import plotly.io as pio

from atlas.explore import ExploreFigure, plot_config
from atlas.i18n import t
from atlas.indicators import SourceRef
from atlas.sources import sources

PAGE_STYLE = ("body{font-family:'Noto Sans CJK JP',sans-serif;margin:1.5rem;color:#222}"
              "h1{font-size:1.3rem}.sources{font-size:.85rem;line-height:1.5}.note{color:#444;font-size:.9rem}")


def latest_refs(refs: Iterable[SourceRef]) -> list[SourceRef]:
    """One ref per known source, the latest figure date winning (None: the record's own date); unknown ids
    (an upload's) are left out.

    >>> latest_refs([("estat-boundaries-2020", None), ("nowhere", None)])
    [('estat-boundaries-2020', None)]
    """
    latest: dict[str, dt.date | None] = {}
    for sid, day in refs:
        if sid not in sources():
            continue
        if sid not in latest or (day and (latest[sid] is None or day > latest[sid])):
            latest[sid] = day
    return list(latest.items())


def sources_html(refs: Iterable[SourceRef], lang: str, own_data: bool = False) -> str:
    """An HTML list: each source's label with its date, link, licence and credit line (escaped)."""
    items = []
    for sid, day in latest_refs(refs):
        src = sources()[sid]
        items.append(f'<li>{escape(src.label(lang, day))} — <a href="{escape(src.url)}">{escape(src.url)}</a>'
                     f" — {escape(src.license_in(lang))} — {escape(src.credit)}</li>")
    if own_data:
        items.append(f"<li>{escape(t('upload_description', lang))}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>'


def page_html(title: str, body: str, lang: str, head: str = "") -> str:
    """A whole HTML document in ``lang`` (its own styles; no external file)."""
    return (f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{PAGE_STYLE}</style>{head}</head><body>{body}</body></html>")


def chart_html(chart: ExploreFigure, lang: str) -> bytes:
    """An :class:`atlas.explore.ExploreFigure` as one offline HTML file: title, the interactive chart (plotly.js
    inlined by ``write_html``), its alt text, the fitted line's method, and its sources with their dates."""
    buffer = io.StringIO()
    pio.write_html(chart.figure, buffer, include_plotlyjs=True, full_html=False,
                   config=plot_config(chart.title, lang), default_width="100%")
    own = any(sid not in sources() for sid, _ in chart.refs)
    fit = f'<p class="note">{escape(chart.fit_text)}</p>' if chart.fit_text else ""
    body = (f"<h1>{escape(chart.title)}</h1>{buffer.getvalue()}"
            f'<p class="note">{escape(chart.alt)}</p>{fit}'
            f"<h2>{escape(t('travel_sources', lang))}</h2>"
            f"{sources_html(chart.refs, lang, own)}")
    return page_html(chart.title, body, lang).encode("utf-8")
