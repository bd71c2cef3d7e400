"""Shared by the e2e tests and tests/bench/bench_map.py: a Streamlit server, an offline Chromium, the map frame.

Offline is enforced with Chromium flags, not Playwright request interception (``page.route`` breaks
Streamlit's lazy-loaded widget chunks in this Chromium): every host name except localhost resolves
to NOTFOUND, so the GSI tile requests fail fast and any CDN request would fail too (and is caught
by the request log, see :class:`RequestLog`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Frame, Locator, Page, Playwright, Request, expect
from shapely import Point, box, union_all
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HOST_RULES = "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    f"--host-resolver-rules={HOST_RULES}",
]
VIEWPORT = {"width": 1280, "height": 800}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
TILE_HOST = "cyberjapandata.gsi.go.jp"
MAP_IFRAME = 'iframe[src*="/component/components.leaflet_map.map/"]'  # our Leaflet component's frame
H3 = "#selected-district"  # the selected district's name (an h2 under the page's h1)
# For a probe script of the top page (with its own ``now()``): every change of that name, timed, in window.__h3log.
HEADING_LOG_JS = """
window.__h3log = [];
let lastHeading;
const logHeading = () => {
  const h = document.querySelector('#selected-district');
  const text = h ? h.textContent.trim() : null;
  if (text !== lastHeading) { lastHeading = text; window.__h3log.push({text: text, at: now()}); }
};
new MutationObserver(logHeading).observe(document, {childList: true, subtree: true, characterData: true});
"""


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A ``streamlit run`` child in its own process group; ``stop`` ends exactly that group."""

    proc: subprocess.Popen
    url: str
    log_path: Path
    log_file: object = field(repr=False)

    def log(self) -> str:
        self.log_file.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout)
        self.log_file.close()


def start_streamlit(script: str | Path, cwd: Path = ROOT, timeout: float = 60.0, log_dir: Path | None = None,
                    env: dict[str, str] | None = None) -> Server:
    """Start ``streamlit run script`` on a free port and wait for /_stcore/health (RuntimeError with the log);
    ``env`` adds settings to the server's environment (e.g. ``MINATO_PUBLIC_URL``)."""
    port = free_port()
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="streamlit-log-"))
    log_path = log_dir / f"streamlit-{port}.log"
    log_file = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed by Server.stop
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, **env} if env else None)
    server = Server(proc, f"http://127.0.0.1:{port}", log_path, log_file)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            server.stop()
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            log = server.log()
            server.stop()
            raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{log}")
        time.sleep(0.2)


# --------------------------------------------------------------------------- browser


def launch_browser(pw: Playwright):
    """Headless Chromium with all non-local host names unresolvable (fresh temporary profile per launch)."""
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https", "ws", "wss") or (parts.hostname or "") in LOCAL_HOSTS


class RequestLog:
    """Every request of a browser context (all pages and frames) and how it ended."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[Request] = []
        self.failed: dict[int, str] = {}
        self.finished: set[int] = set()
        context.on("request", self._on_request)
        context.on("requestfailed", self._on_failed)
        context.on("requestfinished", self._on_finished)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request)

    def _on_failed(self, request: Request) -> None:
        self.failed[id(request)] = request.failure or "?"

    def _on_finished(self, request: Request) -> None:
        self.finished.add(id(request))

    def external(self) -> list[Request]:
        return [r for r in self.requests if not is_local(r.url)]

    def unexpected_hosts(self) -> set[str]:
        """Non-local hosts other than the GSI tile host that were requested at all (CDN use)."""
        return {urlsplit(r.url).hostname or r.url for r in self.external()} - {TILE_HOST}

    def external_pending(self) -> list[str]:
        return [r.url for r in self.external() if id(r) not in self.failed and id(r) not in self.finished]

    def external_succeeded(self) -> list[str]:
        return [r.url for r in self.external() if id(r) in self.finished]


def wait_until(page: Page, predicate, timeout_ms: float = 10_000, what: str = "condition") -> None:
    """Poll a Python predicate (letting Playwright dispatch events between polls) until true."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_ms:.0f} ms waiting for {what}")
        page.wait_for_timeout(50)


# --------------------------------------------------------------------------- map frame


def map_frame(page: Page, timeout_ms: float = 30_000) -> Frame:
    """The map component's frame once it is attached and visible."""
    iframe = page.locator(MAP_IFRAME)
    iframe.wait_for(state="visible", timeout=timeout_ms)
    frame = iframe.element_handle(timeout=timeout_ms).content_frame()
    assert frame is not None, "map iframe has no frame"
    return frame


