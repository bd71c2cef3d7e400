"""Benchmark the pages (issue 10): load times against a bare page and the naive map, and the cost of a click.

Usage (from anywhere): ``.venv/bin/python tests/bench/bench_pages.py [--root PATH] [--loads 5] [--clicks 12]
[--check] [--json FILE]``

It serves three apps with ``streamlit run`` (cwd = ``--root``, default this checkout, so its
``.streamlit/config.toml`` applies to all three):

* bare: ``tests/bench/bare_app.py`` of this checkout (``st.write("Hello")``), the floor of any page load;
* baseline: ``<root>/tests/bench/naive_app.py``, the textbook st_folium map, from a temporary folder of
  symlinks (the script and ``<root>/static``) so that /app/static works, as tests/bench/bench_map.py does;
* app: ``<root>/app.py``, its pages ``/?lang=en`` (map), ``/compare?lang=en`` and ``/present?lang=en``.

Every page is opened in a fresh context of one offline headless Chromium (tests/e2e/harness.py), after one
warm-up load per page; the loads are taken round-robin over the pages, one at a time. Times are taken in
the browser with ``performance.timeOrigin + performance.now()`` (comparable across the page and its
frames), from the top page's navigation start:

* "shown": the element is in the DOM with a non-empty box and passes ``checkVisibility()`` (seen by a
  MutationObserver, or at the latest by a requestAnimationFrame check). This is when the frame that paints
  it is due, not the pixels themselves (those follow one frame later when the main thread is free);
* "map drawn": ``window.MinatoMap.ready`` became true in some frame (the map frame of either map
  component; the baseline: five ``path.leaflet-interactive`` in its frame);
* "first paint" of /compare: heading and map both there; of /present: slide 1's title and its map (SVG);
* /compare's side-by-side table (issue 21, when its checkout draws Plotly only on demand: then no chart is on a
  first visit); else its Plotly charts (issue 20, when the checkout has them): the first ``.js-plotly-plot``
  shown, after the map; the bytes of Streamlit's Plotly chunk are counted for every page (the map page and
  /present: none).

Per district click on the map page (one context, after one uncounted click): websocket payload bytes
received and sent (CDP ``Network.webSocketFrame*``; binary frames decoded from base64), server CPU
(utime + stime of the server's process group, children included, from /proc: 10 ms clock ticks) from
just before the click until the page is idle and the websocket quiet again, and click -> name shown in
``#selected-district``. The same bytes and CPU are given for one page open of each page (a fresh context
has an empty cache, so that CPU includes serving Streamlit's static JS: ~2.7 MB for the bare page).

``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_paths import ROOT

# isort: split
import harness  # noqa: E402
from bench_map import pctl  # noqa: E402
from harness import (  # noqa: E402
    MAIN,
    VIEWPORT,
    Server,
    click_target,
    launch_browser,
    start_streamlit,
    visible_area,
    wait_script_idle,
    wait_view_settled,
)
from playwright.sync_api import Browser, BrowserContext, Frame, Page, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from atlas.districts import district_by_id  # noqa: E402
from geo.layers import district_shapes  # noqa: E402

BARE_RATIO = 2.5  # map page: map drawn <= 2.5x the bare page
BASELINE_RATIO = 1.3  # ... and <= 1.3x the naive baseline's map drawn
PAGE_RATIO = 1.5  # /compare and /present first paint <= 1.5x the map page's map drawn
CLICK_BYTES = 20_000  # websocket bytes received per district click (median), 20 KB = 20,000 B
CLICK_CPU_MS = 60.0  # server CPU per click, median
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
TIMEOUT_MS = 60_000
PLOTLY_CHUNK = re.compile(r"/static/js/PlotlyChart[^/?]*\.js(\?|$)")
MAP_MARK = "iframe[data-bench-map]"  # set on the map frame's iframe so harness.click_target can find it

# Runs in every frame before its own scripts. __WATCH__: {name: [selector, exact text or null]} for the top
# page; __SIGNAL__: "ready" (MinatoMap.ready) or "paths" (the baseline) for frames. Frames are same-origin
# component iframes and write their times into the top window.
PROBE_JS = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (window.top === window) {
    const watch = __WATCH__;
    window.__shown = {};
    window.__how = {};
    window.__clickAt = null;
    window.__longtasks = [];
    new PerformanceObserver(list => list.getEntries().forEach(
      e => window.__longtasks.push([performance.timeOrigin + e.startTime, e.duration]))).observe({type: 'longtask'});
    window.__h2log = [];
    let last;
    const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
      && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
    const pending = () => Object.keys(watch).filter(k => !(k in window.__shown));
    const check = () => {
      for (const name of pending()) {
        const [selector, text] = watch[name];
        for (const el of document.querySelectorAll(selector)) {
          if ((text === null || el.textContent.trim() === text) && shown(el)) { window.__shown[name] = now(); break; }
        }
      }
      const h = document.querySelector('#selected-district');
      const t = h ? h.textContent.trim() : null;
      if (t !== last) { last = t; window.__h2log.push({text: t, at: now()}); }
    };
    new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
    const tick = () => { check(); if (pending().length) { requestAnimationFrame(tick); } };
    requestAnimationFrame(tick);
    return;
  }
  const signal = __SIGNAL__;
  const mark = (name, how) => {
    const at = now();
    try {
      const s = window.top.__shown;
      if (s && !(name in s)) { s[name] = at; window.top.__how[name] = how; }
    } catch (e) { /* cross-origin */ }
  };
  window.addEventListener('click', () => { try { window.top.__clickAt = now(); } catch (e) {} }, true);
  if (signal === 'ready') {
    // The setter of MinatoMap.ready marks the exact moment; a 50 ms poll covers objects that resist the hook.
    const hook = (v) => {
      if (!v || typeof v !== 'object') { return; }
      if (v.ready === true) { mark('map', 'hook'); return; }
      let ready = v.ready;
      try {
        Object.defineProperty(v, 'ready', {
          configurable: true, enumerable: true,
          get() { return ready; },
          set(x) { ready = x; if (x === true) { mark('map', 'hook'); } },
        });
      } catch (e) { /* frozen or non-configurable: the poll below */ }
    };
    let mm = window.MinatoMap;
    hook(mm);
    Object.defineProperty(window, 'MinatoMap', {
      configurable: true, get() { return mm; }, set(v) { mm = v; hook(v); },
    });
    const poll = setInterval(() => {
      if (window.MinatoMap && window.MinatoMap.ready === true) { mark('map', 'poll'); clearInterval(poll); }
    }, 50);
  } else if (signal === 'paths') {
    // A component iframe starts as about:blank and keeps its window (and these hooks) when it navigates to
    // the component (same origin) without this script running again: observe the new document once it loads.
    const watchPaths = () => {
      const obs = new MutationObserver(() => {
        if (document.querySelectorAll('path.leaflet-interactive').length >= 5) {
          mark('map', 'hook');
          obs.disconnect();
        }
      });
      obs.observe(document, {childList: true, subtree: true});
    };
    watchPaths();
    window.addEventListener('DOMContentLoaded', watchPaths);
  }
})();
"""


