"""The district map in headless Chromium, offline: drawn from local files, click-to-select, URL state."""

from __future__ import annotations

import re

import pytest
from harness import (
    H3,
    ROOT,
    TILE_HOST,
    RequestLog,
    click_target,
    highlighted,
    start_streamlit,
    wait_highlight,
    wait_map_ready,
    wait_until,
    wait_view_settled,
)
from playwright.sync_api import BrowserContext, Frame, Page, expect

from atlas.districts import district_by_id, districts
from geo.layers import chome_list, district_shapes

pytestmark = pytest.mark.e2e

SLUGS = [d.id for d in districts()]


def name_en(slug: str) -> str:
    district = district_by_id(slug)
    assert district is not None, slug
    return district.name("en")


def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def url_with(slug: str) -> re.Pattern[str]:
    return re.compile(rf"[?&]district={re.escape(slug)}(&|#|$)")


def pick(page: Page, slug: str) -> None:
    """Tap ``slug``'s option in the district picker (a radio group)."""
    page.get_by_role("radiogroup", name="District").get_by_text(name_en(slug), exact=True).click()


def expect_selected(page: Page, frame: Frame, slug: str) -> None:
    expect(page).to_have_url(url_with(slug), timeout=15_000)
    expect(page.locator(H3)).to_have_text(exact(name_en(slug)), timeout=15_000)
    wait_highlight(frame, slug)


def test_map_draws_offline_from_local_files(page: Page, base_url: str, request_log: RequestLog) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/?lang=en")
    frame = wait_map_ready(page)

    ids = frame.evaluate("() => window.MinatoMap.districts.getLayers().map(l => l.feature.properties.id)")
    assert sorted(ids) == sorted(SLUGS)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("e-Stat")
    expect(page.locator(H3)).to_have_text(exact("Whole ward (all districts)"))
    assert frame.evaluate("() => !!window.map_div && window.map_div === window.MinatoMap.map")
    assert highlighted(frame) == []

    # Tiles are requested (so the tile layer is there) and fail without breaking the map.
    wait_until(page, lambda: any(TILE_HOST in r.url for r in request_log.requests), what="a GSI tile request")
    wait_until(page, lambda: not request_log.external_pending(), what="external requests to fail")
    assert request_log.unexpected_hosts() == set(), "requests to hosts other than the GSI tiles (CDN?)"
    assert request_log.external_succeeded() == [], "a non-local request succeeded: the browser is not offline"
    local = [r.url for r in request_log.requests if "/app/static/" in r.url]
    assert any(u.endswith("/app/static/leaflet/leaflet-frame.js") for u in local), local
    assert any(u.endswith("/app/static/districts_map.js") for u in local), local
    assert frame.evaluate("() => window.MinatoMap.ready") is True
    assert errors == []


@pytest.mark.parametrize(
    "sequence",
    [("shibaura-konan",), ("azabu", "takanawa"), ("akasaka", "azabu")],
    ids=lambda seq: "-then-".join(seq),
)
def test_click_selects_district(page: Page, base_url: str, sequence: tuple[str, ...]) -> None:
    page.goto(f"{base_url}/?lang=en")
    frame = wait_map_ready(page)
    expect(page.locator(H3)).to_have_text(exact("Whole ward (all districts)"))
    shapes = district_shapes()
    for slug in sequence:
        wait_view_settled(frame)
        x, y = click_target(page, frame, shapes[slug])
        page.mouse.click(x, y)
        expect_selected(page, frame, slug)


STACK_JS = """() => {
  const overlay = document.querySelector('.leaflet-overlay-pane');
  const base = overlay.querySelector('.leaflet-minatoBase-pane');
  const top = overlay.querySelector(':scope > svg');
  const office = top.querySelector('path.office-marker').getBoundingClientRect();
  const hit = document.elementFromPoint((office.left + office.right) / 2, (office.top + office.bottom) / 2);
  return {base: +getComputedStyle(base).zIndex, top: +getComputedStyle(top).zIndex,
          hit: hit ? hit.getAttribute('class') : null};
}"""


def test_chome_come_after_the_districts_all_of_them_and_under_the_selection(page: Page, base_url: str) -> None:
    """The map is ready with its districts; the chome follow in batches (the phone's main thread stays free),
    in their own pane under the view's layers, so the office marker stays on top and clickable."""
    page.goto(f"{base_url}/?district=azabu&lang=en")
    frame = wait_map_ready(page)
    frame.wait_for_function("() => window.MinatoMap.chomeDrawn === true", timeout=15_000)
    keys = frame.evaluate("() => window.MinatoMap.chome.getLayers().map(l => l.feature.properties.k)")
    assert sorted(keys) == sorted(c.key_code for c in chome_list())
    wait_highlight(frame, "azabu")
    wait_view_settled(frame)
    stack = frame.evaluate(STACK_JS)
    assert stack["base"] < stack["top"], stack
    assert "office-marker" in (stack["hit"] or ""), stack


def _assert_zoomed_to(frame: Frame, slug: str) -> None:
    view = frame.evaluate(
        """(slug) => {
          const mm = window.MinatoMap, map = mm.map;
          const target = mm.districts.getLayers().find(l => l.feature.properties.id === slug);
          return {
            zoom: map.getZoom(),
            wardZoom: map.getBoundsZoom(mm.districts.getBounds(), false, L.point(16, 16)),
            centred: target.getBounds().contains(map.getCenter()),
          };
        }""",
        slug,
    )
    assert view["centred"], view
    assert view["zoom"] > view["wardZoom"], view


def test_url_restores_selection_on_reload(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/?district=takanawa&lang=en")
    for attempt in ("load", "reload"):
        if attempt == "reload":
            page.reload()
        frame = wait_map_ready(page)
        expect_selected(page, frame, "takanawa")
        wait_view_settled(frame)
        _assert_zoomed_to(frame, "takanawa")


def test_picker_updates_url_and_map(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/?lang=en")
    frame = wait_map_ready(page)
    pick(page, "shiba")
    expect_selected(page, frame, "shiba")
    wait_view_settled(frame)
    _assert_zoomed_to(frame, "shiba")


def test_first_session_after_server_start_keeps_language(context: BrowserContext, tmp_path) -> None:
    """Regression: the very first session of a fresh server used to switch to ja on its first rerun.

    Streamlit computed the id of the language radio (then keyed ``lang`` and created in app.py before
    st.navigation) with a different active_script_hash on the process's first script run, so the widget
    reset to its default on the next rerun. The session-scoped server is already warm, hence a fresh one.
    """
    server = start_streamlit("app.py", cwd=ROOT, timeout=60, log_dir=tmp_path)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?lang=en")
        frame = wait_map_ready(page)
        expect(page.locator(H3)).to_have_text(exact("Whole ward (all districts)"))
        pick(page, "akasaka")
        expect_selected(page, frame, "akasaka")
        expect(page).to_have_url(re.compile(r"[?&]lang=en(&|#|$)"))
    finally:
        server.stop()