def wait_map_ready(page: Page, timeout_ms: float = 30_000) -> Frame:
    frame = map_frame(page, timeout_ms)
    frame.wait_for_function("() => window.MinatoMap && window.MinatoMap.ready === true", timeout=timeout_ms)
    return frame


SETTLE_JS = """
async (quietMs) => {
  const map = window.map_div;
  let last = performance.now();
  const bump = () => { last = performance.now(); };
  map.on('movestart move moveend zoomstart zoom zoomend', bump);
  try {
    const t0 = performance.now();
    while (performance.now() - last < quietMs || map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) {
      if (performance.now() - t0 > 10000) { throw new Error('map view never settled'); }
      await new Promise(r => requestAnimationFrame(r));
    }
  } finally {
    map.off('movestart move moveend zoomstart zoom zoomend', bump);
  }
}
"""


def wait_view_settled(frame: Frame, quiet_ms: int = 150) -> None:
    """Wait until the Leaflet view has not moved for ``quiet_ms`` (fitBounds animations are over)."""
    frame.evaluate(SETTLE_JS, quiet_ms)


VIEW_JS = """
(margin) => {
  const map = window.map_div;
  const c = map.getContainer();
  const size = map.getSize();
  const ll = (x, y) => { const p = map.containerPointToLatLng([x, y]); return [p.lng, p.lat]; };
  const cr = c.getBoundingClientRect();
  const controls = Array.from(c.querySelectorAll('.leaflet-control')).map(el => {
    const r = el.getBoundingClientRect();
    const x0 = r.left - cr.left - margin, y0 = r.top - cr.top - margin;
    const x1 = r.right - cr.left + margin, y1 = r.bottom - cr.top + margin;
    return [ll(x0, y1), ll(x1, y0)];
  });
  return {view: [ll(margin, size.y - margin), ll(size.x - margin, margin)], controls: controls};
}
"""

POINT_JS = """
(points) => {
  const map = window.map_div;
  const c = map.getContainer();
  const r = c.getBoundingClientRect();
  const out = [];
  for (const [lat, lng] of points) {
    const p = map.latLngToContainerPoint([lat, lng]);
    const x = p.x + r.left, y = p.y + r.top;
    const el = document.elementFromPoint(x, y);
    // A plain map spot: a polygon path, the tile pane or the bare container; not a control, popup or marker.
    const free = !!el && (el === c || (!!el.closest('.leaflet-overlay-pane, .leaflet-tile-pane')
      && !(el.classList && el.classList.contains('office-marker'))));
    out.push({x: x, y: y, free: free, el: el ? el.tagName + '.' + (el.getAttribute('class') || '') : null});
  }
  return out;
}
"""


def visible_area(frame: Frame, shape: BaseGeometry, margin: int = 24) -> BaseGeometry:
    """The part of ``shape`` (lng/lat) inside the map view, away from its edges and controls."""
    v = frame.evaluate(VIEW_JS, margin)
    (w, s), (e, n) = v["view"]
    area = shape.intersection(box(w, s, e, n))
    blocked = [box(x0, y0, x1, y1) for (x0, y0), (x1, y1) in v["controls"]]
    return area.difference(union_all(blocked)) if blocked else area


def candidate_points(area: BaseGeometry, grid: int = 9) -> list[Point]:
    """Points inside ``area``, deepest first: the pole of inaccessibility, then a grid by depth."""
    pieces = [g for g in getattr(area, "geoms", [area]) if g.geom_type == "Polygon" and not g.is_empty]
    if not pieces:
        return []
    biggest = max(pieces, key=lambda g: g.area)
    minx, miny, maxx, maxy = biggest.bounds
    cells = [
        Point(minx + (i + 0.5) * (maxx - minx) / grid, miny + (j + 0.5) * (maxy - miny) / grid)
        for i in range(grid)
        for j in range(grid)
    ]
    inside = sorted((p for p in cells if biggest.contains(p)), key=lambda p: -biggest.exterior.distance(p))
    return [polylabel(biggest, 1e-6), *inside]