# --------------------------------------------------------------------------- what is measured


@dataclass
class Target:
    """One page of one served app: what to wait for and which of those make its first paint."""

    label: str
    server: str  # "bare", "baseline" or "app"
    path: str
    watch: dict[str, tuple[str, str | None]]  # name -> (CSS selector in the top page, exact text or None)
    signal: str | None  # "ready" / "paths": a frame marks "map"; None: no map
    paint: tuple[str, ...]  # the names whose latest time is the page's first paint
    loads: list[dict[str, float]] = field(default_factory=list)

    def probe(self) -> str:
        return PROBE_JS.replace("__WATCH__", json.dumps(self.watch)).replace("__SIGNAL__", json.dumps(self.signal))

    @property
    def names(self) -> list[str]:
        return [*self.watch, *(["map"] if self.signal else [])]


H1 = (f"{MAIN} h1", None)


def has_plotly(root: Path) -> bool:
    """Whether the checkout draws Plotly charts on /compare (issue 20): then their appearance is measured too."""
    return (root / "components" / "compare_explore.py").exists()


def plotly_on_demand(root: Path) -> bool:
    """Whether /compare's Plotly charts wait for a planner's toggle (issue 21): then its table is measured instead."""
    explore = root / "components" / "compare_explore.py"
    return explore.exists() and "EXPLORE_OPEN" in explore.read_text(encoding="utf-8")


