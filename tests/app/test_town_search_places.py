"""AppTest: the town search answers places, places outside Minato and misses in the view's language."""

from __future__ import annotations

import re

import pytest
from app_runs import shown_district_name

from atlas.districts import district_by_id
from atlas.i18n import LANGS, t
from components.markdown import md_escape
from geo.find import find


def heading(at) -> str:
    return shown_district_name(at)


def _where(query: str, lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    return sep.join(t("town_place_where", lang, chome=c.name(lang), district=district_by_id(c.district).name(lang))
                    for c in find(query).matches)


@pytest.mark.parametrize(("query", "lang"), [("東京タワー", "ja"), ("Tokyo Tower", "en"), ("东京塔", "zh")])
def test_a_landmark_names_its_chome_and_selects_the_district(run_app, query: str, lang: str) -> None:
    expected = find(query)
    at = run_app(lang=lang)
    at.text_input[0].input(query).run()
    assert not at.exception
    assert expected.district is not None
    assert heading(at) == district_by_id(expected.district).name(lang)
    assert _where(query, lang) in at.success[0].value.replace("\\", "")


def test_a_station_in_two_districts_lists_both_and_selects_none(run_app) -> None:
    at = run_app(lang="zh")
    at.text_input[0].input("品川站").run()
    assert not at.exception
    message = at.info[0].value.replace("\\", "")
    assert t("place_station", "zh", name="品川") in message
    for c in find("品川站").matches:
        assert c.name("zh") in message
    assert heading(at) == t("whole_ward", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_another_ward_is_outside_minato_in_the_view_language(run_app, lang: str) -> None:
    result = find("shibuya")
    place = (result.outside.name_en or result.place) if lang == "en" else result.place
    at = run_app(lang=lang)
    at.text_input[0].input("shibuya").run()
    assert not at.exception
    assert [i.value for i in at.info] == [md_escape(t("town_outside", lang, query="shibuya", place=place))]


@pytest.mark.parametrize("lang", LANGS)
def test_a_miss_suggests_names_gives_examples_and_points_to_the_map(run_app, lang: str) -> None:
    result = find("ropongi")
    labels = [s.en if lang == "en" else s.ja for s in result.suggestions]
    assert labels, "the typo has suggestions"
    at = run_app(lang=lang)
    at.text_input[0].input("ropongi").run()
    assert not at.exception
    info = at.info[0].value
    assert md_escape(t("town_try", lang)) in info and "ropongi" in info
    assert [b.label for b in at.button if b.key and b.key.startswith("town_suggestion_")] == labels
    at.button(key="town_suggestion_0").click().run()
    chosen = find(labels[0])
    assert chosen.district is not None
    assert heading(at) == district_by_id(chosen.district).name(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_examples_in_the_hint_are_found(lang: str) -> None:
    examples = re.findall(r"[「“](.+?)[」”]", t("town_try", lang))
    assert len(examples) == 2
    for example in examples:
        assert find(example).matches, example


def test_an_area_name_lists_its_towns_as_buttons_and_selects_their_district(run_app) -> None:
    result = find("青山")
    names = [s.ja for s in result.suggestions]
    assert len(names) >= 2 and result.district is not None
    at = run_app(lang="ja")
    at.text_input[0].input("青山").run()
    assert not at.exception
    assert at.info[0].value == md_escape(t("town_area", "ja", query="青山", names="、".join(names)))
    assert [b.label for b in at.button if b.key and b.key.startswith("town_suggestion_")] == names
    assert heading(at) == district_by_id(result.district).name("ja")


@pytest.mark.parametrize(("query", "lang"), [("麻布地区", "ja"), ("Shibaura-Konan district", "en"), ("高轮地区", "zh")])
def test_a_district_name_selects_the_district(run_app, query: str, lang: str) -> None:
    from atlas.district_names import district_search_names

    result = find(query, district_search_names())
    assert result.district_named and result.district is not None
    at = run_app(lang=lang)
    at.text_input[0].input(query).run()
    assert not at.exception
    name = district_by_id(result.district).name(lang)
    assert heading(at) == name
    assert at.success[0].value == md_escape(t("town_district", lang, district=name))
