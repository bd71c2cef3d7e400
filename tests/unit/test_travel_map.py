"""The offline folium map file (atlas/travel_map.py): inlined Leaflet, no CDN, legend, tooltips, credits, sources."""

from __future__ import annotations

import json
import re

import pytest

from atlas.compare import legend_title, registry_view
from atlas.i18n import t
from atlas.map_layers import BOUNDARY_SOURCE
from atlas.sources import sources
from atlas.travel_map import LEAFLET, layer_points, map_html
from geo.layers import chome_list

CHOME_ID = "census_density"


@pytest.fixture(scope="module")
def chome_page() -> str:
    return map_html(registry_view(CHOME_ID, "en"), "chome", "en", layer_points({"offices"}, "en")).decode("utf-8")


def test_leaflet_is_inlined_and_nothing_is_fetched(chome_page: str) -> None:
    assert (LEAFLET / "leaflet.js").read_text(encoding="utf-8")[:200] in chome_page
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?(https?:)?//", chome_page)
    assert not re.search(r"cdn\.jsdelivr|cdnjs|code\.jquery|bootstrapcdn|unpkg", chome_page)


def test_every_chome_has_its_tooltip_and_the_legend_its_title(chome_page: str) -> None:
    view = registry_view(CHOME_ID, "en")
    for c in chome_list()[:10]:
        shown = json.dumps(view.format(view.chome.get(c.key_code)))  # as folium writes it (\u00b2)
        assert f'"name": {json.dumps(c.name("en"))}, "value": {shown}' in chome_page
    assert chome_page.count('"area": "') == len(chome_list())
    assert legend_title(view, "en").replace("'", "&#x27;") in chome_page


def test_credit_lines_sources_and_language(chome_page: str) -> None:
    assert sources()[BOUNDARY_SOURCE].credit in chome_page
    assert t("travel_sources", "en") in chome_page and '<html lang="en">' in chome_page
    for sid in registry_view(CHOME_ID, "en").sources:
        assert sources()[sid].url in chome_page


def test_points_of_the_chosen_layers_only() -> None:
    assert {k for k, *_ in layer_points({"shelters"}, "en")} == {"shelter"}
    assert layer_points(set(), "en") == []


def test_an_uploaded_name_is_escaped() -> None:
    from atlas.compare import upload_views
    from atlas.upload import parse_upload

    data = "地区,<script>alert(1)</script>\n芝,1\n麻布,2\n".encode()
    (view, *_) = upload_views(parse_upload(data, "x.csv"), "ja")
    page = map_html(view, "district", "ja").decode("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
