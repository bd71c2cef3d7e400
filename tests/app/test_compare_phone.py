"""AppTest, issue 21: /compare's first visit carries no Plotly chart and no data grid; the interactive charts come
when asked for (a toggle kept in the URL, or a link that had them open); the side-by-side table is one HTML table
whose every cell is the value from the data, formatted, in the order the URL asks."""

from __future__ import annotations

import pytest
from shown_table import shown_table
from streamlit.testing.v1 import AppTest
from test_compare_page import open_compare

from atlas.compare import registry_view
from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.indicators import column_labels, definition, district_values, indicator_ids
from components.compare_explore import EXPLORE_OPEN, EXPLORE_READY
from components.map_first import READY_KEY
from components.markdown import tm
from geo.paths import ROOT


def first_visit(**params: str) -> AppTest:
    """/compare as a session's first page, every run of it: the map's run, then the whole page (as after the map
    reported that it has drawn), then the run that ``explore_later`` would start."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py").run()
    assert not at.get("plotly_chart") and not at.dataframe  # the map's run
    at.session_state[READY_KEY] = True
    at.run()
    at.session_state[EXPLORE_READY] = True
    return at.run()


def test_a_first_visit_has_no_plotly_chart_and_no_data_grid() -> None:
    at = first_visit(lang="ja")
    assert not at.exception
    assert not at.get("plotly_chart") and not at.dataframe and not at.get("arrow_data_frame")
    assert at.toggle(key=EXPLORE_OPEN).value is False
    assert at.toggle(key=EXPLORE_OPEN).label == tm("explore_toggle", "ja")
    assert "MB" in t("explore_toggle", "ja")  # the label states what it costs a phone
    assert "explore" not in at.query_params and shown_table(at).tables == 1


def test_the_toggle_brings_both_charts_and_the_url_keeps_them() -> None:
    at = first_visit(lang="en")
    at.toggle(key=EXPLORE_OPEN).set_value(True).run()
    assert len(at.get("plotly_chart")) == 2  # the time series and the scatter, in the toggle's own run
    assert at.query_params["explore"] == "1"
    assert t("download_chart_html", "en") in [b.label for b in at.get("download_button")]
    at.selectbox(key="scatter_x").set_value("foreign_share").run()
    at.toggle(key=EXPLORE_OPEN).set_value(False).run()
    assert not at.get("plotly_chart")
    assert not {"explore", "x", "y"} & set(at.query_params)  # a closed view links closed
    at.toggle(key=EXPLORE_OPEN).set_value(True).run()
    assert at.selectbox(key="scatter_x").value == "foreign_share"  # the session kept the pair
    assert at.query_params["x"] == "foreign_share"


@pytest.mark.parametrize(("params", "opened"), [
    ({"explore": "1"}, True),
    ({"x": "census_density", "y": "census_households"}, True),  # a link from when the charts were always shown
    ({"explore": "0", "x": "census_density"}, False),
])
def test_a_link_opens_the_charts_as_it_was_shared(params: dict[str, str], opened: bool) -> None:
    at = first_visit(lang="en", **params)
    assert not at.exception
    assert at.toggle(key=EXPLORE_OPEN).value is opened
    assert len(at.get("plotly_chart")) == (2 if opened else 0)
    if "y" in params and opened:
        assert at.selectbox(key="scatter_y").value == params["y"]


def test_a_malformed_explore_value_is_named_and_the_charts_stay_closed() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state[READY_KEY] = True  # the page drawn whole in its first run: its notices are there
    at.query_params["lang"], at.query_params["explore"] = "en", "yes"
    at.switch_page("app_pages/compare.py").run()
    assert tm("unknown_explore", "en", value="yes") in [w.value for w in at.warning]
    assert at.toggle(key=EXPLORE_OPEN).value is False and "explore" not in at.query_params


def test_a_link_that_opens_the_charts_draws_them_after_the_picker() -> None:
    at = open_compare(lang="en", explore="1")
    assert at.selectbox(key="indicator") and at.toggle(key=EXPLORE_OPEN).value
    assert not at.get("plotly_chart")  # Plotly's bundle not asked for in the picker's run
    at.session_state[EXPLORE_READY] = True
    assert len(at.run().get("plotly_chart")) == 2


def test_embedded_chart_is_drawn_at_once() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in {"lang": "ja", "embed": "chart", "chart": "scatter"}.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py").run()
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_the_table_shows_every_indicator_with_its_value_from_the_data(lang: str) -> None:
    at = open_compare(lang=lang, district="azabu")
    table = shown_table(at)
    labels = column_labels(lang)
    for ind_id in indicator_ids():
        column = table.headers.index(labels[ind_id])
        digits = definition(ind_id).digits
        expected = ["—" if v.value is None else f"{v.value:,.{digits}f}" for v in district_values(ind_id)]
        assert [row[column] for row in table.rows] == expected, ind_id
    names = [row[0].removeprefix("▶ ") for row in table.rows]
    assert names[:5] == [district_by_id(v.area).name(lang) for v in district_values("population")[:5]]
    assert table.rows[-1][0] == t("whole_ward", lang) or names[-1] != names[0]
    assert "ID" not in table.headers


def test_sort_order_comes_from_the_url_and_goes_back_to_it() -> None:
    at = open_compare(lang="en", sort="density", order="asc")
    assert at.selectbox(key="table_sort").value == "density" and at.radio(key="table_order").value == "asc"
    table = shown_table(at)
    values = {v.area: v.value for v in district_values("density")}
    by_value = sorted((a for a in values if a != "ward"), key=values.__getitem__)
    shown = [row[0].removeprefix("▶ ") for row in table.rows]
    assert shown == [district_by_id(a).name("en") for a in by_value] + [t("whole_ward", "en")]
    assert registry_view("density", "en").label in table.note
    at.radio(key="table_order").set_value("desc").run()
    assert "order" not in at.query_params and at.query_params["sort"] == "density"  # the default left out
    shown = [row[0].removeprefix("▶ ") for row in shown_table(at).rows]
    assert shown[:5] == [district_by_id(a).name("en") for a in reversed(by_value)]
    at.selectbox(key="table_sort").set_value("").run()
    assert "sort" not in at.query_params


def test_an_unknown_sort_says_so_and_keeps_the_district_order() -> None:
    at = open_compare(lang="en", sort="happiness")
    assert tm("unknown_sort", "en", value="happiness") in [w.value for w in at.warning]
    assert at.selectbox(key="table_sort").value == "" and "sort" not in at.query_params