def targets(root: Path = ROOT) -> list[Target]:
    charts = {"charts": (f"{MAIN} .js-plotly-plot", None)} if has_plotly(root) else {}
    if plotly_on_demand(root):
        charts = {"table": (f"{MAIN} .compare-table table", None)}
    return [
        Target("bare", "bare", "/", {"hello": (f'{MAIN} [data-testid="stMarkdownContainer"] p', "Hello")}, None,
               ("hello",)),
        Target("baseline", "baseline", "/", {}, "paths", ("map",)),
        # The rest of the map page: since the map comes first (components/map_first.py), these are reported too.
        Target("map", "app", "/?lang=en", {"heading": H1, "summary": (f"{MAIN} #selected-district", None),
                                            "picker": (f"{MAIN} .st-key-district_select input", None),
                                            "profile": (f"{MAIN} #key-figures", None)}, "ready", ("map",)),
        Target("compare", "app", "/compare?lang=en",
               {"heading": H1, "picker": (f"{MAIN} .st-key-indicator input", None), **charts}, "ready",
               ("heading", "map")),
        # Slide 1 (atlas.slides "title"): the big .slide-title over the ward map drawn as inline SVG.
        Target("present", "app", "/present?lang=en",
               {"heading": (f"{MAIN} .slide-title", None), "figure": (f"{MAIN} .slide-map svg", None)}, None,
               ("heading", "figure")),
    ]


# --------------------------------------------------------------------------- meters


def server_cpu_ms(server: Server) -> float:
    """utime + stime (+ those of waited-for children) of every process in the server's process group, in ms."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        rest = stat.rsplit(")", 1)[1].split()  # fields 3.. (the command name may hold spaces)
        if int(rest[2]) == server.proc.pid:  # field 5: process group (start_streamlit: a session of its own)
            total += sum(int(x) for x in rest[11:15])  # fields 14-17: utime stime cutime cstime
    return total * TICK_MS


class NetMeter:
    """Bytes of one page over CDP: websocket payloads received and sent, HTTP bodies as transferred, and of those
    the bytes of Streamlit's Plotly chunk (``static/js/PlotlyChart.*.js``, fetched only for a Plotly chart)."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.received = self.sent = self.http = self.plotly = 0
        self.urls: dict[str, str] = {}
        self.last = time.monotonic()
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameReceived", lambda e: self._frame(e, incoming=True))
        self.cdp.on("Network.webSocketFrameSent", lambda e: self._frame(e, incoming=False))
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.loadingFinished", self._http)
        self.cdp.send("Network.enable")

    def _frame(self, event: dict, incoming: bool) -> None:
        frame = event["response"]
        data = frame.get("payloadData", "")
        size = len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data.encode())
        if incoming:
            self.received += size
        else:
            self.sent += size
        self.last = time.monotonic()

    def _http(self, event: dict) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.http += size
        if PLOTLY_CHUNK.search(self.urls.get(event.get("requestId", ""), "")):
            self.plotly += size

    def snapshot(self) -> tuple[int, int, int]:
        return self.received, self.sent, self.http

    def snapshot_plotly(self) -> int:
        return self.plotly

    def wait_quiet(self, page: Page, quiet_ms: float = 300, timeout_ms: float = 15_000) -> None:
        """Until no websocket frame has come or gone for ``quiet_ms`` (pumping Playwright's events meanwhile)."""
        start = time.monotonic()
        while (time.monotonic() - max(self.last, start)) * 1000 < quiet_ms:
            if (time.monotonic() - start) * 1000 > timeout_ms:
                raise RuntimeError(f"websocket never quiet for {quiet_ms:.0f} ms within {timeout_ms:.0f} ms")
            page.wait_for_timeout(50)


def settle(page: Page, meter: NetMeter) -> None:
    """The script run is over and nothing more goes over the websocket (a second rerun would show here)."""
    wait_script_idle(page, TIMEOUT_MS)
    meter.wait_quiet(page)
    wait_script_idle(page, TIMEOUT_MS)


# --------------------------------------------------------------------------- loads


