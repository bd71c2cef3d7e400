"""Language of passages and phone-width data tables (issue 18) in Chromium.

In the en and zh views the office's Japanese address, a chome name and the Japanese credit lines sit inside an
element with ``lang="ja"`` (components/markdown.py: ``in_lang``, ``ja_runs``), which Streamlit's Markdown keeps;
the English address form shows where a source gives one. At 390×844 the "show data" tables scroll sideways inside
their own box, never the page (static/app.css), in ja, en and zh.
"""

from __future__ import annotations

import re

import pytest
from a11y import DESKTOP, PHONE, load
from harness import MAIN, open_fold, wait_map_ready, wait_script_idle
from playwright.sync_api import Browser, BrowserContext, expect

from atlas.districts import districts
from atlas.i18n import t
from atlas.office_contacts import english_address
from atlas.offices import branch_office
from atlas.sources import sources
from geo.layers import chome_list

pytestmark = pytest.mark.e2e

OFFICE_CARD = f"{MAIN} .office-card"
DISTRICT_WITH_EN = next(d.id for d in districts() if english_address(branch_office(d.id)))
DISTRICT_WITHOUT_EN = next(d.id for d in districts() if not english_address(branch_office(d.id)))


def ja_spans(page, selector: str) -> list[str]:
    """Texts of the elements marked lang="ja" inside ``selector`` (the page's own <html lang> excluded)."""
    return page.locator(selector).first.evaluate(
        "el => [...el.querySelectorAll('[lang=\"ja\"]')].map(e => e.textContent)")


@pytest.mark.parametrize("view", ["en", "zh"])
def test_the_office_address_and_credit_lines_are_marked_japanese(phone: BrowserContext, base_url: str,
                                                                 view: str) -> None:
    page = phone.new_page()
    load(page, f"{base_url}/?district={DISTRICT_WITH_EN}&lang={view}")
    office = branch_office(DISTRICT_WITH_EN)
    card = page.locator(OFFICE_CARD)
    expect(card).to_contain_text(office.address_ja)
    assert office.address_ja in ja_spans(page, OFFICE_CARD)  # the address, a chome name in it, read as Japanese
    assert page.evaluate("() => document.documentElement.lang").startswith(view)  # the rest: the view's
    credit = sources()["estat-boundaries-2020"].credit
    marked = page.locator(f'{MAIN} [data-testid="stCaptionContainer"] [lang="ja"]').all_inner_texts()
    assert credit in marked, marked
    frame = wait_map_ready(page)  # the map frame keeps the mark on its credit line
    expect(frame.locator('.leaflet-control-attribution [lang="ja"]', has_text=credit)).to_have_count(1)
    english = english_address(office)
    if view == "en":
        expect(card).to_contain_text(f"{t('office_address_en', 'en')}: {english.value}")
        src = sources()[english.source]
        expect(page.locator(f'{MAIN} a[href="{src.url}"]').first).to_be_attached()
    else:
        expect(card).not_to_contain_text(english.value)


def test_an_office_without_an_english_address_says_so(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    load(page, f"{base_url}/?district={DISTRICT_WITHOUT_EN}&lang=en")
    expect(page.locator(OFFICE_CARD)).to_contain_text(
        f"{t('office_address_en', 'en')}: {t('office_not_found', 'en')}")
    assert branch_office(DISTRICT_WITHOUT_EN).address_ja in ja_spans(page, OFFICE_CARD)


def test_the_ja_view_marks_nothing(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    load(page, f"{base_url}/?district={DISTRICT_WITH_EN}&lang=ja")
    expect(page.locator(OFFICE_CARD)).to_contain_text(branch_office(DISTRICT_WITH_EN).address_ja)
    assert page.locator(f'{MAIN} [lang]').count() == 0


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390x844", "1440x900"])
@pytest.mark.parametrize("view", ["ja", "en", "zh"])
def test_open_data_tables_scroll_inside_their_box_not_the_page(browser: Browser, base_url: str, view: str,
                                                                size: dict[str, int]) -> None:
    ctx = browser.new_context(viewport=size, has_touch=size == PHONE, is_mobile=size == PHONE)
    ctx.set_default_timeout(20_000)
    try:
        page = ctx.new_page()
        load(page, f"{base_url}/?district={DISTRICT_WITH_EN}&lang={view}")
        folds = page.locator(f"{MAIN} details.fold").filter(
            has=page.locator("summary", has_text=re.compile(rf"^{re.escape(t('show_data', view))}$")))
        expect(folds.first).to_be_attached()  # the profile comes in the run after the map's (map_first.py)
        wait_script_idle(page)
        for i in range(folds.count()):
            open_fold(page, folds.nth(i))
        tables = page.locator(f"{MAIN} .table-box table")
        expect(tables.first).to_be_visible()
        sizes = page.evaluate(f"""() => {{
          const main = document.querySelector('{MAIN}');
          const boxes = [...main.querySelectorAll('.table-box table')].map(t => {{
            const box = t.parentElement, r = box.getBoundingClientRect();
            return {{table: t.scrollWidth, box: box.clientWidth, right: r.right,
                     overflow: getComputedStyle(box).overflowX}};
          }});
          return {{doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, main: main.scrollWidth,
                   mainClient: main.clientWidth, view: window.innerWidth, boxes}};
        }}""")
        assert sizes["doc"] <= sizes["view"] and sizes["body"] <= sizes["view"], sizes
        assert sizes["main"] <= sizes["mainClient"], sizes
        for box in sizes["boxes"]:
            assert box["right"] <= sizes["view"] + 0.5, box
            if box["table"] > box["box"]:  # wider than the phone: it scrolls inside its own box
                assert box["overflow"] in ("auto", "scroll"), box
    finally:
        ctx.close()


def test_a_chome_name_in_an_english_caption_is_marked_japanese(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    load(page, f"{base_url}/compare?lang=en")
    help_text = t("upload_help", "en")
    chome = next(c.name_ja for c in chome_list() if c.name_ja in help_text)  # the example chome the help names
    caption = page.locator(f'{MAIN} [data-testid="stCaptionContainer"]').filter(has_text=help_text[:20])
    expect(caption.locator('[lang="ja"]', has_text=chome)).to_have_count(1)
    marked = caption.first.evaluate("el => [...el.querySelectorAll('[lang=\"ja\"]')].map(e => e.textContent)")
    assert set(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", help_text)) == set(marked), marked
