"""The compare page's view in the URL (atlas/view_link.py) and its form checks in atlas/state.py."""

from __future__ import annotations

import doctest

import pytest

import atlas.view_link as view_link
from atlas.compare import chome_ranking, picker_label, registry_view, upload_views
from atlas.i18n import t
from atlas.indicators import definition, indicator_ids
from atlas.state import read_view
from atlas.upload import parse_upload
from atlas.view_link import LAYERS, layers_value, link_params, parse_layers, parse_level


def test_doctests() -> None:
    assert doctest.testmod(view_link).failed == 0


@pytest.mark.parametrize("layers", [set(), {"offices"}, set(LAYERS), {"evacuation", "shelters"}])
@pytest.mark.parametrize("level", ["district", "chome"])
def test_link_params_round_trip(level: str, layers: set[str]) -> None:
    params = link_params(level, layers)
    assert parse_level(params.get("level")) == level
    assert set(parse_layers(params.get("layers"))[0]) == layers
    assert ("level" in params) == (level != "district") and ("layers" in params) == bool(layers)


def test_unknown_layers_are_named_and_the_known_ones_kept() -> None:
    assert parse_layers("bogus, offices,shelters,bogus") == (["shelters", "offices"], ["bogus"])
    assert layers_value(["offices", "shelters"]) == "shelters,offices"


@pytest.mark.parametrize(("key", "value", "notice"), [("level", "street", "unknown_level"),
                                                      ("layers", "<b>x</b>", "unknown_layers"),
                                                      ("chart", "pie", "unknown_chart"),
                                                      ("x", "DROP TABLE", "unknown_indicator")])
def test_malformed_view_parameters_fall_back_with_a_notice(key: str, value: str, notice: str) -> None:
    view = read_view({key: value, "lang": "en"})
    assert key not in view.page and view.notices == ((notice, value),)
    assert t(notice, "en", value=value)  # the notice has its text


def test_well_formed_view_parameters_are_kept() -> None:
    view = read_view({"level": "chome", "layers": "shelters,offices", "chart": "scatter", "x": "density"})
    assert view.page == {"level": "chome", "layers": "shelters,offices", "chart": "scatter", "x": "density"}


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_picker_marks_exactly_the_indicators_with_chome_figures(lang: str) -> None:
    mark = t("chome_mark", lang)
    for ind_id in indicator_ids():
        label = picker_label(registry_view(ind_id, lang), lang)
        assert label.startswith(definition(ind_id).label(lang))
        assert label.endswith(mark) == ("chome" in definition(ind_id).levels)


def test_a_chome_only_upload_ranks_its_chome_highest_first() -> None:
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "upload" / "good_chome_bom.csv").read_bytes()
    (view, *_) = upload_views(parse_upload(data, "good_chome_bom.csv"), "en")
    ranked = chome_ranking(view)
    assert not view.district and ranked
    assert [v for _, v in ranked] == sorted(view.chome.values(), reverse=True)
