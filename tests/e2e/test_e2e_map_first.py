"""The map page draws its map first and the rest after it (components/map_first.py), in headless Chromium:
the frame reports once (drawn, or failed), the rest comes into the same page around the same frame, and a
frame that never reports does not hold the rest back for long."""

from __future__ import annotations

import time

import pytest
from harness import H3, MAP_IFRAME, wait_map_ready
from playwright.sync_api import Page, WebSocket, expect

from atlas.i18n import t
from components.map_first import FALLBACK_SECONDS

pytestmark = pytest.mark.e2e

PICKER = '.st-key-district_select [role="radiogroup"]'

# In the top page: when the map frame is first inserted (and how often), and when the picker first shows.
WATCH_JS = """
(() => {
  if (window.top !== window) { return; }
  window.__first = { frames: 0, mapAt: null, pickerAt: null };
  const seen = new WeakSet();
  new MutationObserver(() => {
    for (const f of document.querySelectorAll('__FRAME__')) {
      if (!seen.has(f)) { seen.add(f); window.__first.frames += 1; }
    }
    if (window.__first.pickerAt === null && document.querySelector('__PICKER__')) {
      window.__first.pickerAt = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
  const poll = () => {
    for (const f of document.querySelectorAll('__FRAME__')) {
      let ready = false;
      try { ready = !!(f.contentWindow.MinatoMap && f.contentWindow.MinatoMap.ready); } catch (e) { /* loading */ }
      if (ready) { window.__first.mapAt = performance.now(); return; }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
""".replace("__FRAME__", MAP_IFRAME).replace("__PICKER__", PICKER)


def reports(page: Page) -> list[bytes]:
    """Websocket messages the page sends that carry the map's report (its component value)."""
    sent: list[bytes] = []

    def on_frame(payload: bytes | str) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        if b'"drawn":' in data:
            sent.append(data)

    def on_ws(ws: WebSocket) -> None:
        ws.on("framesent", on_frame)

    page.on("websocket", on_ws)
    return sent


def test_the_map_comes_first_and_the_rest_joins_the_same_frame(page: Page, base_url: str) -> None:
    page.add_init_script(WATCH_JS)
    sent = reports(page)
    page.goto(f"{base_url}/?lang=en&district=azabu")
    frame = wait_map_ready(page)
    expect(page.locator(H3)).to_have_text("Azabu")  # the summary comes with the map
    expect(page.locator(PICKER)).to_be_visible(timeout=15_000)
    expect(page.locator("#key-figures")).to_be_visible()
    first = page.evaluate("() => window.__first")
    assert first["mapAt"] is not None and first["pickerAt"] is not None
    assert first["mapAt"] < first["pickerAt"], first
    assert first["frames"] == 1, "the map's frame was built again when the rest came"
    assert [m for m in sent if b'"drawn":true' in m], "the frame did not report its drawn map"
    assert len(sent) == 1, "the frame reported more than once"
    assert frame.evaluate("() => window.MinatoMap.ready") is True


def test_a_map_that_cannot_load_its_layers_says_so_and_lets_the_rest_come(page: Page, base_url: str) -> None:
    page.route("**/app/static/map_data/**", lambda route: route.abort())
    sent = reports(page)
    page.goto(f"{base_url}/?lang=en")
    alert = page.frame_locator(MAP_IFRAME).locator('#map[role="alert"]')
    expect(alert).to_have_text(t("map_failed", "en"), timeout=20_000)
    expect(page.locator(PICKER)).to_be_visible(timeout=15_000)
    assert [m for m in sent if b'"drawn":false' in m], "the frame did not report that it could not draw"


def test_a_frame_that_never_reports_holds_the_rest_back_only_a_few_seconds(page: Page, base_url: str) -> None:
    page.route("**/app/static/districts_map.js", lambda route: route.abort())
    sent = reports(page)
    start = time.monotonic()
    page.goto(f"{base_url}/?lang=en")
    expect(page.locator(H3)).to_be_visible(timeout=20_000)
    expect(page.locator(PICKER)).to_be_visible(timeout=(FALLBACK_SECONDS + 20) * 1000)
    assert time.monotonic() - start >= FALLBACK_SECONDS, "the rest came before the fallback: who reported?"
    assert sent == []
    expect(page.locator("#key-figures")).to_be_visible()
