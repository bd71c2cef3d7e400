"""The map frame on a phone's slower CPU (issue 21): its first-visit files and its longest main-thread tasks.

Usage: ``.venv/bin/python tests/bench/bench_frame.py [--root PATH ...] [--loads 3] [--cpu 4] [--page /?...]``

For each checkout (``--root``, repeatable; default this one): the gzip -9 size of every file the map frame
fetches (read from the checkout's static/map_frame/index.html, plus the map page's layer file), then
``streamlit run`` of its app.py, and ``--loads`` first visits of the map page in fresh contexts of one offline
headless Chromium whose CPU is slowed ``--cpu`` times (CDP Emulation.setCPUThrottlingRate, as Lighthouse's
mobile preset). A PerformanceObserver in every frame records long tasks (> 50 ms); reported: the longest of the
map frame's own tasks (Long Tasks API name "self": not the host page's, which share its thread) and their sum,
from its start until its map is drawn (``MinatoMap.ready``) and, when the checkout draws the chome in batches,
until they all are (``MinatoMap.chomeDrawn``). Medians over the loads.
A busy machine makes the times longer; compare checkouts within one run.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import time
from pathlib import Path

from bench_paths import ROOT

# isort: split
from harness import launch_browser, start_streamlit  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

OBSERVE = """
window.__long = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) { window.__long.push([e.startTime, e.duration, e.name]); }
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
"""
FRAME = 'iframe[src*="/component/components.leaflet_map.map/"]'


def frame_files(root: Path, layer: str) -> dict[str, int]:
    """File -> gzip -9 bytes of what the map frame of ``root`` fetches (its index, styles, scripts, the layer)."""
    index = root / "static" / "map_frame" / "index.html"
    out = {"map_frame/index.html": len(gzip.compress(index.read_bytes(), 9))}
    for url in re.findall(r'(?:src|href)="([^"]+)"', index.read_text(encoding="utf-8")):
        path = (index.parent / url).resolve() if not url.startswith("../../app/static/") else (
            root / "static" / url.removeprefix("../../app/static/"))
        out[str(path.relative_to(root / "static"))] = len(gzip.compress(path.read_bytes(), 9))
    data = root / "static" / "map_data" / layer
    out[f"map_data/{layer}"] = len(gzip.compress(data.read_bytes(), 9))
    return out


def measure(root: Path, loads: int, cpu: float, page_path: str) -> dict[str, list[float]]:
    server = start_streamlit(root / "app.py", cwd=root, timeout=90)
    got: dict[str, list[float]] = {"longest_to_ready": [], "sum_to_ready": [], "longest_to_all": [], "sum_to_all": []}
    try:
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            for i in range(loads + 1):  # the first load warms the server's caches; not counted
                ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP")
                ctx.add_init_script(OBSERVE)
                page = ctx.new_page()
                cdp = ctx.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
                page.goto(server.url + page_path)
                page.locator(FRAME).wait_for(state="attached", timeout=120_000)
                frame = page.locator(FRAME).element_handle().content_frame()
                assert frame is not None
                frame.wait_for_function("() => window.MinatoMap && window.MinatoMap.ready === true", timeout=120_000)
                ready = frame.evaluate("() => performance.now()")
                frame.wait_for_function("() => window.MinatoMap.chomeDrawn !== false", timeout=120_000)
                done = frame.evaluate("() => performance.now()")
                time.sleep(0.5)  # long-task entries arrive after their task
                tasks = frame.evaluate("() => window.__long")
                ctx.close()
                if i == 0:
                    continue
                own = [(s, d) for s, d, name in tasks if name == "self"]  # not the host page's (same thread)
                before_ready = [d for s, d in own if s < ready]
                before_done = [d for s, d in own if s < done]
                got["longest_to_ready"].append(max(before_ready, default=0.0))
                got["sum_to_ready"].append(sum(before_ready))
                got["longest_to_all"].append(max(before_done, default=0.0))
                got["sum_to_all"].append(sum(before_done))
            browser.close()
    finally:
        server.stop()
    return got


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, action="append", help="checkout(s) to measure (default: this one)")
    ap.add_argument("--loads", type=int, default=3)
    ap.add_argument("--cpu", type=float, default=4.0, help="CPU slowdown (Lighthouse's mobile preset: 4)")
    ap.add_argument("--page", default="/?district=azabu&lang=ja")
    args = ap.parse_args()
    for root in args.root or [ROOT]:
        root = root.resolve()
        files = frame_files(root, "districts-ja.json")
        print(f"## {root}\n")
        print("| file the frame fetches | gzip -9 bytes |\n|---|---|")
        for name, size in files.items():
            print(f"| {name} | {size:,d} |")
        print(f"| **total ({len(files)} files)** | **{sum(files.values()):,d}** |\n")
        got = measure(root, args.loads, args.cpu, args.page)
        print(f"Map frame long tasks at {args.cpu:g}x CPU, medians of {args.loads} loads (ms):\n")
        for key, values in got.items():
            print(f"- {key}: {statistics.median(values):.0f} (runs: {', '.join(f'{v:.0f}' for v in values)})")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
