"""Accessibility probes shared by the e2e tests and tests/bench/bench_a11y.py: axe-core in every frame,
Tab presses to a control, what the first screen shows, touch gestures (Chrome DevTools Protocol)."""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT
from harness import IDLE_APP, MAIN, MAP_IFRAME, wait_layout_stable
from playwright.sync_api import Frame, Page

PAGES = ("", "plan", "compare", "present", "sources")
LANGS = ("ja", "en", "zh")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
BLOCKING = ("serious", "critical")
PICKER = ".st-key-district_select input"  # a radio group (Tab lands on its checked option), once a selectbox

AXE_RUN = """
async (impacts) => {
  const r = await axe.run(document, {resultTypes: ['violations'], iframes: false});
  return r.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))
  }));
}
"""


def load(page: Page, url: str, timeout_ms: float = 30_000) -> None:
    """Open ``url`` and wait until the script run is over and the main area has stopped growing."""
    page.goto(url)
    page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout_ms)
    page.locator(MAIN).wait_for(timeout=timeout_ms)
    page.wait_for_function("() => !!window.__minatoMeta", timeout=timeout_ms)  # static/page_meta.js has run
    wait_layout_stable(page, MAIN, quiet_ms=400)


def frame_name(frame: Frame) -> str:
    if frame.parent_frame is None:
        return "main"
    title = frame.frame_element().get_attribute("title") or "?"
    return f"frame[{title}]"


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING) -> dict[str, list[dict]]:
    """axe-core's violations of ``impacts`` in the main document and in every (same-origin) frame."""
    out: dict[str, list[dict]] = {}
    for frame in page.frames:
        if frame.is_detached() or frame.url.startswith("about:blank") and frame.parent_frame is not None \
                and not frame.evaluate("() => document.body && document.body.children.length > 0"):
            continue
        frame.evaluate(AXE_SCRIPT)
        found = frame.evaluate(AXE_RUN, list(impacts))
        if found:
            out.setdefault(frame_name(frame), []).extend(found)
    return out


def tab_count_to(page: Page, selector: str = PICKER, limit: int = 200) -> int | None:
    """Tab presses from a freshly loaded page until an element matching ``selector`` has focus (None: never)."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => { const el = document.activeElement; return !!el && el.matches(sel); }", selector):
            return n
    return None


FIRST_SCREEN_JS = """
(probes) => {
  const h = window.innerHeight;
  const out = {};
  for (const [name, sel] of Object.entries(probes)) {
    const el = document.querySelector(sel);
    if (!el) { out[name] = null; continue; }
    const r = el.getBoundingClientRect();
    out[name] = {top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height),
                 visible: r.height > 0 && r.top < h && r.bottom > 0};
  }
  return out;
}
"""

PROBES = {
    "title": "h1",
    "language": ".st-key-lang_switch, .st-key-lang_top",
    "map": MAP_IFRAME,
    "picker": ".st-key-district_select",
    "search": ".st-key-town_query",
    "profile": "h3#selected-district, #selected-district",
}


def first_screen(page: Page) -> dict[str, dict | None]:
    """Where each landmark of the map page is, and whether it is in the first screen."""
    page.evaluate("() => window.scrollTo(0, 0)")
    return page.evaluate(FIRST_SCREEN_JS, PROBES)


def touch_swipe(page: Page, x: float, y: float, dy: float, steps: int = 8) -> None:
    """A one-finger vertical swipe from (x, y) by ``dy`` pixels, as real touch input (CDP)."""
    cdp = page.context.new_cdp_session(page)
    try:
        point = {"x": x, "y": y, "id": 1}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
        for i in range(1, steps + 1):
            cdp.send("Input.dispatchTouchEvent",
                     {"type": "touchMove", "touchPoints": [{"x": x, "y": y + dy * i / steps, "id": 1}]})
            page.wait_for_timeout(16)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()