def click_target(page: Page, frame: Frame, shape: BaseGeometry, margin: int = 24) -> tuple[float, float]:
    """Page (x, y) of a free map spot well inside the visible part of ``shape`` (asserts there is one)."""
    points = candidate_points(visible_area(frame, shape, margin))
    assert points, "district not visible in the map view"
    hits = frame.evaluate(POINT_JS, [[p.y, p.x] for p in points])
    hit = next((h for h in hits if h["free"]), None)
    assert hit is not None, f"no free map spot inside the district; under the candidates: {[h['el'] for h in hits]}"
    iframe_box = page.locator(MAP_IFRAME).bounding_box()
    assert iframe_box is not None
    x, y = iframe_box["x"] + hit["x"], iframe_box["y"] + hit["y"]
    assert 0 <= x < VIEWPORT["width"] and 0 <= y < VIEWPORT["height"], f"click ({x:.0f}, {y:.0f}) is off screen"
    return x, y


HIGHLIGHT_JS = """
() => {
  // District ids outlined by the selection group the map frame currently has on the map.
  const map = window.map_div;
  const ids = new Set();
  const walk = l => {
    if (l.feature && l.feature.properties && l.feature.properties.id) { ids.add(l.feature.properties.id); }
    if (l.eachLayer) { l.eachLayer(walk); }
  };
  (window.feature_group || []).filter(g => map && map.hasLayer(g)).forEach(g => g.eachLayer(walk));
  return Array.from(ids).sort();
}
"""


def highlighted(frame: Frame) -> list[str]:
    return frame.evaluate(HIGHLIGHT_JS)


def wait_highlight(frame: Frame, slug: str, timeout_ms: float = 15_000) -> None:
    """Wait until the selection group on the map outlines ``slug`` and nothing else."""
    frame.wait_for_function(
        f"(slug) => {{ const ids = ({HIGHLIGHT_JS})(); return ids.length === 1 && ids[0] === slug; }}",
        arg=slug,
        timeout=timeout_ms,
    )


# --------------------------------------------------------------------------- page state (appended)

MAIN = '[data-testid="stMain"]'
IDLE_APP = '.stApp[data-test-script-state="notRunning"]'


def wait_script_idle(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until the Streamlit script run of the page is over (``data-test-script-state`` on ``.stApp``)."""
    page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout_ms)


LAYOUT_STABLE_JS = """
async ([selector, quietMs]) => {
  // Resolve once the element's scroll and client heights have not changed for quietMs.
  const el = document.querySelector(selector);
  if (!el) { throw new Error('no element ' + selector); }
  const sample = () => el.scrollHeight + ',' + el.clientHeight + ',' + el.scrollWidth;
  let last = sample(), since = performance.now();
  const t0 = performance.now();
  while (performance.now() - since < quietMs) {
    if (performance.now() - t0 > 15000) { throw new Error('layout of ' + selector + ' never settled'); }
    await new Promise(r => requestAnimationFrame(r));
    const now = sample();
    if (now !== last) { last = now; since = performance.now(); }
  }
}
"""


def wait_layout_stable(page: Page, selector: str = MAIN, quiet_ms: int = 300) -> None:
    """Wait until ``selector``'s scroll/client sizes have been unchanged for ``quiet_ms`` (charts drawn)."""
    page.evaluate(LAYOUT_STABLE_JS, [selector, quiet_ms])


def open_expander(page: Page, expander: Locator) -> None:
    """Open a Streamlit expander and wait until its content has stopped moving the page.

    Its content grows in over several frames; on a busy machine a click aimed at a button inside it during
    that time lands on the container instead (seen: the download never started).
    """
    expander.locator("summary").click()
    expect(expander.locator("details")).to_have_attribute("open", "")
    wait_layout_stable(page)


def open_fold(page: Page, fold: Locator) -> None:
    """Open a fold of a section drawn as one ``st.html`` block (``<details class="fold">``, e.g. a chart card's data
    table) and wait until the page has stopped moving. The click waits for a still page too: a chart drawn above
    it (static/inline_svg.js) moves the fold, and a click aimed before that lands on whatever took its place.
    A fold left open stays open while its block's HTML is unchanged (the budget card, on another district)."""
    wait_layout_stable(page)
    if fold.get_attribute("open") is None:
        fold.locator("summary").click()
    expect(fold).to_have_attribute("open", "")
    wait_layout_stable(page)


def scroll_map_into_view(page: Page) -> None:
    """Scroll the page so the whole map iframe is on screen (asserts it fits in the viewport).

    Needed before the first click on a map that reaches below the fold: Leaflet focuses its container on
    mousedown, the browser then scrolls the parent page to reveal the iframe, and the click lands that many
    pixels away from where the mouse went down.
    """
    iframe = page.locator(MAP_IFRAME)
    iframe.evaluate("el => el.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'})")
    box = iframe.bounding_box()
    size = page.viewport_size or VIEWPORT
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"], f"map not on screen: {box}"
