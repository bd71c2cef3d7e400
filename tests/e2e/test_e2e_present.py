"""Presentation mode in headless Chromium: six slides that fit the screen, arrow keys, ?slide=, the PDF handout."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from harness import MAIN, wait_layout_stable, wait_script_idle
from playwright.sync_api import Browser, Page, expect

from atlas.content import plan_content
from atlas.districts import district_by_id, districts
from atlas.i18n import t
from atlas.slides import SLIDES

pytestmark = pytest.mark.e2e

DISTRICT = "azabu"
TOTAL = len(SLIDES)
TITLE = ".slide-title"

# In Streamlit 1.67 the element that scrolls is <section data-testid="stMain"> (overflow: auto); the document
# itself never scrolls. Both are measured, so a layout change that moves the scroller is caught too.
SCROLL_JS = """
(mainSel) => {
  const main = document.querySelector(mainSel), doc = document.scrollingElement;
  const size = el => ({scroll: el.scrollHeight, client: el.clientHeight, overflowY: getComputedStyle(el).overflowY});
  const scrollers = Array.from(document.querySelectorAll('*')).filter(el => {
    const o = getComputedStyle(el).overflowY;
    return (o === 'auto' || o === 'scroll') && el.scrollHeight > el.clientHeight + 2 && el.clientHeight > 0;
  }).map(el => (el.getAttribute('data-testid') || el.tagName) + ': ' + (el.scrollHeight - el.clientHeight) + ' px');
  return {main: size(main), doc: size(doc), scrollers: scrollers};
}
"""


def counter(lang: str, n: int) -> str:
    return t("slide_counter", lang, n=n, total=TOTAL)


def slide_titles(slug: str | None, lang: str) -> dict[int, str]:
    """The big title each slide shows (slide ids from atlas.slides, texts from the i18n table)."""
    name = district_by_id(slug).name(lang) if slug else t("whole_ward", lang)
    by_id = {
        "title": name,
        "aims": t("aims_heading", lang) if slug else t("priority_issues_heading", lang),
        "population": f"{t('slide_population', lang)} — {name}",
        "budget": t("slide_budget", lang),
        "indicators": f"{t('slide_indicators', lang)} — {name}",
        "take_part": t("slide_take_part", lang),
    }
    return {i + 1: by_id[s] for i, s in enumerate(SLIDES)}


def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[Callable[[int, int], Page]]:
    """Pages in their own context with the given viewport (closed after the test)."""
    contexts = []

    def make(width: int, height: int) -> Page:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        ctx.set_default_timeout(20_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def expect_slide(page: Page, lang: str, n: int, title: str) -> None:
    """Slide ``n`` is shown and drawn: counter, URL, title, script idle, layout settled."""
    main = page.locator(MAIN)
    expect(main.get_by_text(counter(lang, n), exact=True)).to_be_visible(timeout=15_000)
    expect(page).to_have_url(re.compile(rf"[?&]slide={n}(&|#|$)"))
    expect(main.locator(TITLE)).to_have_text(exact(title))
    wait_script_idle(page)
    if SLIDES[n - 1] in ("population", "budget"):
        chart = main.locator('.st-key-slide_chart svg.chart-svg[role="figure"]:visible')
        expect(chart).to_have_count(1)  # the wide or the narrow drawing, as the screen is
        box = chart.bounding_box()
        assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"], box
    wait_layout_stable(page)


def overflow(page: Page) -> str | None:
    """None if neither the main container nor the document scrolls, else what scrolls and by how much."""
    m = page.evaluate(SCROLL_JS, MAIN)
    assert m["main"]["overflowY"] in ("auto", "scroll"), f"stMain is no longer the scroll container: {m}"
    problems = []
    if m["main"]["scroll"] > m["main"]["client"] + 2:
        problems.append(f"stMain scrolls by {m['main']['scroll'] - m['main']['client']} px")
    if m["doc"]["scroll"] > m["doc"]["client"] + 2:
        problems.append(f"the document scrolls by {m['doc']['scroll'] - m['doc']['client']} px")
    if problems:
        return "; ".join(problems) + f" (scrolling elements: {m['scrollers']})"
    return None


def walk_slides(page: Page, slug: str | None, lang: str) -> list[str]:
    """From slide 1 to the last with the → key, checking each slide; returns the slides that scroll."""
    titles = slide_titles(slug, lang)
    viewport = page.viewport_size
    problems = []
    for n in range(1, TOTAL + 1):
        expect_slide(page, lang, n, titles[n])
        where = f"slide {n} ({SLIDES[n - 1]}), {lang}, {viewport['width']}x{viewport['height']}"
        if (what := overflow(page)) is not None:
            problems.append(f"{where}: {what}")
        nav = page.locator(MAIN).get_by_text(counter(lang, n), exact=True).bounding_box()
        assert nav is not None
        if nav["y"] + nav["height"] > viewport["height"]:
            problems.append(f"{where}: the slide counter ends {nav['y'] + nav['height'] - viewport['height']:.0f} px "
                            "below the screen")
        if n < TOTAL:
            page.locator(MAIN).locator(TITLE).click()  # keyboard focus in the page, not in a widget
            page.keyboard.press("ArrowRight")
    return problems


def test_slides_fit_and_arrow_keys_move(open_page, base_url: str) -> None:
    page = open_page(1280, 720)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=1")
    problems = walk_slides(page, DISTRICT, "en")

    # → on the last slide stays there; ← goes back exactly one.
    titles = slide_titles(DISTRICT, "en")
    expect(page.locator(MAIN).get_by_role("button", name=t("slide_next", "en"))).to_be_disabled()
    page.locator(MAIN).locator(TITLE).click()
    page.keyboard.press("ArrowLeft")
    expect_slide(page, "en", TOTAL - 1, titles[TOTAL - 1])
    expect(page).to_have_url(re.compile(rf"[?&]district={DISTRICT}(&|#|$)"))
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|#|$)"))
    assert errors == []
    assert problems == [], "slides scroll:\n" + "\n".join(problems)


def test_slide_out_of_range_shows_warning_and_slide_one(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=99")
    warning = page.locator(MAIN).locator('[data-testid="stAlertContentWarning"]')
    expect(warning).to_have_text(exact(t("slide_out_of_range", "en", value="99")))
    expect_slide(page, "en", 1, slide_titles(DISTRICT, "en")[1])
    expect(page).to_have_url(re.compile(r"[?&]slide=1(&|#|$)"))


def test_handout_pdf_is_one_page_with_the_slogan(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=1")
    expect_slide(page, "en", 1, slide_titles(DISTRICT, "en")[1])
    button = page.locator(MAIN).get_by_role("button", name=re.compile(re.escape(t("download_handout", "en"))))
    with page.expect_download(timeout=60_000) as info:
        button.click()
    assert info.value.failure() is None, info.value.failure()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-"), path.read_bytes()[:40]
    assert path.suffix == ".pdf"

    missing = [tool for tool in ("pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (poppler-utils): cannot check pages and text")
    info_text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info_text, re.MULTILINE)
    assert pages is not None and int(pages.group(1)) == 1, info_text
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=30).stdout
    squash = re.compile(r"\s+")
    slogan = plan_content().district(DISTRICT).slogan["en"]
    assert squash.sub("", slogan) in squash.sub("", text), f"slogan {slogan!r} not in the handout text:\n{text[:800]}"


def test_zh_slides_fit_full_hd(open_page, base_url: str) -> None:
    """1920x1080, Chinese, the district with the longest aims text (the slide most likely to overflow)."""
    slug = max((d.id for d in districts()), key=lambda s: len(plan_content().district(s).aims["zh"]))
    page = open_page(1920, 1080)
    page.goto(f"{base_url}/present?district={slug}&lang=zh&slide=1")
    problems = walk_slides(page, slug, "zh")
    assert problems == [], "slides scroll:\n" + "\n".join(problems)
