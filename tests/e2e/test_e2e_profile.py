"""The district profile under the map (Chinese UI): a map click shows the slogan and two charts with sources."""

from __future__ import annotations

import re

import pytest
from harness import (
    H3,
    MAIN,
    click_target,
    open_fold,
    wait_highlight,
    wait_map_ready,
    wait_script_idle,
    wait_view_settled,
)
from playwright.sync_api import Page, expect

from atlas.content import plan_content
from atlas.districts import district_by_id
from atlas.i18n import t
from geo.layers import district_shapes

pytestmark = pytest.mark.e2e

LANG = "zh"
CHART = 'svg.chart-svg[role="figure"]'  # the inline SVG charts (atlas/svg_chart.py), no Plotly
# The words before the source title in a source line ("来源：" in zh).
SOURCE_PREFIX = t("source_label", LANG, title="\x00", publisher="", date="").split("\x00")[0].strip()
# More than four sources are folded into an expander titled "来源（N项）".
FOLDED = re.compile("^\\s*" + re.escape(t("sources_count", LANG, n=987654)).replace("987654", r"(\d+)") + "\\s*$")



def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def expect_profile(page: Page, slug: str) -> None:
    """Heading, slogan, and exactly two rendered charts, each with a source link in its own column."""
    main = page.locator(MAIN)
    expect(page.locator(H3)).to_have_text(exact(district_by_id(slug).name(LANG)), timeout=15_000)
    slogan = plan_content().district(slug).slogan[LANG]
    expect(main.locator("blockquote")).to_have_text(exact(slogan))
    wait_script_idle(page)

    expect(main.locator(CHART)).to_have_count(2)
    for i in range(2):  # drawn, named, and a focusable value (tabindex, aria-label) per data point kept by the page
        chart = main.locator(CHART).nth(i)
        expect(chart).to_be_visible()
        assert chart.evaluate("s => s.getBoundingClientRect().height") > 150
        name = chart.evaluate("s => document.getElementById(s.getAttribute('aria-labelledby')).textContent")
        assert name.startswith((t("population_chart_title", LANG), t("budget_chart_title", LANG))), name
        assert chart.evaluate("s => s.querySelectorAll('g.pt[tabindex=\"0\"][aria-label]').length") >= 5
    chart_columns = main.locator('[data-testid="stColumn"]').filter(has=page.locator(CHART))
    expect(chart_columns).to_have_count(2)
    for i in range(2):
        column = chart_columns.nth(i)
        expect(column.locator(CHART)).to_have_count(1)
        sources = column.get_by_role("link", name=re.compile(rf"^\s*{re.escape(SOURCE_PREFIX)}"))
        folded = column.locator("details.fold").filter(has=page.locator("summary", has_text=FOLDED))
        wanted = 1
        if folded.count():  # the chart's sources are folded: open the fold, expect all N lines
            match = FOLDED.match(folded.first.locator("summary").inner_text())
            assert match, folded.first.inner_text()
            wanted = int(match.group(1))
            open_fold(page, folded.first)
        expect(sources.first).to_be_visible()
        assert sources.count() >= wanted, f"chart {i}: {sources.count()} source links, expected {wanted}"
        for href in sources.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            assert href and href.startswith("http"), f"chart {i}: source line without a link target: {href!r}"


def test_map_click_shows_zh_profile_with_charts(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/?lang={LANG}")
    frame = wait_map_ready(page)
    expect(page.locator(H3)).to_have_text(exact(t("whole_ward", LANG)))
    shapes = district_shapes()
    previous: str | None = None
    for slug in ("shibaura-konan", "takanawa"):
        page.locator(MAIN).evaluate("el => el.scrollTo(0, 0)")  # opening an expander scrolled the page
        wait_view_settled(frame)
        x, y = click_target(page, frame, shapes[slug])
        page.mouse.click(x, y)
        expect(page).to_have_url(re.compile(rf"[?&]district={re.escape(slug)}(&|#|$)"), timeout=15_000)
        wait_highlight(frame, slug)
        expect_profile(page, slug)
        if previous is not None:
            old = plan_content().district(previous).slogan[LANG]
            expect(page.locator(MAIN).get_by_text(old, exact=True)).to_have_count(0)
        previous = slug
    expect(page).to_have_url(re.compile(rf"[?&]lang={LANG}(&|#|$)"))
    assert errors == []
