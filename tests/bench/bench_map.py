"""Benchmark the district map: payload sizes, geometry fidelity, page load and click-to-selection latency.

Usage (from anywhere): ``.venv/bin/python tests/bench/bench_map.py [--clicks 20] [--loads 5] [--check]``

It starts the app (``app.py``) and the naive baseline (``tests/bench/naive_app.py``) with
``streamlit run`` on free ports, drives both in an offline headless Chromium (see
tests/e2e/harness.py) and prints one report. Timings are taken in the browser with
``performance.timeOrigin + performance.now()`` (comparable across the page and the map iframe):

* page load: from the top page's navigation start to the map being drawn in the iframe
  (``MinatoMap.ready`` set for the app; five ``path.leaflet-interactive`` in the DOM for the baseline);
* click-to-selection: from the ``click`` event in the map iframe to the side panel's h3
  (``#selected-district``) changing to the clicked district's name (MutationObserver).

``--check`` exits 1 when the targets (median click <= 400 ms and >= 2x faster than the baseline) are missed.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd  # noqa: E402
from bench_paths import ROOT
from harness import (  # noqa: E402
    HEADING_LOG_JS,
    MAP_IFRAME,
    VIEWPORT,
    Server,
    click_target,
    launch_browser,
    start_streamlit,
    visible_area,
    wait_highlight,
    wait_view_settled,
)
from playwright.sync_api import Browser, Frame, Page, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from atlas.districts import district_by_id  # noqa: E402
from geo.build import METRIC_CRS, dissolve_districts, district_ids, load_land_chome  # noqa: E402
from geo.layers import district_shapes  # noqa: E402
from geo.paths import DATA_DIR, DEFAULT_SHARED  # noqa: E402
from geo.simplify import max_deviation, total_overlap  # noqa: E402

SOURCE_DISTRICTS = DEFAULT_SHARED / "data/geo/minato_districts_2020.geojson"
CLICK_TARGET_MS = 400.0
SPEEDUP_TARGET = 2.0

# Runs in every frame before its own scripts: timestamps for map readiness, clicks and h3 changes.
PROBE_JS = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (window.top === window) {
    window.__sends = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) { window.__sends.push(now()); return send.call(this, data); };
    window.__longtasks = [];
    new PerformanceObserver(list => list.getEntries().forEach(
      e => window.__longtasks.push([performance.timeOrigin + e.startTime, e.duration]))).observe({type: 'longtask'});
    __HEADING_LOG__
    return;
  }
  // Frames: the map iframe starts as about:blank and keeps its window when it navigates (same origin),
  // so hooks live on the window; DOM observers are attached once the real document has loaded.
  window.__clicks = [];
  window.addEventListener('click', () => window.__clicks.push(now()), true);
  let mm;
  Object.defineProperty(window, 'MinatoMap', {
    configurable: true,
    get() { return mm; },
    set(v) {
      mm = v;
      let ready = v.ready;
      Object.defineProperty(v, 'ready', {
        configurable: true, enumerable: true,
        get() { return ready; },
        set(x) { ready = x; if (x && !window.__readyAt) { window.__readyAt = now(); } },
      });
    },
  });
  const watchPaths = () => {
    const obs = new MutationObserver(() => {
      if (!window.__pathsAt && document.querySelectorAll('path.leaflet-interactive').length >= 5) {
        window.__pathsAt = now();
        obs.disconnect();
      }
    });
    obs.observe(document, {childList: true, subtree: true});
  };
  window.addEventListener('DOMContentLoaded', watchPaths);
})();
""".replace("__HEADING_LOG__", HEADING_LOG_JS)


# --------------------------------------------------------------------------- static measures


def kb(n: int) -> str:
    return f"{n:>9,d} B ({n / 1024:6.1f} KiB)"


def payload_report() -> None:
    print("== Payload sent to the browser (lang=ja, compact JSON, UTF-8) ==")
    logging.disable(logging.WARNING)  # st.cache_data outside a running app warns (no runtime); harmless here
    try:
        from atlas.map_layers import district_layers
        from geo.payload import compact_json

        cfg = district_layers("ja")
        script = compact_json(cfg)
    finally:
        logging.disable(logging.NOTSET)
    for key in ("districts", "chome", "outline", "labels", "origin", "credit"):
        print(f"  {key:<10} {kb(len(compact_json(cfg[key]).encode()))}")
    print(f"  {'base file':<10} {kb(len(script.encode()))}  (static/map_data/districts-ja.json, all layers)")
    raw = json.loads(SOURCE_DISTRICTS.read_text(encoding="utf-8"))
    print(f"  baseline   {kb(len(json.dumps(raw).encode()))}  (unsimplified districts, json.dumps as folium embeds it)")


