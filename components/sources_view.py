"""The sources page: one card per source record, the display note on water, data downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import formatting as fmt
from atlas.districts import area_label, districts
from atlas.estimates import backtest
from atlas.figures import series
from atlas.i18n import t
from atlas.sources import sources
from components.markdown import md_escape, md_url, md_with_links, tm
from components.source_note import source_lines
from geo.paths import data_dir

DOWNLOADS = ("geo/districts.geojson", "geo/chome.geojson", "figures/population.csv", "figures/budget.csv")


def backtest_table(lang: str) -> None:
    """How our linear-trend district estimates did when fitted on earlier data (see atlas.estimates)."""
    checks = [c for c in (backtest(a) for a in (*(d.id for d in districts()), "ward")) if c is not None]
    if not checks:
        return
    st.markdown(f"## {tm('backtest_heading', lang)}")
    st.markdown(tm("backtest_intro", lang, fitted_to=fmt.date(checks[0].fitted_to, lang),
                   checked=fmt.date(checks[0].checked, lang)))
    rows = [{t("col_area", lang): area_label(None if c.area == "ward" else c.area, lang),
             t("col_date", lang): f"{c.fitted_to.isoformat()} → {c.checked.isoformat()}",
             t("col_predicted", lang): f"{c.predicted:,}", t("col_actual", lang): f"{c.actual:,}",
             t("col_error", lang): f"{c.error:+,}", t("col_error_share", lang): f"{c.error_share * 100:+.2f}%",
             t("col_band", lang): f"{c.low:,} – {c.high:,}",
             t("col_within_band", lang): t("answer_yes" if c.within_band else "answer_no", lang)} for c in checks]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    used = [o for c in checks for o in series(c.area, "population") if o.date <= c.checked]
    source_lines([(o.source, o.date) for o in used], lang)  # the register figures the backtest rests on


def sources_view(lang: str) -> None:
    """All source records with title, publisher, date, license, credit and derivation."""
    st.title(tm("sources_page_heading", lang))
    st.markdown(tm("sources_intro", lang))
    st.info(tm("water_note", lang))
    for src in sources().values():
        with st.container(border=True):
            st.markdown(f"**[{md_escape(src.titles[lang])}]({md_url(src.url)})**")
            if src.url_notes:
                st.caption(f"{tm('source_link_note', lang)}: {md_escape(src.url_notes[lang])}")
            date = (md_escape(src.date_text(lang)) if src.reference_date
                    else md_escape((src.date_notes or {}).get(lang) or t("date_not_stated", lang)))
            copy = src.retrieved
            copied = (f"{tm('source_retrieved', lang)}: [{md_escape(copy.by)}]({md_url(copy.url)}), "
                      f"{tm('source_retrieved_text', lang, date=fmt.date(copy.date, lang))}  \n"
                      if copy else "")
            st.markdown(
                f"{tm('source_publisher', lang)}: {md_escape(src.publisher)}  \n"
                f"{tm('source_date', lang)}: {date}  \n{copied}"
                f"{tm('source_license', lang)}: {md_escape(src.license)}  \n"
                f"{tm('source_credit', lang)}: {md_with_links(src.credit)}"
            )
            if src.derivation:
                st.caption(f"{tm('source_derivation', lang)}: {md_escape(src.derivation)}")
    backtest_table(lang)
    st.markdown(f"## {tm('downloads_heading', lang)}")
    for rel in DOWNLOADS:
        path = data_dir() / rel
        st.download_button(md_escape(rel), data=path.read_bytes(), file_name=path.name, key=f"dl-{rel}")