def open_page(browser: Browser, server: Server, target: Target) -> tuple[BrowserContext, Page, NetMeter, dict]:
    """A fresh context on ``target``; waits until everything it watches is there and the page is settled.

    Returns the context, page, meter and the load's figures: ms from navigation start for every watched
    name, "paint", "longtasks" (ms of main-thread long tasks before the paint), and the websocket bytes,
    HTTP bytes and server CPU of the whole page open.
    """
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(target.probe())
    page = ctx.new_page()
    meter = NetMeter(ctx, page)
    cpu0 = server_cpu_ms(server)
    try:
        page.goto(server.url + target.path, timeout=TIMEOUT_MS)
        try:
            page.wait_for_function("(names) => names.every(n => n in window.__shown)", arg=target.names,
                                   timeout=TIMEOUT_MS)
        except PlaywrightError as exc:
            seen = page.evaluate("() => window.__shown")
            raise RuntimeError(f"{target.label}: waited for {target.names} on {page.url}, saw only {seen}") from exc
        settle(page, meter)
        cpu1 = server_cpu_ms(server)
        nav, shown, how, longtasks = page.evaluate(
            "() => [performance.timeOrigin, window.__shown, window.__how, window.__longtasks]")
    except BaseException:
        ctx.close()
        raise
    out = {name: shown[name] - nav for name in target.names}
    paint_at = max(shown[name] for name in target.paint)
    out["paint"] = paint_at - nav
    out["longtasks"] = sum(d for start, d in longtasks if start < paint_at)
    out["ws_in"], out["ws_out"], out["http"] = meter.snapshot()
    out["plotly"] = meter.snapshot_plotly()
    out["cpu"] = cpu1 - cpu0
    out["polled"] = float(how.get("map") == "poll")  # 1: MinatoMap.ready seen by the 50 ms poll, not the hook
    return ctx, page, meter, out


def load(browser: Browser, server: Server, target: Target) -> dict:
    ctx, _page, _meter, out = open_page(browser, server, target)
    ctx.close()
    time.sleep(0.3)  # the server drops the session; keep that out of the next measurement
    return out


# --------------------------------------------------------------------------- clicks


READY_JS = "() => !!(window.MinatoMap && window.MinatoMap.ready === true && window.map_div)"


