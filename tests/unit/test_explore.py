"""Plotly figures for /compare (atlas/explore.py) and the offline chart file (atlas/travel_chart.py)."""

from __future__ import annotations

import doctest
import re

import numpy as np
import pytest

import atlas.explore as explore
import atlas.travel_chart as travel_chart
from atlas.compare import registry_view
from atlas.districts import districts
from atlas.explore import dated_measures, least_squares, scatter_figure, scatter_points, series_figure
from atlas.figures import series
from atlas.i18n import t
from atlas.indicators import definition, indicator_ids
from atlas.sources import sources
from atlas.travel_chart import chart_html
from geo.layers import chome_list


def test_doctests() -> None:
    assert doctest.testmod(explore).failed == 0 and doctest.testmod(travel_chart).failed == 0


def test_every_dated_measure_has_a_line_per_district_and_the_ward() -> None:
    measures = dated_measures()
    assert measures, "population.csv has register counts on several dates"
    for m in measures:
        fig = series_figure(m, "en").figure
        names = [tr.name for tr in fig.data]
        assert names == [d.name("en") for d in districts()] + [t("whole_ward", "en")]
        ward = series("ward", m.measure)
        assert list(fig.data[-1].y) == [o.value for o in ward]
        assert list(fig.data[-1].x) == [o.date.isoformat() for o in ward]


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_series_labels_are_in_the_views_language_and_sources_dated(lang: str) -> None:
    m = dated_measures()[0]
    chart = series_figure(m, lang)
    assert definition(m.indicator).label(lang) in chart.figure.layout.yaxis.title.text
    assert chart.figure.layout.xaxis.title.text == t("hover_date", lang)
    assert chart.refs and all(sid in sources() and day for sid, day in chart.refs)


def test_scatter_hover_names_values_and_dates_at_district_level() -> None:
    x, y = registry_view("density", "en"), registry_view("avg_household_size", "en")
    chart = scatter_figure(x, y, "district", "en")
    hover = chart.figure.data[0].hovertext
    assert len(hover) == len(districts())
    first = districts()[0]
    assert hover[0].startswith(f"<b>{first.name('en')}</b>") and x.format(x.district[first.id]) in hover[0]
    assert len(chart.figure.data) == 1 and not chart.fit_text  # no line unless asked


def test_fitted_line_is_least_squares_and_says_so() -> None:
    x, y = registry_view("census_density", "ja"), registry_view("census_households", "ja")
    points = scatter_points(x, y, "chome", "ja")
    assert len(points) == len([c for c in chome_list() if c.key_code in x.chome and c.key_code in y.chome])
    chart = scatter_figure(x, y, "chome", "ja", fit=True)
    slope, intercept = np.polyfit([p[2] for p in points], [p[3] for p in points], 1)
    line = chart.figure.data[1]
    assert line.y[0] == pytest.approx(slope * line.x[0] + intercept)
    assert chart.fit_text.startswith(t("scatter_fit_method", "ja", slope="", intercept="", r="", n="")[:6])
    assert str(len(points)) in chart.fit_text


def test_too_few_points_fit_no_line() -> None:
    assert least_squares([1.0, 2.0], [1.0, 2.0]) is None
    assert least_squares([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]) is None


def test_chart_html_carries_plotly_sources_and_dates_and_no_external_script() -> None:
    chart = series_figure(dated_measures()[0], "en")
    page = chart_html(chart, "en").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Plotly.newPlot" in page and not re.search(r"<script[^>]+src=", page)
    for sid, day in travel_chart.latest_refs(chart.refs):
        assert sources()[sid].label("en", day) in page.replace("&#x27;", "'").replace("&quot;", '"')


def test_an_uploaded_label_is_escaped_in_hover_and_axis() -> None:
    from atlas.compare import upload_views
    from atlas.upload import parse_upload

    data = "地区,<img src=x onerror=alert(1)>\n芝,1\n麻布,2\n赤坂,3\n高輪,4\n芝浦港南,5\n".encode()
    (view, *_) = upload_views(parse_upload(data, "x.csv"), "en")
    chart = scatter_figure(view, registry_view(indicator_ids()[0], "en"), "district", "en")
    assert "<img" not in chart.figure.data[0].hovertext[0] and "&lt;img" in chart.figure.data[0].hovertext[0]
    assert "<img" not in chart.figure.layout.xaxis.title.text
