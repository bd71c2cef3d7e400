"""Charts for fingers (issue 18) in Chromium at 390×844: a tap on a data point shows its value, Tab focuses a point
and shows its value, type is at least 12 px and hit areas at least 44 px (atlas/svg_points.py, static/app.css)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from a11y import DESKTOP, PHONE, load, tab_count_to
from harness import MAIN
from playwright.sync_api import Browser, BrowserContext, Page, expect

from atlas import formatting as fmt
from atlas.charts import plan_points
from atlas.content import plan_content
from atlas.districts import districts
from atlas.estimates import district_estimate
from atlas.figures import series
from atlas.i18n import t

pytestmark = pytest.mark.e2e

PROJECTION = plan_points(plan_content())[1]
# a district whose chart draws our estimate (the backtest decides which do)
ESTIMATED = next(d.id for d in districts() if district_estimate(d.id, PROJECTION.date) is not None)
POPULATION = f'{MAIN} .chart-box svg.chart-svg[aria-labelledby^="population-"]'
SHOWN_TIPS = "s => [...s.querySelectorAll('.pt .tip')].filter(t => getComputedStyle(t).visibility === 'visible')" \
             ".map(t => t.textContent)"


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="ja-JP")
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def open_chart(page: Page, url: str):
    load(page, url)
    chart = page.locator(POPULATION)
    expect(chart.locator(".pt").first).to_be_attached()
    return chart


def test_a_tap_on_a_point_shows_its_value_in_a_box_of_at_least_12_px(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    chart = open_chart(page, f"{base_url}/?district={ESTIMATED}&lang=ja")
    chart.scroll_into_view_if_needed()
    scale = chart.evaluate("s => s.getScreenCTM().a")
    size = float(chart.get_attribute("font-size"))
    assert size * scale >= 12, f"chart type {size * scale:.1f} px at 390 px"
    ticks = chart.evaluate("s => [...s.querySelectorAll('text')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(ticks) * scale >= 12, min(ticks) * scale

    last = series(ESTIMATED, "population")[-1]
    estimate = district_estimate(ESTIMATED, PROJECTION.date)
    wanted = {  # what the latest count and the estimate say, from the data
        squeeze(t("chart_point", "ja", series=t("series_register", "ja"), date=fmt.date(last.date, "ja"),
                  value=fmt.people(last.value, "ja"))): fmt.people(last.value, "ja"),
        squeeze(t("chart_estimate_point", "ja", series=t("series_trend_estimate", "ja"),
                  date=fmt.date(estimate.date, "ja"), value=fmt.people(estimate.value, "ja"),
                  low=f"{estimate.low:,}", high=f"{estimate.high:,}")): fmt.people(estimate.value, "ja"),
    }
    points = chart.locator(".pt")
    labels = [squeeze(x) for x in points.evaluate_all("gs => gs.map(g => g.getAttribute('aria-label'))")]
    assert set(wanted) <= set(labels), labels
    assert chart.evaluate(SHOWN_TIPS) == []  # nothing shown before a tap
    for label, value in wanted.items():
        point = points.nth(labels.index(label))
        box = point.locator(":scope > circle").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(point).to_be_focused()
        shown = chart.evaluate(SHOWN_TIPS)
        assert [squeeze(s) for s in shown] == [label], shown
        assert value in shown[0]
        tip = point.locator(".tip rect").bounding_box()
        view = chart.bounding_box()
        assert view["x"] - 1 <= tip["x"] and tip["x"] + tip["width"] <= view["x"] + view["width"] + 1


@pytest.mark.parametrize(("viewport", "lang"), [(PHONE, "en"), (DESKTOP, "zh")], ids=["390-en", "1440-zh"])
def test_tab_focuses_a_point_and_shows_its_value(browser: Browser, base_url: str, viewport: dict, lang: str) -> None:
    ctx = browser.new_context(viewport=viewport)
    try:
        page = ctx.new_page()
        chart = open_chart(page, f"{base_url}/?district={ESTIMATED}&lang={lang}")
        presses = tab_count_to(page, f"{POPULATION} .pt", limit=150)  # from the page's start, as a keyboard user
        assert presses is not None, "Tab never reached a point of the population chart"
        first = chart.locator(".pt").first
        expect(first).to_be_focused()
        label = first.get_attribute("aria-label")
        register = series(ESTIMATED, "population")[0]
        assert fmt.date(register.date, lang) in label and fmt.people(register.value, lang) in label, label
        assert [squeeze(s) for s in chart.evaluate(SHOWN_TIPS)] == [squeeze(label)]
        page.keyboard.press("Tab")
        expect(chart.locator(".pt").nth(1)).to_be_focused()
        assert len(chart.evaluate(SHOWN_TIPS)) == 1
    finally:
        ctx.close()
