"""Phones, keyboards and screen readers in Chromium: axe-core on every page and frame, Tab order, lang and
title, the phone's first screen, touch gestures over the map, and the slide keys on focused controls."""

from __future__ import annotations

import re

import pytest
from a11y import DESKTOP, LANGS, PAGES, PHONE, PICKER, axe_violations, load, tab_count_to, touch_swipe
from harness import (
    MAIN,
    MAP_IFRAME,
    candidate_points,
    visible_area,
    wait_map_ready,
    wait_script_idle,
    wait_view_settled,
)
from playwright.sync_api import Page, expect

from atlas.content import plan_content
from atlas.districts import district_by_id
from atlas.i18n import t
from components.page_meta import HTML_LANG
from geo.layers import district_shapes

pytestmark = pytest.mark.e2e

SLOGAN_SLUG = "akasaka"
ON_SCREEN_JS = """(selectors) => selectors.every(s => {
  const r = document.querySelector(s).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
})"""




@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440x900", "390x844"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation_on_any_page(make_context, base_url: str, lang: str, viewport) -> None:
    page = make_context(viewport).new_page()
    found = {}
    for path in PAGES:
        load(page, f"{base_url}/{path}?lang={lang}&district=azabu")
        if path == "":
            wait_map_ready(page)
        if violations := axe_violations(page):
            found[f"/{path}"] = violations
    assert found == {}, f"serious/critical axe violations ({lang}, {viewport}):\n{found}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440x900", "390x844"])
def test_the_picker_comes_right_after_the_language_switch_and_the_page_bar(make_context, base_url: str,
                                                                          viewport) -> None:
    """Skip link, header menu, language switch, the page bar's links (the current page is text), then the picker:
    the order is checked stop by stop in test_e2e_navigation.py."""
    page = make_context(viewport).new_page()
    load(page, f"{base_url}/?lang=ja")
    count = tab_count_to(page, PICKER, limit=30)
    bar_links = len(PAGES) - 1
    assert count is not None and count <= 4 + bar_links, f"{count} Tab presses to the district picker"


def test_the_map_is_one_tab_stop(page: Page, base_url: str) -> None:
    load(page, f"{base_url}/?lang=en")
    frame = wait_map_ready(page)
    stops = frame.evaluate("""() => Array.from(document.querySelectorAll('a[href], button, input, [tabindex]'))
        .filter(el => el.tabIndex >= 0 && !el.disabled).map(el => el.className.baseVal ?? el.className)""")
    assert len(stops) == 1 and "leaflet-container" in stops[0], stops
    assert frame.evaluate("() => window.map_div.getContainer().getAttribute('aria-label')") == t("map_label", "en")


def test_reset_control_returns_to_the_whole_ward(page: Page, base_url: str) -> None:
    load(page, f"{base_url}/?lang=en&district=shiba")
    frame = wait_map_ready(page)
    whole = "() => window.map_div.getBounds().contains(window.MinatoMap.districts.getBounds())"
    wait_script_idle(page)
    wait_view_settled(frame)
    assert not frame.evaluate(whole), "zoomed to Shiba: part of the ward should be out of view"
    reset = frame.locator(".map-reset")
    expect(reset).to_have_attribute("aria-label", t("map_reset", "en"))
    reset.click()
    frame.wait_for_function(whole)
    expect(page.locator(MAIN).locator("#selected-district")).to_have_text(re.compile(r"^\s*Shiba\s*$"))


def expect_meta(page: Page, lang: str, page_key: str, slug: str | None) -> None:
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[lang])
    area = district_by_id(slug).name(lang) if slug else t("whole_ward", lang)
    expect(page).to_have_title(re.compile(re.escape(t(page_key, lang)) + ".*" + re.escape(area)))


def test_lang_and_title_follow_the_view_through_reruns_and_page_switches(page: Page, base_url: str) -> None:
    load(page, f"{base_url}/?lang=zh&district=azabu")
    expect_meta(page, "zh", "nav_map", "azabu")
    page.locator(".st-key-lang_switch").get_by_text(t("language_name", "en"), exact=True).click()
    expect_meta(page, "en", "nav_map", "azabu")
    picker = page.locator(MAIN).get_by_role("radiogroup", name=t("district_select", "en"))
    picker.get_by_text(district_by_id("shiba").name("en"), exact=True).click()
    expect_meta(page, "en", "nav_map", "shiba")
    page.locator(MAIN).get_by_role("link", name=re.compile(re.escape(t("open_plan_page", "en")))).first.click()
    wait_script_idle(page)
    expect_meta(page, "en", "nav_plan", "shiba")
    page.locator(".st-key-lang_switch").get_by_text(t("language_name", "ja"), exact=True).click()
    expect_meta(page, "ja", "nav_plan", "shiba")


