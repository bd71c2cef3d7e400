"""Choropleth classes and the compare page's view model."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from atlas.choropleth import MISSING, PALETTE, classify, fills
from atlas.compare import boundaries_geojson, comparison_table, ranking, registry_view, upload_views
from atlas.indicators import csv_bytes, indicator_ids
from atlas.upload import parse_upload
from geo.layers import chome_list


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
    data = "地区,公園の数\n芝,10\n麻布,12\n赤坂,8\n高輪,9\n芝浦港南,11\n".encode()
    views = upload_views(parse_upload(data, "parks.csv"), "en")
    assert [v.label for v in views] == ["公園の数"]
    df = comparison_table("en", views)
    assert df.iloc[:, -1].tolist()[:5] == [10, 12, 8, 9, 11]


def test_geojson_download_has_districts_and_chome_with_values() -> None:
    doc = json.loads(boundaries_geojson("en", []))
    levels = [f["properties"]["level"] for f in doc["features"]]
    assert levels.count("district") == 5 and levels.count("chome") == len(chome_list())
    shiba = next(f for f in doc["features"] if f["properties"]["id"] == "shiba")
    assert shiba["properties"]["population"] == registry_view("population", "en").district["shiba"]
