"""Printing the map page and /compare on A4 (static/app.css ``@media print``), in ja/en/zh, in Chromium.

Two checks per page. Laid out for print at the width of an A4 page inside its 12 mm margins (print media
emulated, so the element boxes are the printed ones): no app chrome or language pills, the map as wide as the
page and refitted to it, and nothing we must read (the slogan and the office address; the ranking) under the map
frame. Then ``page.pdf`` (A4 from the stylesheet's ``@page``): the first page's text, read back by ``pdftotext``,
holds the slogan and the address, and the document holds the source lines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from a11y import LANGS, load
from harness import MAP_IFRAME, wait_map_ready, wait_script_idle
from playwright.sync_api import Page

from atlas.content import plan_content
from atlas.i18n import t
from atlas.offices import branch_office
from components.navigation import PAGES

pytestmark = pytest.mark.e2e

DISTRICT = "azabu"
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # 186 mm of A4 width inside the @page margins, in CSS px
CHROME = (".st-key-lang_top", ".st-key-page_nav", '[data-testid="stHeader"]', ".st-key-view_pickers")
RECT_JS = "(el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"


def squeeze(text: str) -> str:
    """``text`` without whitespace and hyphens (pdftotext breaks lines inside CJK and English text alike, and
    joins a word hyphenated at a line end: jp-shelter-⏎api reads "jp-shelterapi")."""
    return re.sub(r"[\s-]+", "", text)


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def print_layout(page: Page) -> None:
    """Lay the page out as Chromium prints it on A4 (print media, the page's printable width)."""
    size = page.viewport_size
    assert size is not None
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": size["height"]})
    page.emulate_media(media="print")


def pdf_text(page: Page, tmp_path: Path, name: str) -> tuple[str, str]:
    """(first page's text, whole document's text) of the page printed as PDF."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; `make test` installs it")
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)

    def text(*pages: str) -> str:
        return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True,
                              text=True, check=True).stdout

    return text("-f", "1", "-l", "1"), text()


def assert_no_chrome(page: Page) -> None:
    for selector in CHROME:
        shown = page.evaluate("(sel) => Array.from(document.querySelectorAll(sel)).filter(el =>"
                              " el.getClientRects().length > 0).length", selector)
        assert shown == 0, f"{selector} is printed"


def assert_map_fills_the_width(page: Page) -> list[float]:
    iframe = page.locator(MAP_IFRAME)
    box = iframe.evaluate(RECT_JS)
    assert box[2] - box[0] >= A4_CONTENT_PX - 2, f"map frame {box[2] - box[0]:.0f} px wide on a {A4_CONTENT_PX} px page"
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    # The frame refits to its printed size (static/districts_map.js): Leaflet measures the new size.
    frame.wait_for_function("([w, h]) => { const s = window.map_div.getSize(); return Math.abs(s.x - w) < 2"
                            " && Math.abs(s.y - h) < 2; }", arg=[box[2] - box[0], box[3] - box[1]], timeout=5_000)
    return box


def assert_sources_printed(page: Page, text: str, lang: str) -> None:
    """Every source line the printed layout shows (folded ones unfolded) is in the PDF's text."""
    prefix = t("source_label", lang, title="\0", publisher="", date="").split("\0")[0]
    lines = page.evaluate("""(prefix) => Array.from(document.querySelectorAll(
        '[data-testid="stCaptionContainer"] a, .source-lines a'))
        .filter(a => a.getClientRects().length > 0 && a.textContent.startsWith(prefix)).map(a => a.textContent)""",
                          prefix)
    assert lines, f"no source line in the printed layout ({lang})"
    missing = [line for line in lines if squeeze(line) not in squeeze(text)]
    assert not missing, f"source lines not in the PDF ({lang}): {missing}"


def assert_no_chrome_text(text: str, lang: str) -> None:
    """Neither the language pills nor the page bar are in the PDF's text (their names in a row)."""
    pills = "".join(t("language_name", code) for code in LANGS)
    bar = "".join(t(f"nav_bar_{name}", lang) for name in PAGES)
    assert squeeze(pills) not in squeeze(text), f"the language pills are printed ({lang})"
    assert squeeze(bar) not in squeeze(text), f"the page bar is printed ({lang})"


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_page_prints_its_summary_clear_of_the_map(page: Page, base_url: str, tmp_path: Path,
                                                           lang: str) -> None:
    load(page, f"{base_url}/?district={DISTRICT}&lang={lang}")
    wait_map_ready(page)
    page.locator("#key-figures").wait_for()  # the rest of the page has come (components/map_first.py)
    wait_script_idle(page)
    slogan = plan_content().district(DISTRICT).slogan.shown(lang)
    office = branch_office(DISTRICT)
    assert office is not None
    summary = page.locator(".st-key-district_summary")

    print_layout(page)
    assert_no_chrome(page)
    map_box = assert_map_fills_the_width(page)
    for what, locator in (("slogan", summary.locator("blockquote")),
                          ("address", summary.get_by_text(office.address_ja, exact=False))):
        box = locator.first.evaluate(RECT_JS)
        assert box[3] > box[1], f"the {what} is not printed"
        assert not overlap(box, map_box), f"the map frame {map_box} covers the {what} {box} ({lang})"

    first, whole = pdf_text(page, tmp_path, f"map-{lang}")
    assert squeeze(slogan) in squeeze(first), f"slogan not on the first printed page ({lang}):\n{first}"
    assert squeeze(office.address_ja) in squeeze(first), f"address not on the first printed page ({lang})"
    assert_sources_printed(page, whole, lang)
    assert_no_chrome_text(whole, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_compare_prints_the_ranking_clear_of_the_map(page: Page, base_url: str, tmp_path: Path, lang: str) -> None:
    load(page, f"{base_url}/compare?lang={lang}")
    wait_map_ready(page)
    ranking = page.locator(".chart-box svg").first
    ranking.wait_for()
    wait_script_idle(page)
    title = ranking.locator("title").first.text_content() or ""

    print_layout(page)
    assert_no_chrome(page)
    map_box = assert_map_fills_the_width(page)
    box = ranking.evaluate(RECT_JS)
    assert box[3] > box[1], "the ranking is not printed"
    assert not overlap(box, map_box), f"the map frame {map_box} covers the ranking {box} ({lang})"

    _first, whole = pdf_text(page, tmp_path, f"compare-{lang}")
    assert title and squeeze(t("ranking_heading", lang)) in squeeze(whole), f"ranking heading not printed ({lang})"
    assert_sources_printed(page, whole, lang)
    assert_no_chrome_text(whole, lang)