def count_vertices(geoms) -> int:
    import shapely

    return int(sum(shapely.get_num_coordinates(g) for g in geoms))


def geometry_report() -> None:
    print("== Geometry vs ../shared/data/geo (EPSG:6677) ==")
    ids = district_ids()
    src = load_land_chome(DEFAULT_SHARED, ids)
    committed = gpd.read_file(DATA_DIR / "geo" / "chome.geojson").to_crs(METRIC_CRS).set_index("key_code")
    committed = committed.loc[list(src["KEY_CODE"])]
    chome_dev = max_deviation(list(src.geometry), list(committed.geometry))
    src_districts = dissolve_districts(src, list(src.geometry), list(ids.values()))
    shapes = district_shapes()
    order = list(src_districts)
    committed_d = list(gpd.GeoSeries([shapes[d] for d in order], crs=4326).to_crs(METRIC_CRS).values)
    district_dev = max_deviation([src_districts[d] for d in order], committed_d)
    print(f"  chome      max boundary deviation {chome_dev:6.2f} m   vertices {count_vertices(src.geometry):>6,d} -> "
          f"{count_vertices(committed.geometry):,d}")
    print(f"  districts  max boundary deviation {district_dev:6.2f} m   vertices "
          f"{count_vertices(src_districts.values()):>6,d} -> {count_vertices(committed_d):,d}")
    print(f"  overlap between districts {total_overlap(committed_d):.3f} m²; "
          f"between chome {total_overlap(list(committed.geometry)):.3f} m²")


# --------------------------------------------------------------------------- browser measures


class App:
    """One served app and how to tell, inside its map frame, that the map is drawn."""

    def __init__(self, label: str, server: Server, ours: bool) -> None:
        self.label, self.server, self.ours = label, server, ours
        self.url = f"{server.url}/?lang=en"
        self.ready_js = (
            "() => window.MinatoMap && window.MinatoMap.ready === true && window.__readyAt"
            if ours
            else "() => window.map_div && document.querySelectorAll('path.leaflet-interactive').length >= 5"
            " && window.__pathsAt"
        )


def frame_of(page: Page, timeout_ms: float = 30_000) -> Frame:
    iframe = page.locator(MAP_IFRAME)
    iframe.wait_for(state="visible", timeout=timeout_ms)
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    return frame


def open_map(browser: Browser, app: App):
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(PROBE_JS)
    page = ctx.new_page()
    page.goto(app.url)
    frame = frame_of(page)
    ready_at = frame.wait_for_function(app.ready_js, timeout=30_000).json_value()
    nav_start, blocked = page.evaluate(
        "(t) => [performance.timeOrigin, window.__longtasks.filter(e => e[0] < t).reduce((a, e) => a + e[1], 0)]",
        ready_at,
    )
    return ctx, page, frame, ready_at - nav_start, blocked


def measure_loads(browser: Browser, app: App, n: int) -> tuple[list[float], list[float]]:
    """(ms to map drawn, ms of main-thread long tasks before that) for ``n`` fresh contexts."""
    loads, blocked = [], []
    for _ in range(n):
        ctx, _page, _frame, ms, busy = open_map(browser, app)
        loads.append(ms)
        blocked.append(busy)
        ctx.close()
    return loads, blocked


