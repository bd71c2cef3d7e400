"""Choropleth classes and the compare page's view model."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from atlas.choropleth import MISSING, PALETTE, classify, fills
from atlas.compare import (
    comparison_table,
    interval,
    legend_title,
    period_column,
    ranking,
    registry_view,
    upload_views,
)
from atlas.downloads import BOUNDARY_SOURCE, boundaries_geojson
from atlas.i18n import LANGS
from atlas.indicators import (
    csv_bytes,
    definitions,
    district_values,
    format_number,
    indicator_ids,
    interval_text,
    rounded,
    source_date,
    value_interval,
)
from atlas.sources import sources
from atlas.upload import parse_upload
from geo.layers import chome_list

PARKS = "地区,公園の数\n芝,10\n麻布,12\n赤坂,8\n高輪,9\n芝浦港南,11\n".encode()


def test_quantile_classes_cover_all_values_in_order() -> None:
    values = {str(i): float(v) for i, v in enumerate([5, 1, 9, 3, 7, 2, 8])}
    classes = classify(values)
    assert classes.edges[0] == 1 and classes.edges[-1] == 9
    assert list(classes.edges) == sorted(classes.edges)
    colours = fills(values, classes)
    assert colours["1"] == PALETTE[0] and colours["2"] == PALETTE[-1]
    order = [PALETTE.index(colours[k]) for k in sorted(values, key=values.get)]
    assert order == sorted(order)


def test_missing_and_empty_values_are_grey() -> None:
    classes = classify({"a": None, "b": math.nan})
    assert classes.colour(None) == MISSING and classes.colour(math.nan) == MISSING


@pytest.mark.parametrize("ind_id", indicator_ids())
def test_every_indicator_ranks_the_five_districts(ind_id: str) -> None:
    view = registry_view(ind_id, "en")
    ranked = ranking(view)
    assert len(ranked) == 5, ind_id
    assert [v for _, v in ranked] == sorted((v for _, v in ranked), reverse=True)
    assert view.sources, "every registry indicator names its sources"


def test_chome_level_values_exist_for_census_indicators() -> None:
    view = registry_view("census_population", "ja")
    assert view.has_chome
    assert sum(view.chome.values()) == sum(c.pop_2020 for c in chome_list())


def test_table_csv_round_trips_with_bom() -> None:
    df = comparison_table("ja", [])
    raw = csv_bytes(df)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7 and rows[0] == list(df.columns)


def test_uploaded_district_column_joins_the_table() -> None:
    views = upload_views(parse_upload(PARKS, "parks.csv"), "en")
    assert [v.label for v in views] == ["公園の数"]
    df = comparison_table("en", views)
    assert df.iloc[:, -1].tolist()[:5] == [10, 12, 8, 9, 11]


def test_geojson_download_has_districts_and_chome_with_values() -> None:
    doc = json.loads(boundaries_geojson("en", []))
    levels = [f["properties"]["level"] for f in doc["features"]]
    assert levels.count("district") == 5 and levels.count("chome") == len(chome_list())
    shiba = next(f for f in doc["features"] if f["properties"]["id"] == "shiba")
    assert shiba["properties"]["population"] == registry_view("population", "en").district["shiba"]


# --- dates and periods on the page ---------------------------------------------------------------------------------


def test_view_keeps_each_source_with_the_date_of_its_figures() -> None:
    view = registry_view("shelters_per_10k", "en")
    dates = {sid: source_date((sid, day)) for sid, day in view.refs}
    assert set(dates) == set(view.sources) and len(dates) == len(view.refs)
    assert dates["gsi-shelters"] == sources()["gsi-shelters"].reference_date != view.as_of
    census = registry_view("census_population", "en")
    assert {source_date(r) for r in census.refs} == {v.as_of for v in district_values("census_population")}


@pytest.mark.parametrize("lang", LANGS)
def test_change_indicator_views_show_the_period(lang: str) -> None:
    for ind_id in ("growth_last_year", "growth_since_census"):
        values = district_values(ind_id)
        spans = {(v.base_date, v.as_of) for v in values}
        view = registry_view(ind_id, lang)
        text = interval(view, lang)
        if len(spans) == 1:
            assert text == interval_text(*spans.pop(), lang)
        assert text and text in legend_title(view, lang)
        table = comparison_table(lang, [])
        assert table[period_column(lang, ind_id)].tolist() == [value_interval(v, lang) for v in values]
    assert interval(registry_view("population", lang), lang) == ""


# --- downloads -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_geojson_download_has_metadata_with_sources_and_rounded_values(lang: str) -> None:
    doc = json.loads(boundaries_geojson(lang, []))
    meta = doc["metadata"]
    boundary = sources()[BOUNDARY_SOURCE]
    assert meta["boundaries"]["credit"] == boundary.credit and boundary.credit in meta["credits"]
    assert [i["id"] for i in meta["indicators"]] == indicator_ids()
    for entry, d in zip(meta["indicators"], definitions(), strict=True):
        values = district_values(d.id)
        assert (entry["label"], entry["unit"]) == (d.label(lang), d.unit(lang))
        assert entry["as_of"] == {v.area: v.as_of.isoformat() if v.as_of else None for v in values}
        refs = [ref for v in values for ref in v.refs]
        assert [s["id"] for s in entry["sources"]] == list(dict.fromkeys(sid for sid, _ in refs))
        for cited in entry["sources"]:
            rec = sources()[cited["id"]]
            assert (cited["title"], cited["publisher"], cited["url"], cited["license"], cited["credit"]) == (
                rec.titles[lang], rec.publisher_in(lang), rec.url, rec.license_in(lang), rec.credit)
            assert rec.credit in meta["credits"]
            dates = [source_date(r) for r in refs if r[0] == cited["id"] and source_date(r)]
            assert cited["reference_date"] == (max(dates).isoformat() if dates else None)
        if any(v.base_date for v in values):
            assert entry["compared_with"] == {v.area: v.base_date.isoformat() for v in values}
    shelters = next(i for i in meta["indicators"] if i["id"] == "shelters_per_10k")
    gsi = next(s for s in shelters["sources"] if s["id"] == "gsi-shelters")
    assert gsi["reference_date"] is None  # GSI gives none; the third-party copy's retrieval day is kept apart
    copy = sources()["gsi-shelters"].retrieved
    assert gsi["retrieved"] == {"date": copy.date.isoformat(), "by": copy.by, "url": copy.url}
    for f in doc["features"]:
        props = f["properties"]
        for d in definitions():
            if d.id in props and props[d.id] is not None:
                assert props[d.id] == float(format_number(d.format, props[d.id]).replace(",", "")), (d.id, props)
                assert isinstance(props[d.id], int) == (d.digits == 0)
    shiba = next(f for f in doc["features"] if f["properties"]["id"] == "shiba")
    assert all(shiba["properties"][i] == rounded(i, registry_view(i, lang).district["shiba"]) for i in indicator_ids())


@pytest.mark.parametrize("lang", LANGS)
def test_legend_title_tells_the_age_of_old_figures(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from atlas.freshness import TODAY_ENV, age

    view = registry_view("census_population", lang)
    later = view.as_of.replace(year=view.as_of.year + 3)
    monkeypatch.setenv(TODAY_ENV, later.isoformat())
    told = age(view.as_of, lang, later)
    assert told and told in legend_title(view, lang)
    monkeypatch.setenv(TODAY_ENV, view.as_of.isoformat())
    assert told not in legend_title(view, lang)
