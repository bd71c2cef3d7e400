"""Reading order (issue 18): on /plan the priority issues and policy areas, on the map page a district's key figures,
come in their data's order in the DOM (what a screen reader reads) and on screen (what eyes read) at 390 x 844 and
1440 x 900; headings step down one level at a time on every page; axe-core reports no moderate (or worse) finding on
/plan in ja, en and zh."""

from __future__ import annotations

import re

import pytest
from a11y import DESKTOP, LANGS, PAGES, PHONE, axe_violations, load
from harness import wait_layout_stable, wait_map_ready, wait_script_idle
from playwright.sync_api import Page, expect

from atlas.content import plan_content
from atlas.profile import key_figures

pytestmark = pytest.mark.e2e

MODERATE_UP = ("moderate", "serious", "critical")
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390x844", "1440x900"])

# Every element whose class names start with ``prefix`` (Streamlit's st-key-<key>), in DOM order, with its key's
# number, its text and where it is on screen.
CARDS_JS = """
(prefix) => Array.from(document.querySelectorAll(`[class*="st-key-${prefix}"]`)).map(el => {
  const key = Array.from(el.classList).find(c => c.startsWith(`st-key-${prefix}`));
  const r = el.getBoundingClientRect();
  return {n: Number(key.slice(`st-key-${prefix}`.length)), text: el.textContent.replace(/\\s+/g, ' '),
          top: Math.round(r.top + window.scrollY), left: Math.round(r.left)};
})
"""
# The key figures' labels in DOM order, with where each figure is on screen.
FIGURES = ".st-key-key_figures dl.key-figures > .kf"
FIGURES_JS = """
(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
  const r = el.getBoundingClientRect();
  return {label: el.querySelector('dt').textContent.trim(),
          top: Math.round(r.top + window.scrollY), left: Math.round(r.left)};
})
"""
HEADINGS_JS = "() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))" \
              ".map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)])"


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _check_order(page: Page, prefix: str, titles: list[str], what: str) -> None:
    """The cards keyed ``prefix``1…N: in the DOM in order 1…N, each showing its own title, and on screen read
    left to right, top to bottom in the same order (a row's cards share their top)."""
    cards = page.evaluate(CARDS_JS, prefix)
    assert [c["n"] for c in cards] == list(range(1, len(titles) + 1)), f"{what} in DOM order: {cards}"
    for card, title in zip(cards, titles, strict=True):
        assert _plain(title) in card["text"], f"{what} {card['n']} does not show {title!r}"
    on_screen = sorted(cards, key=lambda c: (c["top"], c["left"]))
    assert [c["n"] for c in on_screen] == [c["n"] for c in cards], f"{what} as eyes read them: {on_screen}"


@VIEWPORTS
@pytest.mark.parametrize("lang", LANGS)
def test_plan_reads_in_the_plans_order_with_headings_in_order(make_page, base_url: str, lang: str,
                                                             viewport: dict[str, int]) -> None:
    page = make_page(viewport)
    load(page, f"{base_url}/plan?lang={lang}")
    ward = plan_content().ward
    _check_order(page, "priority_issue_", [issue.title[lang] for issue in ward.priority_issues], "priority issues")
    _check_order(page, "policy_area_", [area.name[lang] for area in ward.policy_areas], "policy areas")
    if viewport == PHONE:  # the columns stack: one card under the other
        tops = [c["top"] for c in page.evaluate(CARDS_JS, "priority_issue_")]
        assert len(set(tops)) == len(tops), f"priority issues side by side at 390 px: {tops}"
    levels = page.evaluate(HEADINGS_JS)
    assert levels and levels[0][0] == 1, f"the page does not start with its h1: {levels}"
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b[0] > a[0] + 1]
    assert not jumps, f"headings skip a level: {jumps}"
    found = axe_violations(page, MODERATE_UP)
    assert found == {}, f"axe moderate or worse on /plan ({lang}, {viewport}):\n{found}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_skips_a_heading_level(make_page, base_url: str, lang: str) -> None:
    """axe's heading-order on every page at 390 px (the map page with a district open: its profile's headings)."""
    page = make_page(PHONE)
    found = {}
    for path in PAGES:
        load(page, f"{base_url}/{path}?lang={lang}&district=azabu")
        if path == "":
            wait_map_ready(page)
        order = [v for vs in axe_violations(page, MODERATE_UP).values() for v in vs if v["id"] == "heading-order"]
        if order:
            found[f"/{path}"] = order
    assert found == {}, f"axe heading-order ({lang}):\n{found}"


@VIEWPORTS
@pytest.mark.parametrize("lang", LANGS)
def test_a_districts_key_figures_read_in_order(make_page, base_url: str, lang: str, viewport: dict[str, int]) -> None:
    page = make_page(viewport)
    load(page, f"{base_url}/?lang={lang}&district=azabu")
    expected = [line.label for line in key_figures("azabu", lang)]
    metrics = page.locator(FIGURES)
    wait_map_ready(page)  # the profile is drawn once the map's frame has reported
    expect(metrics).to_have_count(len(expected))
    wait_script_idle(page)
    wait_layout_stable(page)
    figures = page.evaluate(FIGURES_JS, FIGURES)
    assert [f["label"] for f in figures] == expected, "key figures in DOM order"
    on_screen = sorted(figures, key=lambda f: (f["top"], f["left"]))
    assert on_screen == figures, f"key figures as eyes read them: {on_screen}"
