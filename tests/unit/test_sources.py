"""data/sources.yaml is complete: dates (or why none), full page URLs, credit lines as the licences ask."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from atlas import formatting as fmt
from atlas.i18n import LANGS, t
from atlas.sources import sources
from geo.layers import DataFileError


def test_every_record_has_a_date_or_says_why_not() -> None:
    for src in sources().values():
        if src.reference_date is None:
            assert src.date_notes and all(src.date_notes[lang].strip() for lang in LANGS), src.id
            assert all(src.date_notes[lang] in src.label(lang) for lang in LANGS)


def test_every_url_names_a_page_not_a_site_root() -> None:
    for src in sources().values():
        scheme, _, rest = src.url.partition("://")
        assert scheme in ("http", "https") and "/" in rest and rest.split("/", 1)[1], src.id


def test_gsi_data_credits_say_the_data_was_processed() -> None:
    """GSI's terms ask for the source and, when data is edited or processed, a note saying so (加工して作成)."""
    for sid in ("gsi-shelters", "gsi-evacuation-sites"):
        credit = sources()[sid].credit
        assert "国土地理院" in credit and "を加工して作成" in credit
    assert sources()["gsi-tiles-pale"].credit.startswith("出典：地理院タイル")


def _edit(data_copy: Path, index: int, **fields: object) -> None:
    path = data_copy / "sources.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["sources"][index].update(fields)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reference_date": "1 Oct 2020"}, "reference_date must be a YYYY-MM-DD date"),
        ({"reference_date": None}, "date_note must say"),
        ({"url": "https://www.e-stat.go.jp/"},
         r"url 'https://www.e-stat.go.jp/' is not a full http\(s\) address of the page"),
        ({"read_date": "yesterday"}, "read_date must be a YYYY-MM-DD date"),
        ({"reference_date": "2024-13"}, "reference_date must be a YYYY-MM-DD date"),
        ({"retrieved": {"date": dt.date(2025, 1, 2), "by": "someone", "url": "https://example.org/copy"}},
         "with retrieved, reference_date must be null"),
        ({"date_precision": "week"}, "date_precision"),
    ],
)
def test_a_broken_record_stops_loading_naming_file_and_row(data_copy: Path, fields: dict, message: str) -> None:
    _edit(data_copy, 0, **fields)
    with pytest.raises(DataFileError, match=rf"^data/sources\.yaml, source 1: .*{message}"):
        sources()


def test_a_source_dated_by_month_is_shown_by_month() -> None:
    """The Chinese summary is dated 2024年1月: never '1 Jan 2024' on a page, in a label or in a download."""
    summary = sources()["basic-plan-summary-2024-zh"]
    assert summary.date_precision == "month" and summary.reference_date == dt.date(2024, 1, 1)
    assert summary.iso_date() == "2024-01"
    for lang in LANGS:
        month = fmt.month(summary.reference_date, lang)
        assert summary.date_text(lang) == month and month in summary.label(lang)
        assert fmt.date(summary.reference_date, lang) not in summary.label(lang)
        assert month in summary.label(lang, summary.reference_date)  # a credit line dated with the record's day
    assert (fmt.month(dt.date(2024, 1, 5), "ja"), fmt.month(dt.date(2024, 1, 5), "en")) == ("2024年1月", "January 2024")


def test_month_dates_load_from_yaml(data_copy: Path) -> None:
    _edit(data_copy, 0, reference_date="2019-07")
    first = next(iter(sources().values()))
    assert (first.reference_date, first.date_precision, first.iso_date()) == (dt.date(2019, 7, 1), "month", "2019-07")


def test_a_copys_retrieval_day_is_never_shown_as_the_datas_date() -> None:
    """GSI gives no data date; 27 Oct 2025 is when a third-party copy was taken from GSI, and the labels say so."""
    for sid in ("gsi-shelters", "gsi-evacuation-sites"):
        src = sources()[sid]
        copy = src.retrieved
        assert src.reference_date is None and copy is not None and copy.url.startswith("https://github.com/")
        for lang in LANGS:
            label = src.label(lang)
            assert fmt.date(copy.date, lang) in label and copy.by in label and src.date_notes[lang] in label
            assert label != t("source_label", lang, title=src.titles[lang], publisher=src.publisher,
                              date=fmt.date(copy.date, lang))


def test_a_link_that_is_not_the_sources_own_page_says_what_it_is() -> None:
    summary = sources()["basic-plan-summary-2024-zh"]
    assert "kihonkeikaku_r5" not in summary.url  # the public-comment results page is not the summary
    assert summary.url_notes and all(summary.url_notes[lang].strip() for lang in LANGS)
