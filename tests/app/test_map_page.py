"""AppTest: the map page renders, honours ?district= and ?lang=, and keeps the URL in sync."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_runs import shown_district_name, shown_key_figures, shown_source_lines

from atlas.districts import district_by_id, districts
from atlas.i18n import LANGS, t
from atlas.profile import key_figures
from components.state import SELECT_KEY
from geo.paths import DATA_DIR


def heading(at) -> str:
    """The selected district's name: the first h2 of the map page (under the page's h1)."""
    return shown_district_name(at)


def picker(at):
    """The district picker (a horizontal radio)."""
    return at.radio(key=SELECT_KEY)


def test_default_page_renders_the_whole_ward(run_app) -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == t("map_heading", "ja")
    assert heading(at) == t("whole_ward", "ja")
    assert picker(at).value == ""
    assert not at.warning


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [d.id for d in districts()])
def test_district_param_selects_it_in_each_language(run_app, slug: str, lang: str) -> None:
    at = run_app(district=slug, lang=lang)
    assert not at.exception
    assert heading(at) == district_by_id(slug).name(lang)
    assert picker(at).value == slug
    assert at.query_params["district"] == [slug] or at.query_params["district"] == slug


def test_unknown_district_shows_notice_and_the_ward(run_app) -> None:
    at = run_app(district="atlantis", lang="en")
    assert not at.exception
    assert "atlantis" in at.warning[0].value
    assert heading(at) == t("whole_ward", "en")


def test_unknown_language_falls_back_with_notice(run_app) -> None:
    at = run_app(lang="xx", district="akasaka")
    assert not at.exception
    assert "xx" in at.warning[0].value
    assert heading(at) == district_by_id("akasaka").name("ja")


def test_picker_selects_and_updates_the_url(run_app) -> None:
    at = run_app(lang="en")
    picker(at).set_value("takanawa").run()
    assert heading(at) == "Takanawa"
    assert "takanawa" in str(at.query_params["district"])


def test_language_switch_keeps_the_district(run_app) -> None:
    at = run_app(district="azabu", lang="en")
    at.radio(key="lang_switch").set_value("zh").run()
    assert heading(at) == district_by_id("azabu").name("zh")
    assert "zh" in str(at.query_params["lang"])
    assert "azabu" in str(at.query_params["district"])


@pytest.mark.parametrize(("query", "slug"), [("六本木６", "azabu"), ("Shibaura 3-chome", "shibaura-konan")])
def test_town_search_selects_the_district(run_app, query: str, slug: str) -> None:
    at = run_app(lang="en")
    at.text_input[0].input(query).run()
    assert heading(at) == district_by_id(slug).name("en")
    assert at.success, "a found town is confirmed"


def test_town_search_not_found_is_a_message(run_app) -> None:
    at = run_app(lang="en")
    at.text_input[0].input("Atlantis 9").run()
    assert not at.exception
    assert "Atlantis 9" in at.info[0].value
    assert heading(at) == t("whole_ward", "en")


def test_figures_carry_their_source(run_app) -> None:
    at = run_app(district="shiba", lang="en")
    captions = " ".join([c.value for c in at.caption] + shown_source_lines(at))
    assert "e-Stat" in captions and "1 Oct 2020" in captions
    expected = key_figures("shiba", "en")[0]  # the latest resident-register population, from data/figures
    assert shown_key_figures(at)[0] == (expected.label, expected.value)


def test_missing_data_file_stops_with_a_clear_message(run_app, tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "geo" / "districts.geojson").unlink()
    monkeypatch.setenv("MINATO_DATA_DIR", str(copy))
    at = run_app()
    assert not at.exception
    assert "districts.geojson" in at.error[0].value


@pytest.mark.parametrize("page", ["map", "compare"])
def test_a_missing_map_layer_file_is_said_not_raised(run_app, monkeypatch, tmp_path, page: str) -> None:
    """Without static/map_data the map's place says so in the view's language and the page works on."""
    from atlas import map_layers

    monkeypatch.setattr(map_layers, "MAP_DATA", tmp_path)
    map_layers.layer_url.cache_clear()
    try:
        at = run_app(lang="en")
        if page != "map":
            at.switch_page(f"app_pages/{page}.py").run()
    finally:
        map_layers.layer_url.cache_clear()
    assert not at.exception
    assert t("map_failed", "en") in [w.value for w in at.warning]
    assert at.title, "the rest of the page is drawn"
