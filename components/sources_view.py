"""The sources page: one card per source record, the display note on water, data downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas import formatting as fmt
from atlas.freshness import age
from atlas.i18n import t
from atlas.sources import sources
from components.backtest_view import backtest_section
from components.markdown import in_lang, ja_runs, md_escape, md_url, md_with_links, tm
from components.text_blocks import caption_block, markdown_block
from geo.paths import data_dir

DOWNLOADS = ("geo/districts.geojson", "geo/chome.geojson", "figures/population.csv", "figures/budget.csv")


def dated(text: str, day: dt.date, lang: str) -> str:
    """A record's date with its age once older than two months: '2026年2月1日（10か月前）'."""
    old = age(day, lang)
    return t("date_aged", lang, date=text, age=old) if old else text


def sources_view(lang: str) -> None:
    """All source records with title, publisher, date, license, credit and derivation."""
    st.title(tm("sources_page_heading", lang))
    st.markdown(tm("sources_intro", lang))
    st.info(tm("water_note", lang))
    for src in sources().values():
        with st.container(border=True):
            title = ja_runs(md_escape(src.titles[lang]), lang)
            markdown_block(f"**[{title}]({md_url(src.url)})**")
            if src.url_notes:
                st.caption(f"{tm('source_link_note', lang)}: {md_escape(src.url_notes[lang])}")
            date = (md_escape(dated(src.date_text(lang), src.reference_date, lang)) if src.reference_date
                    else md_escape((src.date_notes or {}).get(lang) or t("date_not_stated", lang)))
            copy = src.retrieved
            copied = (f"{tm('source_retrieved', lang)}: [{ja_runs(md_escape(copy.by), lang)}]({md_url(copy.url)}), "
                      f"{tm('source_retrieved_text', lang, date=fmt.date(copy.date, lang))}  \n"
                      if copy else "")
            markdown_block(  # lang spans on Japanese names and credit lines (not in the ja view); all text escaped
                f"{tm('source_publisher', lang)}: {ja_runs(md_escape(src.publisher_in(lang)), lang)}  \n"
                f"{tm('source_date', lang)}: {date}  \n{copied}"
                f"{tm('source_license', lang)}: {md_escape(src.license_in(lang))}  \n"
                f"{tm('source_credit', lang)}: {in_lang(src.credit, 'ja', lang, md_with_links)}"
            )
            if src.derivation:
                caption_block(f"{tm('source_derivation', lang)}: {ja_runs(md_escape(src.derivation_in(lang)), lang)}")
    backtest_section(lang)
    st.markdown(f"## {tm('downloads_heading', lang)}")
    for rel in DOWNLOADS:
        path = data_dir() / rel
        st.download_button(md_escape(rel), data=path.read_bytes(), file_name=path.name, key=f"dl-{rel}")
