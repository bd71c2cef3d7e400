"""AppTest: a session's first open of the map page sends the title, the map and the summary; the rest follows
when the map has drawn (components/map_first.py), with the map in the same place, so its frame stays."""

from __future__ import annotations

import json

import pytest
from app_runs import shown_district_name, shown_headings
from streamlit.testing.v1 import AppTest

from atlas.districts import district_by_id
from atlas.i18n import LANGS, t
from components.map_first import READY_KEY
from components.state import SELECT_KEY
from geo.paths import ROOT


def first_open(**params: str) -> AppTest:
    """The first run of a new session on the map page, as a browser opening the URL."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def radio_keys(at: AppTest) -> list[str]:
    """The keys of the page's radios (the district picker is one, under ``SELECT_KEY``)."""
    return [r.key for r in at.radio]


def map_place(at: AppTest) -> tuple[tuple[int, ...], dict]:
    """The map component's index path in the element tree, and the arguments it was sent."""
    def walk(node, path: tuple[int, ...]):
        for i, child in getattr(node, "children", {}).items():
            if getattr(child, "type", None) == "component_instance":
                return path + (i,), json.loads(child.proto.json_args)
            found = walk(child, path + (i,))
            if found:
                return found
        return None

    found = walk(at._tree, ())
    assert found, "no map component in the page"
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_first_open_sends_the_title_map_and_summary_alone(lang: str) -> None:
    at = first_open(lang=lang, district="azabu")
    assert not at.exception
    assert at.title[0].value == t("map_heading", lang)
    assert shown_district_name(at) == district_by_id("azabu").name(lang)  # the summary is there at once
    _, args = map_place(at)
    assert args["announce"] is True, "the frame is asked to report when it has drawn"
    assert SELECT_KEY not in radio_keys(at) and not at.text_input, "the pickers follow the map"
    assert t("key_figures_heading", lang) not in shown_headings(at), "the profile follows the map"
    assert READY_KEY not in at.session_state or at.session_state[READY_KEY] is False


def test_after_the_report_the_whole_page_comes_with_the_map_in_its_place() -> None:
    at = first_open(lang="en", district="shiba")
    place, _ = map_place(at)
    at.session_state[READY_KEY] = True  # what the map's report (its on_change) sets
    at.run()
    assert not at.exception
    assert at.radio(key=SELECT_KEY).value == "shiba"
    assert t("key_figures_heading", "en") in shown_headings(at)
    new_place, args = map_place(at)
    assert new_place == place, "the map moved: its frame would be built again"
    assert args["announce"] is False
    at.run()  # and it stays whole
    assert SELECT_KEY in radio_keys(at) and map_place(at)[1]["announce"] is False


def test_without_a_map_layer_file_the_first_open_is_whole(monkeypatch, tmp_path) -> None:
    """No frame can report, so nothing waits for one."""
    from atlas import map_layers

    monkeypatch.setattr(map_layers, "MAP_DATA", tmp_path)
    map_layers.layer_url.cache_clear()
    try:
        at = first_open(lang="en")
    finally:
        map_layers.layer_url.cache_clear()
    assert not at.exception
    assert t("map_failed", "en") in [w.value for w in at.warning]
    assert SELECT_KEY in radio_keys(at) and t("key_figures_heading", "en") in shown_headings(at)
    assert at.session_state[READY_KEY] is True


def straight_to_compare(**params: str) -> AppTest:
    """The first run of a new session opened on /compare."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py")
    return at.run()


def test_compare_opened_first_draws_its_map_first_then_the_rest_around_it() -> None:
    at = straight_to_compare(lang="en", indicator="no-such-indicator")
    assert not at.exception
    assert at.title[0].value == t("compare_heading", "en")
    place, args = map_place(at)
    assert args["announce"] is True and args["view"]["level"] == "district"
    assert not at.selectbox and "map_level" not in [r.key for r in at.radio], "the switches follow the map"
    assert "no-such-indicator" in at.warning[0].value
    at.session_state[READY_KEY] = True
    at.run()
    assert not at.exception
    assert at.selectbox(key="indicator").value == "population"
    assert "no-such-indicator" in at.warning[0].value, "the notice went before the page was whole"
    new_place, args = map_place(at)
    assert new_place == place and args["announce"] is False
    at.run()
    assert not at.warning, "the notice is shown once"


def test_a_url_notice_stays_until_the_whole_page_is_drawn() -> None:
    at = first_open(lang="en", district="nowhere")
    assert at.warning and "nowhere" in at.warning[0].value
    place, _ = map_place(at)
    at.session_state[READY_KEY] = True
    at.run()
    assert at.warning and "nowhere" in at.warning[0].value, "the notice went with the first run"
    assert map_place(at)[0] == place
    at.run()
    assert not at.warning
