"""The town search on a phone (390×844, touch) in headless Chromium: places, and a miss's suggestion tapped."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from a11y import PHONE
from harness import MAIN
from playwright.sync_api import Browser, Page, expect

from atlas.i18n import LANGS, t
from geo.find import find

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser: Browser, app_server) -> Iterator[Page]:
    ctx = browser.new_context(viewport=PHONE, has_touch=True, locale="en-GB")
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    yield page
    ctx.close()


def _search(page: Page, base_url: str, lang: str, query: str) -> None:
    page.goto(f"{base_url}/?lang={lang}")
    box = page.get_by_role("textbox", name=t("town_search", lang))
    box.fill(query)
    box.press("Enter")


@pytest.mark.parametrize("lang", LANGS)
def test_a_landmark_selects_its_district_on_a_phone(phone: Page, base_url: str, lang: str) -> None:
    result = find("東京タワー")
    _search(phone, base_url, lang, "東京タワー")
    expect(phone).to_have_url(re.compile(rf"[?&]district={result.district}(&|#|$)"), timeout=30_000)
    alert = phone.locator(MAIN).locator('[data-testid="stAlert"]').filter(has_text=result.chome.name(lang))
    expect(alert.first).to_be_visible()


def test_a_tapped_suggestion_selects_its_district(phone: Page, base_url: str) -> None:
    result = find("ropongi")
    first = result.suggestions[0]
    chosen = find(first.ja)
    _search(phone, base_url, "ja", "ropongi")
    button = phone.locator(".st-key-town_suggestion_0 button")
    expect(button).to_have_text(first.ja, timeout=30_000)
    button.tap()
    expect(phone).to_have_url(re.compile(rf"[?&]district={chosen.district}(&|#|$)"), timeout=30_000)
