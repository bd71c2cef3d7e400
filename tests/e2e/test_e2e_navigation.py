"""The page bar (components/navigation.py) in Chromium at 390 x 844 and 1440 x 900 in ja/en/zh: on top of every
page in one row within the first screen, every page in order, the current one marked ``aria-current="page"``,
reached by Tab right after the language switch and before the page's own controls, and it keeps the view."""

from __future__ import annotations

import re

import pytest
from a11y import DESKTOP, LANGS, PHONE, PICKER, load
from harness import MAIN, wait_script_idle
from playwright.sync_api import Page, expect

from atlas.i18n import t
from components.navigation import NAV_KEY, PAGES

pytestmark = pytest.mark.e2e

BAR = f".st-key-{NAV_KEY}"
URL_PATHS = {name: path for name, (_script, _title, _icon, path) in PAGES.items()}
BAR_PAGES = [name for name in PAGES if name != "present"]  # /present is full screen: its slides hide the bar
ITEMS_JS = """(bar) => Array.from(document.querySelector(bar).querySelectorAll('a, [aria-current]')).map(el => {
  const r = el.getBoundingClientRect();
  return {text: el.textContent.trim(), tag: el.tagName.toLowerCase(), current: el.getAttribute('aria-current'),
          href: el.getAttribute('href'), x: r.x, y: r.y, w: r.width, h: r.height};
})"""
FOCUS_JS = """() => { const el = document.activeElement;
  return {text: (el.textContent || '').trim(), inBar: !!el.closest('.st-key-page_nav'),
          lang: !!el.closest('.st-key-lang_top'), testid: el.getAttribute('data-testid') || ''}; }"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390x844", "1440x900"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_starts_with_the_page_bar(make_page, base_url: str, lang: str, viewport) -> None:
    page = make_page(viewport)
    names = [t(f"nav_bar_{name}", lang) for name in PAGES]
    for current in BAR_PAGES:
        load(page, f"{base_url}/{URL_PATHS[current]}?lang={lang}&district=azabu")
        items = page.evaluate(ITEMS_JS, BAR)
        where = f"/{URL_PATHS[current]} {lang} {viewport['width']}px"
        assert [item["text"] for item in items] == names, where
        marked = [item for item in items if item["current"] == "page"]
        assert [item["text"] for item in marked] == [t(f"nav_bar_{current}", lang)], where
        assert marked[0]["tag"] != "a", f"{where}: the current page links to itself"
        for name, item in zip(PAGES, items, strict=True):
            if name != current:
                assert item["tag"] == "a" and item["href"] is not None, (where, item)
                assert f"lang={lang}" in item["href"] and "district=azabu" in item["href"], (where, item)
            assert item["w"] >= 44 and item["h"] >= 44, (where, item)
            assert item["x"] >= 0 and item["x"] + item["w"] <= viewport["width"], f"{where}: off screen {item}"
        tops = {round(item["y"]) for item in items}
        assert len(tops) == 1, f"{where}: the bar is not one row: {tops}"
        assert 0 < tops.pop() < 0.25 * viewport["height"], f"{where}: the bar is not at the top"
        h1 = page.locator(MAIN).locator("h1").first.bounding_box()
        assert h1 is not None and h1["y"] > items[0]["y"], f"{where}: the bar is not above the page's heading"


def test_present_hides_the_bar_and_keeps_its_way_out(page: Page, base_url: str) -> None:
    """The slides hide the page bar; their own bar's menu leads out (and so does Escape: test_e2e_present.py)."""
    load(page, f"{base_url}/present?lang=en&district=azabu")
    expect(page.locator(BAR)).to_be_hidden()
    page.locator(".st-key-slide_menu button").click()
    exit_link = page.locator('[data-testid="stPopoverBody"]').get_by_role("link", name=t("slide_exit", "en"))
    expect(exit_link).to_be_visible()
    exit_link.click()
    expect(page).not_to_have_url(re.compile(r"/present"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390x844", "1440x900"])
def test_tab_reaches_the_bar_in_order_then_the_picker(make_page, base_url: str, viewport) -> None:
    page = make_page(viewport)
    load(page, f"{base_url}/?lang=en&district=azabu")
    page.locator(PICKER).first.wait_for(state="attached")  # radio inputs are visually hidden: their labels show
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", PICKER):
            break
        seen.append(page.evaluate(FOCUS_JS))
    else:
        pytest.fail(f"the picker was not reached in 20 Tab presses: {seen}")
    bar = [stop["text"] for stop in seen if stop["inBar"]]
    assert bar == [t(f"nav_bar_{name}", "en") for name in PAGES if name != "map"], seen
    first_bar = next(i for i, stop in enumerate(seen) if stop["inBar"])
    assert seen[first_bar - 1]["lang"], f"the language switch does not come right before the bar: {seen}"
    assert all(stop["inBar"] for stop in seen[first_bar:]), f"other stops between the bar and the picker: {seen}"
    assert first_bar <= 3, f"stops before the language switch and the bar: {seen}"  # skip link, menu, language


def test_the_bar_opens_a_page_by_keyboard_and_keeps_the_view(page: Page, base_url: str) -> None:
    load(page, f"{base_url}/?lang=zh&district=takanawa")
    link = page.locator(BAR).get_by_role("link", name=t("nav_bar_compare", "zh"), exact=True)
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/compare\?"))
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]district=takanawa(&|$)"))
    wait_script_idle(page)
    expect(page.locator(BAR).locator('[aria-current="page"]')).to_have_text(t("nav_bar_compare", "zh"))
