"""Figure ages: 'as of <date> — N months ago' once a figure is more than two months old."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas import formatting as fmt
from atlas import freshness
from atlas.figures import latest
from atlas.i18n import LANGS, t
from atlas.sources import sources

FEB = dt.date(2026, 2, 1)


@pytest.mark.parametrize(("day", "now", "months"), [
    (FEB, dt.date(2026, 12, 6), 10), (FEB, dt.date(2026, 4, 1), 2), (FEB, dt.date(2026, 3, 31), 1),
    (dt.date(2026, 1, 31), dt.date(2026, 2, 28), 0), (FEB, dt.date(2025, 1, 1), 0),
])
def test_months_between_counts_whole_months(day: dt.date, now: dt.date, months: int) -> None:
    assert freshness.months_between(day, now) == months


@pytest.mark.parametrize("lang", LANGS)
def test_age_shows_only_after_two_months(lang: str) -> None:
    assert freshness.age(FEB, lang, dt.date(2026, 4, 30)) == ""
    assert freshness.age(FEB, lang, dt.date(2026, 5, 1)) == t("age_months", lang, n=3)
    assert freshness.age(FEB, lang, dt.date(2028, 2, 1)) == t("age_years", lang, n=2)


def test_today_is_injectable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(freshness.TODAY_ENV, "2026-12-06")
    assert freshness.today() == dt.date(2026, 12, 6)
    monkeypatch.setenv(freshness.TODAY_ENV, "not a date")
    assert freshness.today() == dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_source_line_of_the_latest_register_figure_carries_its_age(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    newest = latest("ward", "population")
    assert newest is not None
    later = newest.date + dt.timedelta(days=300)
    months = freshness.months_between(newest.date, later)
    label = sources()[newest.source].label(lang, newest.date, later)
    assert fmt.date(newest.date, lang) in label
    assert label.endswith(t("age_months", lang, n=months) + ("" if lang == "en" else "）"))
    monkeypatch.setenv(freshness.TODAY_ENV, later.isoformat())  # the clock is what the default reads
    assert sources()[newest.source].label(lang, newest.date) == label
    src = sources()[newest.source]
    fresh = src.label(lang, newest.date, newest.date + dt.timedelta(days=20))
    assert fresh == t("source_label", lang, title=src.titles[lang], publisher=src.publisher,
                      date=fmt.date(newest.date, lang))
