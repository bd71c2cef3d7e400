"""Presentation mode in headless Chromium: six slides that fit and fill the screen with large type, the fixed bar
(the Next button in one place), clicker keys, full screen and Escape, the live region, the QR code (decoded), ?slide=,
the PDF handout from the bar's menu, a phone.

The module runs its own server with ``MINATO_PUBLIC_URL`` set, as a hall's deployment would."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from a11y import PHONE
from harness import MAIN, ROOT, start_streamlit, wait_layout_stable, wait_script_idle
from playwright.sync_api import Browser, Page, expect

from atlas.content import plan_content
from atlas.districts import district_by_id, districts
from atlas.i18n import t
from atlas.public_url import SETTING, district_link
from atlas.slides import SLIDES

pytestmark = pytest.mark.e2e

DISTRICT = "azabu"
TOTAL = len(SLIDES)
TITLE = ".slide-title"
NEXT = ".st-key-slide_next button"
PUBLIC = "https://dashboard.example.jp/minato"
QR_SLIDES = (1, TOTAL)
BODY_PX, NOTES_PX, MAX_EMPTY = 28, 24, 1 / 3  # at 1280x720 (the floor for a 720p projector)

# The body text, table cells and titles (>= BODY_PX) and the notes (chart notes, the office's lines: >= NOTES_PX).
TYPE_JS = """
() => {
  const size = sel => Array.from(document.querySelectorAll(sel)).filter(el => el.offsetParent !== null)
    .map(el => ({what: sel, text: el.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize)}));
  return {
    body: size('.st-key-slide :is(.slide-title, .slide-lead, .slide-body p, .slide-body li, '
               + '[data-testid="stTable"] td, [data-testid="stTable"] th)'),
    notes: size('.st-key-slide :is(.st-key-slide_notes p, .slide-office p)'),
  };
}
"""
# How much of the slide's box (above the bar) lies outside the bounding box of what it shows: text by its line boxes
# (so a short line does not count as full width), charts, maps, QR codes and tables by their boxes; source lines
# (the small footer) do not count.
EMPTY_JS = """
() => {
  const slide = document.querySelector('.st-key-slide').getBoundingClientRect();
  const bar = document.querySelector('.st-key-slide_bar').getBoundingClientRect();
  const box = {l: slide.left, t: slide.top, r: slide.right, b: Math.min(slide.bottom, bar.top)};
  let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
  const add = rect => {
    if (rect.width === 0 || rect.height === 0) { return; }
    l = Math.min(l, rect.left); t = Math.min(t, rect.top); r = Math.max(r, rect.right); b = Math.max(b, rect.bottom);
  };
  for (const el of document.querySelectorAll('.st-key-slide :is(h2, p, li, svg, table)')) {
    if (el.closest('[data-testid="stCaptionContainer"]') && !el.closest('.st-key-slide_notes')) { continue; }
    if (el.parentElement.closest('svg') || el.closest('table') && el.tagName !== 'TABLE') { continue; }
    if (el.tagName === 'svg' || el.tagName === 'TABLE') { add(el.getBoundingClientRect()); continue; }
    const range = document.createRange();
    range.selectNodeContents(el);
    for (const rect of range.getClientRects()) { add(rect); }
  }
  const w = Math.max(0, Math.min(r, box.r) - Math.max(l, box.l));
  const h = Math.max(0, Math.min(b, box.b) - Math.max(t, box.t));
  return 1 - (w * h) / ((box.r - box.l) * (box.b - box.t));
}
"""

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


def short_counter(lang: str, n: int) -> str:
    return t("slide_counter_short", lang, n=n, total=TOTAL)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This module's own server, with the public address set (the QR codes need it)."""
    try:
        server = start_streamlit("app.py", cwd=ROOT, timeout=60, log_dir=tmp_path_factory.mktemp("present"),
                                 env={SETTING: PUBLIC})
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server.url
    server.stop()


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

    def make(width: int, height: int, **options: bool) -> Page:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB", **options)
        ctx.set_default_timeout(20_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def expect_slide(page: Page, lang: str, n: int, title: str) -> None:
    """Slide ``n`` is shown and drawn: counter, URL, title, script idle, layout settled."""
    main = page.locator(MAIN)
    expect(main.locator(".slide-counter [aria-hidden]")).to_have_text(exact(short_counter(lang, n)), timeout=15_000)
    expect(page).to_have_url(re.compile(rf"[?&]slide={n}(&|#|$)"))
    expect(main.locator(f"h2{TITLE}")).to_have_text(exact(title))
    expect(page.locator("#slide-live")).to_have_text(exact(f"{counter(lang, n)}: {title}"))  # read out
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


def walk_slides(page: Page, slug: str | None, lang: str, key: str = "ArrowRight",
                check_type: bool = False) -> tuple[list[str], list[dict]]:
    """From slide 1 to the last with ``key``, checking each slide: nothing scrolls, the bar is on screen, no slide
    more than a third empty (and, with ``check_type``, the type sizes). Returns the problems and the Next boxes."""
    titles = slide_titles(slug, lang)
    viewport = page.viewport_size
    problems, boxes = [], []
    for n in range(1, TOTAL + 1):
        expect_slide(page, lang, n, titles[n])
        where = f"slide {n} ({SLIDES[n - 1]}), {lang}, {viewport['width']}x{viewport['height']}"
        if (what := overflow(page)) is not None:
            problems.append(f"{where}: {what}")
        box = page.locator(NEXT).bounding_box()
        assert box is not None
        boxes.append(box)
        if box["y"] + box["height"] > viewport["height"]:
            problems.append(f"{where}: the Next button ends {box['y'] + box['height'] - viewport['height']:.0f} px "
                            "below the screen")
        if (empty := page.evaluate(EMPTY_JS)) > MAX_EMPTY:
            problems.append(f"{where}: {empty:.0%} of the slide is empty")
        if check_type:
            sizes = page.evaluate(TYPE_JS)
            assert sizes["body"], f"{where}: no body text found"
            problems += [f"{where}: {s['what']} '{s['text']}' is {s['px']} px"
                         for kind, floor in (("body", BODY_PX), ("notes", NOTES_PX)) for s in sizes[kind]
                         if s["px"] < floor]
        if n < TOTAL:
            page.locator(MAIN).locator(TITLE).click()  # keyboard focus in the page, not in a widget
            page.keyboard.press(key)
    return problems, boxes


def test_slides_fit_fill_and_keep_the_next_button_in_place(open_page, base_url: str) -> None:
    """1280x720 (a 720p projector), PageDown as a clicker sends it: every slide fits, is at most a third empty, has
    body type >= 28 px and notes >= 24 px, and the Next button has the same box on all six."""
    page = open_page(1280, 720)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=1")
    problems, boxes = walk_slides(page, DISTRICT, "en", key="PageDown", check_type=True)
    rounded = {tuple(round(v) for v in (b["x"], b["y"], b["width"], b["height"])) for b in boxes}
    assert len(boxes) == TOTAL and len(rounded) == 1, f"the Next button moves: {boxes}"

    # Next is disabled on the last slide; PageUp and ← go back one, Home to the first, End to the last.
    titles = slide_titles(DISTRICT, "en")
    expect(page.locator(NEXT)).to_be_disabled()
    for key, n in (("PageUp", TOTAL - 1), ("ArrowLeft", TOTAL - 2), ("Home", 1), ("End", TOTAL)):
        page.locator(MAIN).locator(TITLE).click()
        page.keyboard.press(key)
        expect_slide(page, "en", n, titles[n])
    expect(page).to_have_url(re.compile(rf"[?&]district={DISTRICT}(&|#|$)"))
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|#|$)"))
    assert errors == []
    assert problems == [], "slides scroll, overflow, are too empty or too small:\n" + "\n".join(problems)


def test_full_screen_black_screen_and_escape_out(open_page, base_url: str) -> None:
    """F enters full screen, B blacks the screen out and back, Escape leaves full screen, a second Escape the deck."""
    page = open_page(1280, 720)
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=2")
    expect_slide(page, "en", 2, slide_titles(DISTRICT, "en")[2])
    page.locator(MAIN).locator(TITLE).click()
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === document.documentElement")
    expect(page.locator("button.slide-fullscreen")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("b")
    expect(page.locator("#slide-black")).to_be_visible()
    page.keyboard.press("b")
    expect(page.locator("#slide-black")).to_be_hidden()
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.fullscreenElement === null")
    expect(page).to_have_url(re.compile(r"/present\?"))  # still in the deck
    page.wait_for_timeout(700)  # the deck ignores an Escape that comes right after leaving full screen
    page.keyboard.press("Escape")
    expect(page).not_to_have_url(re.compile(r"/present"))
    expect(page).to_have_url(re.compile(rf"[?&]district={DISTRICT}(&|#|$)"))
    expect(page.locator("#selected-district")).to_be_visible()  # the map page's district heading
    # The bar's own button does the same as F.
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=1")
    expect_slide(page, "en", 1, slide_titles(DISTRICT, "en")[1])
    page.locator("button.slide-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement !== null")


@pytest.mark.parametrize("n", QR_SLIDES)
def test_qr_code_decodes_to_the_address_under_it(open_page, base_url: str, n: int) -> None:
    """The QR code on the first and last slide opens the dashboard at this district and language: decoded from the
    screen with zxing-cpp, it is the address written under it, and that address's page and query open that view."""
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    page = open_page(1280, 720)
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=zh&slide={n}")
    expect_slide(page, "zh", n, slide_titles(DISTRICT, "zh")[n])
    code = page.locator(".slide-qr svg.qr-code")
    expect(code).to_have_attribute("role", "img")
    shot = image.open(io.BytesIO(code.screenshot()))
    found = [r.text for r in zxingcpp.read_barcodes(shot)]
    expected = district_link(PUBLIC, DISTRICT, "zh")
    assert found == [expected]
    expect(page.locator(".slide-qr .qr-url")).to_have_text(expected)
    page.goto(base_url + expected.removeprefix(PUBLIC))  # the same path and query on this server
    expect(page.locator("#selected-district")).to_have_text(district_by_id(DISTRICT).name("zh"))


def test_phone_shows_one_slide_and_the_bar_works(open_page, base_url: str) -> None:
    """390x844 with touch: the bar's controls are 44 px targets on screen; a tap on Next and a swipe turn the slide."""
    page = open_page(PHONE["width"], PHONE["height"], has_touch=True, is_mobile=True)
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=ja&slide=1")
    titles = slide_titles(DISTRICT, "ja")
    expect_slide(page, "ja", 1, titles[1])
    for control in page.locator(".st-key-slide_bar button:visible").all():
        box = control.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert box["y"] + box["height"] <= PHONE["height"], box
    page.locator(NEXT).tap()
    expect_slide(page, "ja", 2, titles[2])
    assert page.locator(".st-key-slide").count() == 1  # one slide at a time


def test_slide_out_of_range_shows_warning_and_slide_one(open_page, base_url: str) -> None:
    page = open_page(1280, 800)
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=99")
    warning = page.locator(MAIN).locator('[data-testid="stAlertContentWarning"]')
    expect(warning).to_have_text(exact(t("slide_out_of_range", "en", value="99")))
    expect_slide(page, "en", 1, slide_titles(DISTRICT, "en")[1])
    expect(page).to_have_url(re.compile(r"[?&]slide=1(&|#|$)"))


def test_handout_pdf_is_one_page_with_the_slogan(open_page, base_url: str, tmp_path: Path) -> None:
    page = open_page(1280, 720)
    page.goto(f"{base_url}/present?district={DISTRICT}&lang=en&slide=1")
    expect_slide(page, "en", 1, slide_titles(DISTRICT, "en")[1])
    page.locator(".st-key-slide_menu button").click()  # the handout is in the bar's menu
    button = page.get_by_role("button", name=re.compile(re.escape(t("download_handout", "en"))))
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
    problems, _ = walk_slides(page, slug, "zh")
    assert problems == [], "slides scroll, overflow or are too empty:\n" + "\n".join(problems)


def test_ward_slides_fit_with_large_type(open_page, base_url: str) -> None:
    """The whole ward in English at 1280x720: the eight priority issues (the longest list) and the city office."""
    page = open_page(1280, 720)
    page.goto(f"{base_url}/present?lang=en&slide=1")
    problems, _ = walk_slides(page, None, "en", check_type=True)
    assert problems == [], "slides scroll, overflow, are too empty or too small:\n" + "\n".join(problems)
