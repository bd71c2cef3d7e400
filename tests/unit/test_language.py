"""Words for what the data files write as codes or shorthand: derivations, budget notes, method notes, months."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from atlas import formatting as fmt
from atlas.charts import budget_chart, fiscal_scale
from atlas.content import plan_content
from atlas.derivations import load_patterns, parse, patterns
from atlas.figures import budget, budget_notes, population
from atlas.i18n import LANGS, t
from atlas.names import name_in, names
from atlas.sources import sources
from geo.datafile import DataFileError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def test_month_precision_in_each_language() -> None:
    day = dt.date(2024, 1, 1)
    assert [fmt.month(day, lang) for lang in LANGS] == ["2024年1月", "January 2024", "2024年1月"]
    assert plan_content().ward.mayor_message.date == day  # plan.yaml's "2024-01"


def test_every_derived_cell_is_worded_in_each_language_with_its_date_in_the_view_format() -> None:
    derived = [o for o in population() if o.derived]
    assert derived and all(o.derivation is not None for o in derived)
    for obs in derived:
        day = ISO_DATE.search(obs.derived)
        for lang in LANGS:
            text = obs.derived_text(lang)
            assert text and not ISO_DATE.search(text)
            if day:
                assert fmt.date(dt.date.fromisoformat(day.group(0)), lang) in text
            if lang != "en":
                assert not ASCII_WORD.search(text), text
    assert all(o.derived_text("ja") == "" for o in population() if not o.derived)


def test_a_derived_cell_no_pattern_declares_is_refused_with_its_row() -> None:
    with pytest.raises(DataFileError, match="row 7: derived 'value times two' matches no pattern"):
        parse("value times two", "data/figures/population.csv, row 7")
    with pytest.raises(DataFileError, match="does not exist"):
        parse("value on 2024-02-30 minus 前月比増減", "row 9")
    assert parse("", "row 1") is None


def test_a_derivation_text_may_use_only_the_placeholders_of_its_match(tmp_path: Path) -> None:
    path = tmp_path / "derivations.yaml"
    path.write_text('derivations:\n  - id: sum\n    match: "sum"\n    text: {ja: "{date}の合計", en: sum, zh: 合计}\n',
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"derivation 1, text.ja: placeholder \{date\} is not in match"):
        load_patterns(path)
    assert set(patterns()) >= {o.derivation.id for o in population() if o.derivation}


def test_every_budget_note_is_worded_in_each_language_and_marked_where_translated() -> None:
    notes = {(n.fiscal_year, n.kind): n for n in budget_notes()}
    for row in budget():
        if row.note:
            assert (row.fiscal_year, row.kind) in notes, f"FY{row.fiscal_year} {row.kind}: no budget_notes.yaml entry"
    for note in notes.values():
        assert note.shown("ja") == note.text["ja"]
        for lang in ("en", "zh"):
            assert note.shown(lang) == f"{note.text[lang]} {t('mark_translation', lang)}"


def test_budget_chart_keeps_the_fiscal_scale_apart_and_draws_only_on_chart_notes() -> None:
    """The FY2017 transfer is marked on the chart; every note, drawn or not, is in the data table."""
    scale = fiscal_scale(plan_content())
    chart = budget_chart("en", scale)
    assert not [s for s in chart.figure.layout.shapes if s.type == "rect"]  # no band that looks like a bar frame
    span = next(s for s in chart.figure.layout.shapes if s.type == "line")
    assert span.x0 < scale.years[0] < scale.years[1] < span.x1
    note = chart.notes[0]
    assert fmt.oku_yen(scale.total_oku, "en") in note and "general account" in note
    assert f"FY{scale.plan_years[0]}" in note and f"FY{scale.revised}" in note
    marked = {(a.x, a.text) for a in chart.figure.layout.annotations}
    table_notes = set(chart.table["Note"])
    for item in budget_notes():
        assert ((item.fiscal_year, "*") in marked) is item.on_chart
        assert any(item.text["en"] in n for n in chart.notes) is item.on_chart
        assert item.shown("en") in table_notes  # every note, on the chart or not, is in the data table
    secondary = next(tr for tr in chart.figure.data if "secondary" in tr.name)
    assert sorted(secondary.x) == sorted(b.fiscal_year for b in budget()
                                         if b.kind == "initial_budget" and b.reliability == "secondary")


@pytest.mark.parametrize("lang", LANGS)
def test_budget_table_names_kinds_reliability_and_sources_in_words(lang: str) -> None:
    chart = budget_chart(lang, fiscal_scale(plan_content()))
    kinds = set(chart.table[t("col_kind", lang)])
    assert kinds == {t(f"budget_kind_{b.kind}", lang) for b in budget()}
    assert set(chart.table[t("col_reliability", lang)]) == {t(f"reliability_{b.reliability}", lang) for b in budget()}
    assert list(chart.table[t("col_source", lang)]) == [sources()[sid].titles[lang] for sid in chart.records["source"]]


@pytest.mark.parametrize("lang", LANGS)
def test_method_notes_are_given_in_each_language_and_marked_where_translated(lang: str) -> None:
    noted = [s for s in sources().values() if s.derivation]
    assert noted
    for src in noted:
        text = src.derivation_in(lang)
        assert text.startswith(src.derivation[lang])
        assert text.endswith(t("mark_translation", lang)) is (lang != "en")
        if lang != "en":
            assert not re.search(r"\b[a-z]{2,}(?: [a-z]{2,}){2,}\b", text), text  # no English sentence left


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_every_japanese_publisher_and_licence_name_has_en_and_zh_names() -> None:
    """en and zh views show no Japanese-only publisher or licence: each is in names.yaml (or described in words)."""
    table = names()
    for src in sources().values():
        for text in [src.publisher] + ([] if src.licenses else [src.license]):
            if CJK.search(text):
                assert text in table, f"{src.id}: '{text}' is not in data/names.yaml"
                assert src.publisher_in("en") != src.publisher
    assert sources()["minato-chise"].publisher_in("en") == "Minato City"
    assert all(name_in(ja, "ja") == ja for ja in table)
