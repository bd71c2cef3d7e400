"""Issue 21 in headless Chromium on a 390 px phone: the map page's district picker is a radio group. A first visit
fetches none of the selectbox's chunks (Streamlit's Radio chunk is there anyway, for the language switch); the six
choices wrap inside the screen as 44 px targets with the map still wholly in the first screen; arrow keys and a
tap choose a district, and the map, the heading and the URL follow."""

from __future__ import annotations

import re

import pytest
from a11y import PICKER, tab_count_to
from harness import H3, MAIN, MAP_IFRAME, wait_highlight, wait_layout_stable, wait_map_ready, wait_script_idle
from playwright.sync_api import BrowserContext, expect

from atlas.districts import district_by_id, districts
from atlas.i18n import t

pytestmark = pytest.mark.e2e

RADIO_CHUNK = re.compile(r"/static/js/Radio\.[^/]*\.js$")
SELECTBOX_CHUNKS = re.compile(
    r"/static/js/(Selectbox|useMenuTrigger|useSyncComboBoxEnterTargetFocus|useLoadMoreSentinel)\.[^/]*\.js$")

OPTIONS_JS = """() => [...document.querySelectorAll('.st-key-district_select label[data-testid="stRadioOption"]')]
  .map(el => { const r = el.getBoundingClientRect();
               return {text: el.innerText.trim(), left: r.left, right: r.right, width: r.width, height: r.height}; })"""


def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_a_phones_first_visit_has_a_radio_picker_and_no_selectbox_code(phone: BrowserContext, base_url: str,
                                                                       lang: str) -> None:
    page = phone.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(f"{base_url}/?district=azabu&lang={lang}")
    frame = wait_map_ready(page)
    picker = page.locator(MAIN).get_by_role("radiogroup", name=t("district_select", lang))
    expect(picker).to_be_visible(timeout=30_000)
    wait_script_idle(page)
    wait_layout_stable(page, MAIN, quiet_ms=400)

    assert [u for u in fetched if RADIO_CHUNK.search(u)], "no Radio chunk seen: the request log would prove nothing"
    assert not [u for u in fetched if SELECTBOX_CHUNKS.search(u)], sorted(u.rsplit("/", 1)[1] for u in fetched)
    expect(page.locator(f'{MAIN} [role="combobox"]')).to_have_count(0)

    names = [t("whole_ward_option", lang)] + [d.name(lang) for d in districts()]
    options = page.evaluate(OPTIONS_JS)
    assert [o["text"] for o in options] == names
    width = page.evaluate("() => window.innerWidth")
    for option in options:  # wrapped inside the screen, each a 44 px target
        assert min(option["width"], option["height"]) >= 44, option
        assert option["left"] >= 0 and option["right"] <= width, option
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    expect(picker.get_by_role("radio", name=district_by_id("azabu").name(lang), exact=True)).to_be_checked()
    map_box = page.locator(MAP_IFRAME).bounding_box()
    assert map_box is not None and map_box["y"] + map_box["height"] <= page.viewport_size["height"] + 1, map_box

    # Keyboard: Tab reaches the checked option; an arrow key chooses the next one.
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    assert tab_count_to(page, PICKER, limit=30) is not None, "Tab never reached the district picker"
    ordered = [d.id for d in districts()]
    after = ordered[ordered.index("azabu") + 1]
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(rf"[?&]district={after}(&|$)"), timeout=20_000)
    expect(page.locator(H3)).to_have_text(exact(district_by_id(after).name(lang)), timeout=20_000)
    wait_highlight(frame, after)
    wait_script_idle(page)

    # A tap on the whole ward: one tap, no list to open.
    picker.get_by_text(t("whole_ward_option", lang), exact=True).tap()
    expect(page.locator(H3)).to_have_text(exact(t("whole_ward", lang)), timeout=20_000)
    expect(page).not_to_have_url(re.compile(r"[?&]district="))
