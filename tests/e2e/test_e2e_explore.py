"""Issue 20 in headless Chromium: a copied /compare link restores the view; Plotly on /compare only, when asked for
(issue 21); the folium map download draws its paths with the network blocked."""

from __future__ import annotations

import re

import pytest
from a11y import axe_violations
from harness import MAIN, wait_layout_stable, wait_map_ready, wait_script_idle
from playwright.sync_api import Browser, Frame, Page, expect

from atlas.i18n import t
from atlas.indicators import definition, indicator_ids
from geo.layers import chome_list

pytestmark = pytest.mark.e2e

LANG = "en"
CHOME_ID = next(i for i in indicator_ids() if "chome" in definition(i).levels)
CHOME_ON_MAP = ("() => { const c = window.MinatoMap.compare; "
                "return c.map.hasLayer(c.chome) && !c.map.hasLayer(c.districts); }")


def query(key: str, value: str) -> re.Pattern[str]:
    return re.compile(rf"[?&]{re.escape(key)}={re.escape(value)}(&|#|$)")


def expect_view(page: Page, frame: Frame) -> None:
    """Chome level chosen and drawn, the branch offices layer on."""
    main = page.locator(MAIN)
    level = main.get_by_role("radiogroup", name=t("map_level", LANG))
    expect(level.get_by_role("radio", name=t("level_chome", LANG))).to_be_checked()
    expect(main.get_by_role("checkbox", name=t("layer_offices", LANG))).to_be_checked()
    expect(main.get_by_role("checkbox", name=t("layer_shelters", LANG))).not_to_be_checked()
    frame.wait_for_function(CHOME_ON_MAP, timeout=15_000)


def test_a_copied_link_restores_level_and_layers(page: Page, base_url: str, browser: Browser) -> None:
    page.goto(f"{base_url}/compare?lang={LANG}&indicator={CHOME_ID}")
    frame = wait_map_ready(page)
    main = page.locator(MAIN)
    main.get_by_role("radiogroup", name=t("map_level", LANG)).get_by_text(t("level_chome", LANG), exact=True).click()
    expect(page).to_have_url(query("level", "chome"))
    main.get_by_text(t("layer_offices", LANG), exact=True).click()
    expect(page).to_have_url(query("layers", "offices"))
    expect_view(page, frame)
    link = page.url

    context = browser.new_context()  # another person's browser: nothing shared but the link
    try:
        other = context.new_page()
        other.goto(link)
        expect_view(other, wait_map_ready(other))
        expect(other).to_have_url(query("indicator", CHOME_ID))
    finally:
        context.close()


STREAMLIT_FULLSCREEN = "Fullscreen"  # Streamlit adds this button itself, untranslated (1.67): not ours to change
PLOTLY_CHUNK = re.compile(r"/static/js/PlotlyChart[^/]*\.js$")


def test_plotly_on_compare_when_asked_and_never_on_the_map_page(page: Page, base_url: str) -> None:
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: fetched.append((r.url, (r.sizes() or {}).get("responseBodySize", 0))))
    page.goto(f"{base_url}/?lang={LANG}")
    wait_map_ready(page)
    page.locator(MAIN).get_by_role("radiogroup", name=t("district_select", LANG)).wait_for()  # the map page whole
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    assert not [u for u, _ in fetched if PLOTLY_CHUNK.search(u)], "the map page fetched Plotly"

    page.goto(f"{base_url}/compare?lang={LANG}")
    frame = wait_map_ready(page)
    toggle = page.locator(MAIN).get_by_text(t("explore_toggle", LANG), exact=True)
    toggle.wait_for()
    wait_script_idle(page)
    assert not [u for u, _ in fetched if PLOTLY_CHUNK.search(u)], "/compare fetched Plotly before it was asked for"
    toggle.click()
    charts = page.locator(f"{MAIN} .js-plotly-plot")
    expect(charts).to_have_count(2, timeout=30_000)  # the time series and the scatter
    assert frame.evaluate("() => !!window.MinatoMap.compare.map")
    assert [u for u, _ in fetched if PLOTLY_CHUNK.search(u)], "Plotly's chunk was not fetched on /compare"
    series = charts.first
    expect(series.locator(".legendtext")).to_have_count(6)  # five districts and the ward
    expect(series.locator(".modebar-btn[data-title]").first).to_be_attached()  # the mode bar (PNG export)


def test_downloaded_map_draws_its_paths_with_the_network_blocked(page: Page, base_url: str, browser: Browser,
                                                                  tmp_path) -> None:
    page.goto(f"{base_url}/compare?lang={LANG}&indicator={CHOME_ID}&level=chome&explore=1")
    wait_map_ready(page)
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2, timeout=30_000)  # the page's last run is in
    wait_layout_stable(page, MAIN, quiet_ms=400)
    button = page.locator(MAIN).get_by_role("button", name=t("download_map_html", LANG))
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / "map.html"
    info.value.save_as(saved)

    context = browser.new_context()
    blocked: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    try:
        context.route("**/*", only_files)
        offline = context.new_page()
        errors: list[str] = []
        offline.on("pageerror", lambda e: errors.append(str(e)))
        offline.goto(saved.as_uri())
        paths = offline.locator(".leaflet-overlay-pane path")
        expect(paths).to_have_count(len(chome_list()), timeout=15_000)  # one path per land chome
        box = offline.locator(".leaflet-overlay-pane svg").bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100
        expect(offline.get_by_text(t("travel_sources", LANG), exact=True)).to_be_visible()
        assert errors == [] and blocked == [], (errors, blocked)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_compare_with_its_charts_is_axe_clean(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/compare?lang={lang}&level=chome&indicator={CHOME_ID}&x=census_density&y=census_households")
    wait_map_ready(page)
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2, timeout=30_000)
    wait_layout_stable(page, MAIN, quiet_ms=400)
    assert axe_violations(page) == {}
    series = page.locator(f"{MAIN} .js-plotly-plot").first  # one language per view: the mode bar and the dates
    titles = series.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    english = [x for x in titles if x and re.search("[A-Za-z]{4}", x) and x != STREAMLIT_FULLSCREEN]
    assert t("plotly_download_png", lang) in titles and not english, titles
    ticks = series.locator(".xtick text").all_text_contents()  # SVG text: no innerText
    assert ticks and all("年" in x for x in ticks), ticks

