"""AppTest: /sources shows each record's date as precisely as the source gives it, and a copy's retrieval day as
such; the ward chart says the plan gives only two points."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas import formatting as fmt
from atlas.i18n import LANGS, t
from atlas.sources import sources
from components.markdown import md_escape


def _texts(at) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_dates_by_month_and_names_the_copy(open_view, lang: str) -> None:
    at = open_view("app_pages/sources.py", lang)
    texts = [m.value for m in at.markdown]
    summary = sources()["basic-plan-summary-2024-zh"]
    card = next(x for x in texts if summary.titles[lang] in x)
    following = texts[texts.index(card):texts.index(card) + 3]
    assert any(f": {md_escape(fmt.month(summary.reference_date, lang))}  \n" in x for x in following)
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
    assert any(md_escape(note) in x for x in _texts(at))