def measure_clicks(browser: Browser, app: App, n: int) -> tuple[list[float], list[float]]:
    """Click ``n`` times, each time on the district (other than the selected one) with most visible area.

    Returns (click -> h3 shows the name, click -> first websocket message to the server) in ms.
    """
    ctx, page, frame, _, _ = open_map(browser, app)
    shapes = district_shapes()
    current: str | None = None
    out, to_send = [], []
    try:
        for _ in range(n):
            frame = frame_of(page)
            frame.wait_for_function(app.ready_js, timeout=30_000)
            wait_view_settled(frame)
            visible = {s: visible_area(frame, g).area for s, g in shapes.items() if s != current}
            slug = max(visible, key=visible.get)
            name = district_by_id(slug).name("en")
            clicks_before = frame.evaluate("() => window.__clicks.length")
            x, y = click_target(page, frame, shapes[slug])
            page.mouse.click(x, y)
            try:
                page.wait_for_function("(name) => window.__h3log.some(e => e.text === name)", arg=name, timeout=20_000)
            except PlaywrightError as exc:
                shown = page.evaluate("() => window.__h3log.slice(-3)")
                raise RuntimeError(f"{app.label}: click {len(out) + 1} on {slug} at ({x:.0f}, {y:.0f}) did not show "
                                   f"{name!r}; h3 log {shown}; url {page.url}") from exc
            click_at = frame.evaluate("(i) => window.__clicks[i]", clicks_before)
            shown_at, sent_at = page.evaluate(
                """([name, t]) => [window.__h3log.find(e => e.text === name && e.at >= t).at,
                                   window.__sends.find(s => s >= t)]""",
                [name, click_at],
            )
            out.append(shown_at - click_at)
            to_send.append(sent_at - click_at)
            page.evaluate("() => { window.__h3log = window.__h3log.slice(-1); }")
            if app.ours:
                wait_highlight(frame, slug)
            current = slug
    finally:
        ctx.close()
    return out, to_send


def pctl(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def fmt(values: list[float]) -> str:
    return (f"median {statistics.median(values):7.0f} ms  p90 {pctl(values, 0.9):7.0f} ms  "
            f"min {min(values):6.0f}  max {max(values):6.0f}  (n={len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    t0 = time.monotonic()

    payload_report()
    geometry_report()

    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        # Streamlit serves ./static next to the main script: give the baseline one (a symlink to the app's).
        naive_dir = Path(tmp) / "naive"
        naive_dir.mkdir()
        (naive_dir / "naive_app.py").symlink_to(Path(__file__).resolve().parent / "naive_app.py")
        (naive_dir / "static").symlink_to(ROOT / "static", target_is_directory=True)
        servers: list[Server] = []
        try:
            servers.append(start_streamlit("app.py", cwd=ROOT, log_dir=Path(tmp)))
            servers.append(start_streamlit(naive_dir / "naive_app.py", cwd=ROOT, log_dir=Path(tmp)))
            ours, naive = App("app", servers[0], True), App("baseline", servers[1], False)
            results: dict[str, dict[str, list[float]]] = {}
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                try:
                    for app in (ours, naive):
                        measure_loads(browser, app, 1)  # warm-up: server caches, first-run imports
                        load, blocked = measure_loads(browser, app, args.loads)
                        click, to_send = measure_clicks(browser, app, args.clicks)
                        results[app.label] = {"load": load, "blocked": blocked, "click": click, "send": to_send}
                finally:
                    browser.close()
        finally:
            for server in servers:
                server.stop()

    print("== Chromium (headless, offline), lang=en ==")
    for label in ("app", "baseline"):
        r = results[label]
        print(f"  {label:<9} page load to map drawn   {fmt(r['load'])}")
        print(f"  {label:<9}   main-thread long tasks before the map was drawn: median "
              f"{statistics.median(r['blocked']):.0f} ms")
        print(f"  {label:<9} click to selection shown {fmt(r['click'])}")
        print(f"  {label:<9}   of which click -> rerun request sent (streamlit-folium debounce): median "
              f"{statistics.median(r['send']):.0f} ms")
    click = {k: statistics.median(v["click"]) for k, v in results.items()}
    load = {k: statistics.median(v["load"]) for k, v in results.items()}
    click_ratio = click["baseline"] / click["app"]
    print(f"  ratio baseline/app: click {click_ratio:.2f}x, page load {load['baseline'] / load['app']:.2f}x")
    ok_abs, ok_rel = click["app"] <= CLICK_TARGET_MS, click_ratio >= SPEEDUP_TARGET
    print(f"  target median click <= {CLICK_TARGET_MS:.0f} ms: {'met' if ok_abs else 'MISSED'} "
          f"({click['app']:.0f} ms); >= {SPEEDUP_TARGET:.0f}x faster than baseline: "
          f"{'met' if ok_rel else 'MISSED'} ({click_ratio:.2f}x)")
    print(f"(bench took {time.monotonic() - t0:.0f} s)")
    return 1 if args.check and not (ok_abs and ok_rel) else 0


if __name__ == "__main__":
    sys.exit(main())
