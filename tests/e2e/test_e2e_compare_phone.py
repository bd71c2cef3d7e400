"""Issue 21 in headless Chromium on a 390 px phone: /compare's first visit fetches neither Plotly's chunk nor the
data grid's; its side-by-side table is one HTML table that scrolls inside its own box, axe-clean; the toggle brings
the two interactive charts (and only then Plotly's chunk) and puts ``explore=1`` in the URL."""

from __future__ import annotations

import re

import pytest
from a11y import axe_violations
from harness import MAIN, wait_layout_stable, wait_map_ready, wait_script_idle
from playwright.sync_api import BrowserContext, expect

from atlas.i18n import t
from atlas.indicators import indicator_ids

pytestmark = pytest.mark.e2e

LANG = "ja"
PLOTLY_CHUNK = re.compile(r"/static/js/PlotlyChart[^/]*\.js$")
GRID_CHUNKS = re.compile(r"/static/js/(DataFrame|arrowFormatUtils|recordbatch|reactJsonViewCompat)[^/]*\.js$")
TABLE = f"{MAIN} .compare-table table"

SIZES_JS = """() => {
  const box = document.querySelector('.compare-table'), table = box.querySelector('table');
  return {doc: document.documentElement.scrollWidth, view: window.innerWidth, table: table.scrollWidth,
          box: box.clientWidth, right: box.getBoundingClientRect().right, overflow: getComputedStyle(box).overflowX};
}"""


def test_first_visit_on_a_phone_has_the_table_and_no_plotly_or_grid_then_the_toggle(phone: BrowserContext,
                                                                                      base_url: str) -> None:
    page = phone.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(f"{base_url}/compare?lang={LANG}&district=azabu")
    wait_map_ready(page)
    table = page.locator(TABLE)
    expect(table).to_be_visible(timeout=30_000)
    wait_script_idle(page)
    wait_layout_stable(page, MAIN, quiet_ms=400)
    expect(table.locator("tbody tr")).to_have_count(6)  # five districts and the ward
    expect(table.locator("thead th")).to_have_count(len(indicator_ids()) + 3)  # name, indicators, two periods
    expect(table.locator('tr[aria-current="true"] th')).to_contain_text("▶")
    assert not [u for u in fetched if PLOTLY_CHUNK.search(u) or GRID_CHUNKS.search(u)], fetched
    expect(page.locator(f'{MAIN} .js-plotly-plot, {MAIN} [data-testid="stDataFrame"]')).to_have_count(0)

    sizes = page.evaluate(SIZES_JS)
    assert sizes["doc"] <= sizes["view"] and sizes["right"] <= sizes["view"] + 0.5, sizes  # the page keeps its width
    assert sizes["table"] > sizes["box"] and sizes["overflow"] == "auto", sizes  # the table scrolls in its box
    assert axe_violations(page) == {}

    page.locator(MAIN).get_by_text(t("explore_toggle", LANG), exact=True).click()
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2, timeout=30_000)
    expect(page).to_have_url(re.compile(r"[?&]explore=1(&|$)"))
    assert [u for u in fetched if PLOTLY_CHUNK.search(u)], "Plotly's chunk was not fetched after the toggle"