def map_frame(page: Page, timeout_ms: float = 30_000) -> Frame:
    """The frame whose map is drawn (whichever component holds it), its iframe marked with ``MAP_MARK``."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        for frame in page.frames:
            if frame is page.main_frame:
                continue
            try:
                if not frame.evaluate(READY_JS):
                    continue
                page.evaluate(f"() => document.querySelectorAll('{MAP_MARK}').forEach("
                              "el => el.removeAttribute('data-bench-map'))")
                frame.frame_element().evaluate("el => el.setAttribute('data-bench-map', '')")
                return frame
            except PlaywrightError:  # detached meanwhile
                continue
        if time.monotonic() > deadline:
            raise RuntimeError(f"no frame with a drawn map on {page.url}")
        page.wait_for_timeout(50)


def measure_clicks(browser: Browser, server: Server, target: Target, n: int) -> tuple[dict, list[dict]]:
    """One page open, then ``n`` + 1 district clicks (the first not counted), each on the most visible
    district other than the selected one. Returns (the page open's figures, one dict per counted click)."""
    harness.MAP_IFRAME = MAP_MARK  # click_target locates the map iframe by this selector
    ctx, page, meter, opened = open_page(browser, server, target)
    shapes = district_shapes()
    current: str | None = None
    clicks: list[dict] = []
    try:
        for i in range(n + 1):
            frame = map_frame(page)
            wait_view_settled(frame)
            visible = {s: visible_area(frame, g).area for s, g in shapes.items() if s != current}
            slug = max(visible, key=visible.get)
            name = district_by_id(slug).name("en")
            x, y = click_target(page, frame, shapes[slug])
            page.evaluate("() => { window.__h2log = window.__h2log.slice(-1); window.__clickAt = null; }")
            bytes0 = meter.snapshot()
            cpu0 = server_cpu_ms(server)
            page.mouse.click(x, y)
            try:
                page.wait_for_function("(name) => window.__h2log.some(e => e.text === name)", arg=name,
                                       timeout=20_000)
            except PlaywrightError as exc:
                shown = page.evaluate("() => window.__h2log.slice(-3)")
                raise RuntimeError(f"click {i} on {slug} at ({x:.0f}, {y:.0f}) did not show {name!r}; "
                                   f"#selected-district log {shown}; url {page.url}") from exc
            settle(page, meter)
            cpu1 = server_cpu_ms(server)
            bytes1 = meter.snapshot()
            click_at, shown_at = page.evaluate(
                "(name) => [window.__clickAt, window.__h2log.find(e => e.text === name).at]", name)
            if i > 0:  # the first click warms the server's click path (lookup caches, imports)
                clicks.append({"shown": shown_at - click_at, "cpu": cpu1 - cpu0,
                               "ws_in": bytes1[0] - bytes0[0], "ws_out": bytes1[1] - bytes0[1],
                               "http": bytes1[2] - bytes0[2]})
            current = slug
    finally:
        ctx.close()
    return opened, clicks


# --------------------------------------------------------------------------- report


def med(values: list[float]) -> float:
    return statistics.median(values)


def ms(values: list[float]) -> str:
    return f"median {med(values):7.0f} ms  p90 {pctl(values, 0.9):7.0f} ms  (n={len(values)})"


def size(values: list[float]) -> str:
    return f"median {med(values) / 1000:8.1f} KB  p90 {pctl(values, 0.9) / 1000:8.1f} KB  (n={len(values)})"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(root: Path, by_label: dict[str, Target], opened: dict, clicks: list[dict]) -> bool:
    series = {label: {k: [ld[k] for ld in tg.loads] for k in tg.loads[0]} for label, tg in by_label.items()}
    s = series
    print(f"== Page loads: {root}, headless offline Chromium {VIEWPORT['width']}x{VIEWPORT['height']}, "
          "fresh context per load, ms from navigation start ==")
    print(f"  bare      'Hello' shown                 {ms(s['bare']['hello'])}")
    print(f"  baseline  map drawn (5 paths)           {ms(s['baseline']['map'])}")
    print(f"  map       heading (h1) shown            {ms(s['map']['heading'])}")
    print(f"  map       map drawn (MinatoMap.ready)   {ms(s['map']['map'])}")
    print(f"  map       summary (h2) shown            {ms(s['map']['summary'])}")
    print(f"  map       district picker shown         {ms(s['map']['picker'])}")
    print(f"  map       key figures heading shown     {ms(s['map']['profile'])}")
    print(f"  map         main-thread long tasks before the map was drawn: median "
          f"{med(s['map']['longtasks']):.0f} ms, p90 {pctl(s['map']['longtasks'], 0.9):.0f} ms")
    print(f"  compare   heading (h1) shown            {ms(s['compare']['heading'])}")
    print(f"  compare   map drawn (MinatoMap.ready)   {ms(s['compare']['map'])}")
    print(f"  compare   first paint (both)            {ms(s['compare']['paint'])}")
    print(f"  compare   indicator picker shown        {ms(s['compare']['picker'])}")
    if "charts" in s["compare"]:
        print(f"  compare   Plotly chart shown (after)    {ms(s['compare']['charts'])}")
    if "table" in s["compare"]:
        print(f"  compare   table shown (no Plotly)       {ms(s['compare']['table'])}")
    print(f"  present   slide title shown             {ms(s['present']['heading'])}")
    print(f"  present   slide map (svg) shown         {ms(s['present']['figure'])}")
    print(f"  present   first paint (both)            {ms(s['present']['paint'])}")
    polled = {label: int(sum(s[label]["polled"])) for label in ("map", "compare") if sum(s[label]["polled"])}
    if polled:
        print(f"  NOTE: MinatoMap.ready resisted the setter hook; a 50 ms poll saw it ({polled} loads, <= 50 ms late)")
    print("== One page open (until script idle and websocket quiet 300 ms): medians ==")
    for label in by_label:
        print(f"  {label:<9} websocket in {med(s[label]['ws_in']) / 1000:7.1f} KB, out "
              f"{med(s[label]['ws_out']) / 1000:5.1f} KB; HTTP {med(s[label]['http']) / 1000:7.1f} KB; "
              f"server CPU {med(s[label]['cpu']):5.0f} ms (p90 {pctl(s[label]['cpu'], 0.9):.0f})")
    plotly_kb = {label: med(s[label]["plotly"]) / 1000 for label in by_label}
    print("  of which Plotly's chunk (HTTP, as transferred): "
          + ", ".join(f"{label} {kb:.1f} KB" for label, kb in plotly_kb.items()))
    print(f"  map, the page open the clicks follow: websocket in {opened['ws_in'] / 1000:.1f} KB, "
          f"server CPU {opened['cpu']:.0f} ms")
    c = {k: [click[k] for click in clicks] for k in clicks[0]}
    print("== Per district click on /?lang=en (one context, first click not counted) ==")
    print(f"  click -> name shown          {ms(c['shown'])}")
    print(f"  websocket bytes received     {size(c['ws_in'])}  max {max(c['ws_in']) / 1000:.1f} KB")
    print(f"  websocket bytes sent         {size(c['ws_out'])}")
    print(f"  HTTP bytes                   {size(c['http'])}")
    print(f"  server CPU                   {ms(c['cpu'])}  (clock ticks of {TICK_MS:.0f} ms)")

    map_ms = med(s["map"]["map"])
    checks = [
        ("map drawn / bare 'Hello'", map_ms / med(s["bare"]["hello"]), BARE_RATIO, "x"),
        ("map drawn / baseline map drawn", map_ms / med(s["baseline"]["map"]), BASELINE_RATIO, "x"),
        ("/compare first paint / map drawn", med(s["compare"]["paint"]) / map_ms, PAGE_RATIO, "x"),
        ("/present first paint / map drawn", med(s["present"]["paint"]) / map_ms, PAGE_RATIO, "x"),
        ("Plotly KB on the map page (max)", max(s["map"]["plotly"]) / 1000, 0, " KB"),
        ("Plotly KB on /present (max)", max(s["present"]["plotly"]) / 1000, 0, " KB"),
        ("websocket KB received per click (median)", med(c["ws_in"]) / 1000, CLICK_BYTES / 1000, " KB"),
        ("server CPU per click (median)", med(c["cpu"]), CLICK_CPU_MS, " ms"),
    ]
    print("== Targets (ratios of medians) ==")
    ok_all = True
    for what, value, limit, unit in checks:
        ok = value <= limit
        ok_all &= ok
        fmt = ".2f" if unit == "x" else ".1f"
        print(f"  {what:<42} {value:8{fmt}}{unit:<3} <= {limit:g}{unit}: {verdict(ok)}")
    print(f"  (also: /compare heading / map drawn {med(s['compare']['heading']) / map_ms:.2f}x, "
          f"/present title / map drawn {med(s['present']['heading']) / map_ms:.2f}x, "
          f"map heading / map drawn {med(s['map']['heading']) / map_ms:.2f}x)")
    return ok_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the app checkout to serve (default: this one)")
    parser.add_argument("--loads", type=int, default=5, help="measured loads per page (after one warm-up)")
    parser.add_argument("--clicks", type=int, default=12, help="measured district clicks (after one warm-up)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args()
    root = args.root.resolve()
    t0 = time.monotonic()
    pages = targets(root)
    by_label = {tg.label: tg for tg in pages}

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        naive_dir = Path(tmp) / "naive"
        naive_dir.mkdir()
        (naive_dir / "naive_app.py").symlink_to(root / "tests" / "bench" / "naive_app.py")
        (naive_dir / "static").symlink_to(root / "static", target_is_directory=True)
        servers: dict[str, Server] = {}
        try:
            # All three start before anything is measured; idle, they do not load the CPU.
            servers["app"] = start_streamlit("app.py", cwd=root, log_dir=Path(tmp))
            servers["baseline"] = start_streamlit(naive_dir / "naive_app.py", cwd=root, log_dir=Path(tmp))
            servers["bare"] = start_streamlit(Path(__file__).resolve().parent / "bare_app.py", cwd=root,
                                              log_dir=Path(tmp))
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                try:
                    for tg in pages:  # warm-up: server caches, first-run imports
                        load(browser, servers[tg.server], tg)
                    for _ in range(args.loads):  # round-robin: slow drift in the machine's load hits all alike
                        for tg in pages:
                            tg.loads.append(load(browser, servers[tg.server], tg))
                    opened, clicks = measure_clicks(browser, servers["app"], by_label["map"], args.clicks)
                finally:
                    browser.close()
        except BaseException:
            for label, server in servers.items():
                print(f"--- {label} server log (tail) ---\n{server.log()[-3000:]}", file=sys.stderr)
            raise
        finally:
            for server in servers.values():
                server.stop()

    ok = report(root, by_label, opened, clicks)
    if args.json:
        args.json.write_text(json.dumps({"root": str(root), "loads": {tg.label: tg.loads for tg in pages},
                                         "click_page_open": opened, "clicks": clicks}, indent=1))
    print(f"(bench took {time.monotonic() - t0:.0f} s)")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
