"""AppTest: /sources shows each record's date as precisely as the source gives it, and a copy's retrieval day as
such; the ward chart says the plan gives only two points."""

from __future__ import annotations

import datetime as dt

import pytest
from app_runs import shown_html_texts

from atlas import formatting as fmt
from atlas.i18n import LANGS, t
from atlas.sources import sources
from components.markdown import md_escape
from components.sources_view import dated


def _texts(at) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_dates_by_month_and_names_the_copy(open_view, lang: str) -> None:
    at = open_view("app_pages/sources.py", lang)
    texts = [m.value for m in at.markdown]
    summary = sources()["basic-plan-summary-2024-zh"]
    card = next(x for x in texts if summary.titles[lang] in x)
    following = texts[texts.index(card):texts.index(card) + 3]
    shown = dated(fmt.month(summary.reference_date, lang), summary.reference_date, lang)
    assert any(f": {md_escape(shown)}  \n" in x for x in following)
    assert not any(md_escape(fmt.date(summary.reference_date, lang)) in x for x in following)
    assert any(md_escape(summary.url_notes[lang]) in c.value for c in at.caption)
    gsi = sources()["gsi-shelters"]
    card = next(x for x in texts if gsi.titles[lang] in x)
    details = texts[texts.index(card) + 1]
    assert md_escape(gsi.date_notes[lang]) in details and gsi.retrieved.url in details
    assert md_escape(t("source_retrieved_text", lang, date=fmt.date(gsi.retrieved.date, lang))) in details


@pytest.mark.parametrize("lang", LANGS)
def test_ward_chart_says_the_plan_gives_two_points_only(open_view, lang: str) -> None:
    at = open_view(None, lang)
    note = t("plan_points_note", lang, base=fmt.people(266306, lang), base_date=fmt.date(dt.date(2024, 1, 1), lang),
             projection=fmt.people(282317, lang), target=fmt.date(dt.date(2027, 1, 1), lang))
    assert any(note in x for x in shown_html_texts(at))  # the chart card: one st.html block


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_tells_each_dated_record_its_age(open_view, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas.freshness import TODAY_ENV, age

    dated_records = [s for s in sources().values() if s.reference_date]
    newest = max(s.reference_date for s in dated_records)
    today = newest.replace(year=newest.year + 1)
    monkeypatch.setenv(TODAY_ENV, today.isoformat())
    texts = "\n".join(m.value for m in open_view("app_pages/sources.py", lang).markdown)
    for src in dated_records:
        told = t("date_aged", lang, date=src.date_text(lang), age=age(src.reference_date, lang, today))
        assert md_escape(told) in texts, src.id
