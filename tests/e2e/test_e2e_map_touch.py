"""The resident map on a 390×844 touch screen (issue 18): a tap selects a district and leaves no tooltip over the
map; the map's symbols (office circle, selected outline) have a legend in the view's language."""

from __future__ import annotations

import re

import pytest
from a11y import load
from harness import click_target, wait_map_ready, wait_view_settled
from playwright.sync_api import BrowserContext, expect

from atlas.i18n import t
from geo.layers import district_shapes

pytestmark = pytest.mark.e2e

OPEN_TOOLTIPS = "() => document.querySelectorAll('.leaflet-tooltip').length"


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_a_tap_selects_and_closes_its_tooltip_and_the_legend_names_the_symbols(phone: BrowserContext, base_url: str,
                                                                              lang: str) -> None:
    page = phone.new_page()
    load(page, f"{base_url}/?lang={lang}")
    frame = wait_map_ready(page)
    page.locator('iframe[src*="/component/components.leaflet_map.map/"]').scroll_into_view_if_needed()
    wait_view_settled(frame)
    x, y = click_target(page, frame, district_shapes()["akasaka"])
    page.touchscreen.tap(x, y)
    expect(page).to_have_url(re.compile(r"[?&]district=akasaka(&|#|$)"), timeout=15_000)
    frame.wait_for_function(OPEN_TOOLTIPS + " === 0", timeout=5_000)  # closed after the tap, not left open
    legend = frame.locator(".symbol-legend")
    expect(legend).to_contain_text(t("branch_office_heading", lang))
    expect(legend).to_contain_text(t("map_legend_selected", lang))
    assert legend.locator("svg circle").count() == 1  # the same symbol as the office marker
    wait_view_settled(frame)
    assert frame.evaluate(OPEN_TOOLTIPS) == 0
