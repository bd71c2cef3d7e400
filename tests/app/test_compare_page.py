"""AppTest: the compare page with each indicator, URL state, selection and uploads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.indicators import definition, indicator_ids
from geo.paths import ROOT

FIXTURES = Path(__file__).parent.parent / "unit" / "fixtures" / "upload"


def open_compare(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("app_pages/compare.py").run()


@pytest.mark.parametrize("ind_id", indicator_ids())
def test_each_indicator_renders(ind_id: str) -> None:
    at = open_compare(lang="en", indicator=ind_id)
    assert not at.exception
    assert at.selectbox(key="indicator").value == ind_id
    assert at.query_params["indicator"] == ind_id
    assert any(definition(ind_id).label("en") in m.value for m in at.markdown)
    assert len(at.dataframe) == 1
    if "chome" in definition(ind_id).levels:
        assert at.radio(key="map_level").options == [t("level_district", "en"), t("level_chome", "en")]


def test_unknown_indicator_falls_back_with_notice() -> None:
    at = open_compare(lang="en", indicator="happiness")
    assert not at.exception
    assert "happiness" in at.warning[0].value
    assert at.selectbox(key="indicator").value == "population"


def test_switching_indicator_updates_the_url() -> None:
    at = open_compare(lang="ja")
    at.selectbox(key="indicator").set_value("foreign_share").run()
    assert at.query_params["indicator"] == "foreign_share"


def test_selected_district_is_kept_in_the_url() -> None:
    at = open_compare(lang="en", district="akasaka", indicator="density")
    assert at.query_params["district"] == "akasaka"
    assert district_by_id("akasaka").name("en") in at.dataframe[0].value.to_string()


@pytest.mark.parametrize("name", ["good_district_sjis.csv", "good_chome_bom.csv"])
def test_a_good_upload_becomes_an_indicator(name: str) -> None:
    from atlas.upload import parse_upload

    at = open_compare(lang="en")
    data = (FIXTURES / name).read_bytes()
    at.session_state["upload_result"] = parse_upload(data, name)
    at.run()
    options = at.selectbox(key="indicator").options
    assert any("your upload" in o for o in options)


def test_a_broken_upload_shows_its_errors_as_text() -> None:
    from atlas.upload import parse_upload

    at = open_compare(lang="en")
    at.session_state["upload_result"] = parse_upload((FIXTURES / "unknown_names.csv").read_bytes(), "x.csv")
    at.run()
    assert not at.exception
    assert at.error[0].value == t("upload_failed", "en")
    assert all("your upload" not in o for o in at.selectbox(key="indicator").options)
