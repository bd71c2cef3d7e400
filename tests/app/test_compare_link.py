"""AppTest: the compare page's view as a link (level, layers), the chome offer, and a chome-only upload's ranking."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_runs import shown_svgs
from streamlit.testing.v1 import AppTest
from test_compare_page import open_compare as open_page

from atlas.compare import picker_label, registry_view
from atlas.i18n import t
from atlas.indicators import definition, indicator_ids
from atlas.upload import parse_upload
from atlas.view_link import LAYERS
from components.compare_explore import EXPLORE_READY
from components.map_first import READY_KEY
from components.markdown import md_escape, tm
from geo.paths import ROOT


def open_compare(**params: str) -> AppTest:
    """/compare after the map page, its interactive charts open (``?explore=1``, issue 21) and drawn (as after the
    run that follows the picker's)."""
    at = open_page(**{"explore": "1", **params})
    at.session_state[EXPLORE_READY] = True
    return at.run()


FIXTURES = Path(__file__).parent.parent / "unit" / "fixtures" / "upload"
CHOME_IDS = [i for i in indicator_ids() if "chome" in definition(i).levels]
DISTRICT_ONLY = next(i for i in indicator_ids() if "chome" not in definition(i).levels)


def test_level_and_layers_are_restored_from_the_url_and_kept_in_it() -> None:
    at = open_compare(lang="en", indicator=CHOME_IDS[0], level="chome", layers="offices,shelters")
    assert not at.exception
    assert at.radio(key="map_level").value == "chome"
    assert {n for n in LAYERS if at.checkbox(key=f"layer_{n}").value} == {"offices", "shelters"}
    assert at.query_params["level"] == "chome" and at.query_params["layers"] == "shelters,offices"
    at.checkbox(key="layer_offices").uncheck().run()
    at.radio(key="map_level").set_value("district").run()
    assert at.query_params["layers"] == "shelters" and "level" not in at.query_params  # defaults left out


def test_unknown_layer_is_named_and_the_known_one_kept() -> None:
    at = compare_first(lang="en", layers="evacuation,volcanoes")
    assert at.checkbox(key="layer_evacuation").value
    assert tm("unknown_layers", "en", value="volcanoes") in [w.value for w in at.warning]
    assert at.query_params["layers"] == "evacuation"


def compare_first(**params: str) -> AppTest:
    """/compare as a session's first page, drawn whole (its notices about the URL are shown there)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state[READY_KEY] = True
    at.session_state[EXPLORE_READY] = True
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page("app_pages/compare.py").run()


def test_unknown_level_falls_back_to_districts_with_a_notice() -> None:
    at = compare_first(lang="en", level="street", indicator=CHOME_IDS[0])
    assert at.radio(key="map_level").value == "district" and "level" not in at.query_params
    assert tm("unknown_level", "en", value="street") in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_district_only_indicator_at_chome_level_says_so_and_offers_chome_ones(lang: str) -> None:
    at = open_compare(lang=lang, indicator=DISTRICT_ONLY, level="chome")
    label = registry_view(DISTRICT_ONLY, lang).label
    assert tm("chome_offer", lang, indicator=label) in [i.value for i in at.info]
    offered = [b.key.removeprefix("chome_offer_") for b in at.button if b.key.startswith("chome_offer_")]
    assert offered == CHOME_IDS
    at.button(key=f"chome_offer_{CHOME_IDS[-1]}").click().run()
    assert at.selectbox(key="indicator").value == CHOME_IDS[-1] and at.query_params["level"] == "chome"
    assert not [i for i in at.info if i.value.startswith(tm("chome_offer", lang, indicator=label)[:8])]


def test_the_picker_marks_chome_indicators() -> None:
    at = open_compare(lang="en")
    shown = at.selectbox(key="indicator").options  # AppTest gives the labels as shown
    assert shown == [picker_label(registry_view(i, "en"), "en") for i in indicator_ids()]


def test_a_chome_only_upload_gets_a_chome_ranking_and_a_sentence() -> None:
    at = open_compare(lang="en")
    result = parse_upload((FIXTURES / "good_chome_bom.csv").read_bytes(), "good_chome_bom.csv")
    at.session_state["upload_result"] = result
    at.run()
    at.selectbox(key="indicator").set_value(result.ids[result.columns[0]]).run()
    n = len(result.values[result.columns[0]])
    sentence = tm("ranking_chome_only", "en", n=min(10, n), total=n)
    assert sentence in [c.value for c in at.caption]
    assert any("<svg" in svg for svg in shown_svgs(at))
    assert t("uploaded_label", "en")


def test_plotly_charts_are_on_compare_only_and_the_scatter_pair_is_in_the_url() -> None:
    at = open_compare(lang="en", x="census_density", y="census_households", level="chome")
    assert len(at.get("plotly_chart")) == 2  # the time series and the scatter
    assert at.selectbox(key="scatter_x").value == "census_density" and at.query_params["y"] == "census_households"
    at.selectbox(key="scatter_y").set_value("density").run()
    assert at.query_params["y"] == "density"
    assert tm("scatter_chome_only", "en") in [c.value for c in at.caption]  # density: districts only
    at.switch_page("app_pages/map.py").run()
    assert not at.exception and not at.get("plotly_chart")


def test_fitted_line_only_when_asked_and_its_method_stated() -> None:
    at = open_compare(lang="en")
    method = t("scatter_fit_method", "en", slope="", intercept="", r="", n="")[:20]
    assert not [c for c in at.caption if c.value.startswith(method)]
    at.checkbox(key="scatter_fit").check().run()
    assert [c for c in at.caption if c.value.startswith(method)]


def test_map_and_chart_html_downloads_are_offered() -> None:
    at = open_compare(lang="ja", level="chome", indicator=CHOME_IDS[0])
    labels = [b.label for b in at.get("download_button")]
    assert tm("download_map_html", "ja") in labels
    assert labels.count(tm("download_chart_html", "ja")) == 2  # the time series and the scatter


@pytest.mark.parametrize(("params", "charts", "map_shown"), [
    ({"embed": "map", "level": "chome", "indicator": "census_density"}, 0, True),
    ({"embed": "chart", "chart": "scatter", "x": "density", "y": "foreign_share"}, 1, False),
    ({"embed": "chart", "indicator": "households"}, 1, False),
])
def test_embed_shows_only_that_map_or_chart(params: dict[str, str], charts: int, map_shown: bool) -> None:
    at = compare_first(lang="en", **params)
    assert not at.exception
    assert not at.radio and not at.selectbox and not at.title  # no language switch, page bar, picker or title
    assert len(at.get("plotly_chart")) == charts
    credit = [c for c in at.caption if c.value.startswith(md_escape(t("map_credit_heading", "en")))]
    assert bool(credit) == map_shown  # the map's credit lines come with the map only
    links = [m.value for m in at.markdown if 'target="_blank"' in m.value]
    assert len(links) == 1 and "embed" not in links[0] and tm("embed_full_view", "en") in links[0]


def test_embedded_series_follows_the_indicator() -> None:
    at = compare_first(lang="en", embed="chart", indicator="households")
    assert any(definition("households").label("en") in m.value for m in at.markdown)


def test_unknown_embed_shows_the_whole_page_with_a_notice() -> None:
    at = compare_first(lang="en", embed="poster")
    assert at.radio(key="map_level") and at.title
    assert tm("unknown_embed", "en", value="poster") in [w.value for w in at.warning]


def test_charts_come_in_a_run_after_the_picker() -> None:
    at = open_page(lang="en", explore="1")
    assert at.selectbox(key="indicator") and not at.get("plotly_chart")  # Plotly's bundle not asked for yet
    at.session_state[EXPLORE_READY] = True  # what explore_later's first timed run sets before its rerun
    assert len(at.run().get("plotly_chart")) == 2