def in_viewport(page: Page, selector: str, height: int) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height + 1


def test_phone_first_screen_has_language_and_map(make_context, base_url: str) -> None:
    page = make_context(PHONE).new_page()
    load(page, f"{base_url}/?lang=ja")
    wait_map_ready(page)
    assert in_viewport(page, ".st-key-lang_switch", PHONE["height"]), "language switch below the first screen"
    assert in_viewport(page, MAP_IFRAME, PHONE["height"]), "map not wholly in the first screen"
    for option in page.locator(".st-key-lang_switch [data-testid='stRadioOption']").all():
        box = option.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, box
    map_box = page.locator(MAP_IFRAME).bounding_box()
    assert map_box is not None and map_box["height"] <= 0.46 * PHONE["height"], map_box


def main_scroll(page: Page) -> int:
    return page.evaluate("(sel) => document.querySelector(sel).scrollTop", MAIN)


def test_one_finger_scrolls_the_page_over_the_map(make_context, base_url: str) -> None:
    page = make_context(PHONE).new_page()
    load(page, f"{base_url}/?lang=en")
    frame = wait_map_ready(page)
    center = frame.evaluate("() => window.map_div.getCenter()")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    before = main_scroll(page)
    touch_swipe(page, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8, -300)
    page.wait_for_timeout(500)
    assert main_scroll(page) > before + 100, "a one-finger swipe over the map did not scroll the page"
    assert frame.evaluate("() => window.map_div.getCenter()") == center, "the map moved under one finger"
    assert frame.evaluate("() => window.map_div.touchZoom.enabled()"), "two fingers no longer zoom the map"


def test_tap_on_a_district_shows_its_name_and_slogan(make_context, base_url: str) -> None:
    page = make_context(PHONE).new_page()
    load(page, f"{base_url}/?lang=en")
    frame = wait_map_ready(page)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    spots = candidate_points(visible_area(frame, district_shapes()[SLOGAN_SLUG]))
    assert spots, "district not in the map view"
    box = page.locator(MAP_IFRAME).bounding_box()
    x, y = frame.evaluate("([lat, lng]) => { const p = window.map_div.latLngToContainerPoint([lat, lng]);"
                          " return [p.x, p.y]; }", [spots[0].y, spots[0].x])
    page.touchscreen.tap(box["x"] + x, box["y"] + y)
    name = district_by_id(SLOGAN_SLUG).name("en")
    expect(page.locator("#selected-district")).to_have_text(re.compile(rf"^\s*{re.escape(name)}\s*$"))
    slogan = page.locator(".st-key-district_summary blockquote")
    expect(slogan).to_contain_text(plan_content().district(SLOGAN_SLUG).slogan.shown("en")[:20])
    page.wait_for_function(ON_SCREEN_JS, arg=["#selected-district", ".st-key-district_summary blockquote"],
                           timeout=5_000)


def test_slide_keys_leave_focused_controls_their_meaning(page: Page, base_url: str) -> None:
    load(page, f"{base_url}/present?district=azabu&lang=en&slide=4")
    assert page.locator("iframe").count() == 0, "the key handler must run without a (tab-stop) frame"
    page.locator(".st-key-slide_prev button").focus()
    page.keyboard.press(" ")
    expect(page).to_have_url(re.compile(r"[?&]slide=3(&|#|$)"))  # Space pressed Previous, not Next
    wait_script_idle(page)
    page.locator(".st-key-slide_menu button").focus()  # the bar's menu: its folding section keeps its keys
    page.keyboard.press(" ")
    details = page.locator('[data-testid="stPopoverBody"] details').first
    details.locator("summary").focus()
    page.keyboard.press(" ")
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    expect(page).to_have_url(re.compile(r"[?&]slide=3(&|#|$)"))  # the section opened; the slide stayed
    page.keyboard.press("Escape")  # closes the menu, does not leave the slides
    expect(page.locator('[data-testid="stPopoverBody"]')).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/present\?.*[?&]?slide=3(&|#|$)"))
    page.locator(MAIN).locator(".slide-title").click()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]slide=4(&|#|$)"))
