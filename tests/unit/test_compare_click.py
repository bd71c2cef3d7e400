"""The caption under the compare map after a click: every value under its own area's name, at each map level."""

from __future__ import annotations

import pytest
from shapely import Point, union_all

from atlas.compare import IndicatorView, click_caption, registry_view, upload_views
from atlas.districts import districts
from atlas.i18n import LANGS, t
from atlas.indicators import area_name, definitions
from atlas.upload import parse_upload
from geo.layers import Chome, chome_list, district_shapes
from geo.lookup import Location, locate

CHOME_INDICATORS = [d.id for d in definitions() if "chome" in d.levels]
DISTRICT_ONLY = [d.id for d in definitions() if "chome" not in d.levels]


def clicked(chome: Chome) -> Location:
    """What a click inside ``chome`` locates (a point certainly inside it)."""
    point = chome.geometry.representative_point()
    hit = locate(point.y, point.x)
    assert hit.chome == chome, chome.name_ja
    return hit


def one_chome_per_district() -> list[Chome]:
    return [max((c for c in chome_list() if c.district == d.id), key=lambda c: c.geometry.area) for d in districts()]


def district_part(view: IndicatorView, slug: str, lang: str) -> str:
    return t("selected_value", lang, area=area_name(slug, lang), value=view.format(view.district.get(slug)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ind_id", CHOME_INDICATORS)
def test_district_level_names_the_district_and_the_chome_each_with_its_own_value(ind_id: str, lang: str) -> None:
    view = registry_view(ind_id, lang)
    for chome in one_chome_per_district():
        caption = click_caption(view, "district", clicked(chome), lang)
        expected = t("selected_value_with_chome", lang, area=area_name(chome.district, lang),
                     value=view.format(view.district[chome.district]), chome=chome.name(lang),
                     chome_value=view.format(view.chome[chome.key_code]))
        assert caption == expected
        wrong = t("selected_value", lang, area=chome.name(lang), value=view.format(view.district[chome.district]))
        assert wrong not in caption, "the district's value under the chome's name"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ind_id", CHOME_INDICATORS)
def test_chome_level_names_the_chome_with_its_value(ind_id: str, lang: str) -> None:
    view = registry_view(ind_id, lang)
    for chome in one_chome_per_district():
        caption = click_caption(view, "chome", clicked(chome), lang)
        chome_value = view.format(view.chome[chome.key_code])
        assert caption == t("selected_value", lang, area=chome.name(lang), value=chome_value)
        district_value = view.format(view.district[chome.district])
        assert district_value == chome_value or district_value not in caption


def test_higashi_azabu_2_chome_is_not_given_azabus_density() -> None:
    """Issue 17, item 6: at the district level a click there said 「東麻布二丁目：<Azabu's density>」."""
    view = registry_view("census_density", "ja")
    chome = next(c for c in chome_list() if c.name_ja == "東麻布二丁目")
    hit = clicked(chome)
    assert view.format(view.district["azabu"]) != view.format(view.chome[chome.key_code])  # the bug was visible
    district_caption = click_caption(view, "district", hit, "ja")
    assert district_caption.startswith(district_part(view, "azabu", "ja"))
    assert f"東麻布二丁目：{view.format(view.chome[chome.key_code])}" in district_caption
    assert f"東麻布二丁目：{view.format(view.district['azabu'])}" not in district_caption
    assert click_caption(view, "chome", hit, "ja") == f"東麻布二丁目：{view.format(view.chome[chome.key_code])}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ind_id", DISTRICT_ONLY)
def test_district_only_indicator_names_the_district_alone(ind_id: str, lang: str) -> None:
    view = registry_view(ind_id, lang)
    for chome in one_chome_per_district():
        assert click_caption(view, "district", clicked(chome), lang) == district_part(view, chome.district, lang)


def test_click_on_filled_water_names_the_district_at_district_level_only() -> None:
    """Canal water inside a district's display polygon belongs to no chome."""
    land = union_all([c.geometry for c in chome_list()])
    slug, water = next((s, shape.difference(land).buffer(-1e-5)) for s, shape in district_shapes().items()
                       if not shape.difference(land).buffer(-1e-5).is_empty)
    point = water.representative_point()
    hit = locate(point.y, point.x)
    assert hit == Location(slug, None)
    view = registry_view("census_density", "en")
    assert click_caption(view, "district", hit, "en") == district_part(view, slug, "en")
    assert click_caption(view, "chome", hit, "en") is None


def test_click_outside_the_ward_says_nothing() -> None:
    outside = locate(35.60, 139.85)
    assert not union_all(list(district_shapes().values())).contains(Point(139.85, 35.60))
    for level in ("district", "chome"):
        assert click_caption(registry_view("census_density", "en"), level, outside, "en") is None
        assert click_caption(registry_view("census_density", "en"), level, None, "en") is None


def test_chome_upload_at_district_level_shows_no_district_value_under_a_chome_name() -> None:
    chome = one_chome_per_district()[0]
    data = f"町丁目,値\n{chome.name_ja},42\n".encode()
    (view,) = upload_views(parse_upload(data, "x.csv"), "en")
    hit = clicked(chome)
    assert click_caption(view, "chome", hit, "en") == t("selected_value", "en", area=chome.name("en"),
                                                        value=view.format(42.0))
    district_caption = click_caption(view, "district", hit, "en")
    assert district_caption == t("selected_value_with_chome", "en", area=area_name(chome.district, "en"),
                                 value=view.format(None), chome=chome.name("en"), chome_value=view.format(42.0))
