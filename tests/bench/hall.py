"""A hall, simulated (issue 21): the first visit of many phones within a minute, through nginx with 2 replicas.

Usage: ``.venv/bin/python tests/bench/hall.py [--phones 100] [--window 60] [--root PATH] [--out FILE.json]``

The checkout ``--root`` (default: this one) is served by its own ``deploy/topology.py`` (2 replicas + nginx, as
``make serve``; tests/bench/bench_phone.py starts it). Each phone is its own Chromium context (own cache and
cookies: a first visit) in one headless Chromium, throttled through CDP ``Network.emulateNetworkConditions``
(default: Lighthouse's slow 4G, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; ``--cpu 4`` also slows its
CPU, which on a 2-core machine running 100 phones and the servers is slow already). Phones start at random
moments within ``--window`` seconds on the map page (a random district and language). Reported: time from
the start of the navigation to the map drawn (``MinatoMap.ready`` in the map's frame), p50 / p95 / max, the
errors, and the load average before and after. The machine runs the phones too: read it as a bound.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_paths import ROOT

# isort: split
from bench_map import pctl  # noqa: E402
from bench_phone import Served  # noqa: E402
from harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from load_ws import DISTRICTS, LANGS  # noqa: E402
from playwright.async_api import Browser, async_playwright  # noqa: E402

SLOW_4G = {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
PHONE_VIEWPORT = {"width": 390, "height": 844}


async def phone(browser: Browser, base: str, start: float, rng: random.Random, cpu: float,
                timeout_s: float) -> dict:
    """One phone's first visit: seconds from navigation to the map drawn, or the error."""
    await asyncio.sleep(start)
    slug, lang = rng.choice(DISTRICTS), rng.choice(LANGS)
    ctx = await browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, locale="ja-JP")
    ctx.set_default_timeout(timeout_s * 1000)
    out: dict = {"start": start, "district": slug, "lang": lang}
    try:
        page = await ctx.new_page()
        cdp = await ctx.new_cdp_session(page)
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_4G})
        if cpu > 1:
            await cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        began = time.perf_counter()
        await page.goto(f"{base}/?district={slug}&lang={lang}", wait_until="commit")
        iframe = page.locator('iframe[src*="/component/components.leaflet_map.map/"]')
        await iframe.wait_for(state="attached")
        frame = await (await iframe.element_handle()).content_frame()
        assert frame is not None, "map iframe has no frame"
        await frame.wait_for_function("() => window.MinatoMap && window.MinatoMap.ready === true")
        out["map_s"] = time.perf_counter() - began
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:200]
    finally:
        await ctx.close()
    return out


async def hall(base: str, phones: int, window: float, seed: int, cpu: float, timeout_s: float) -> list[dict]:
    rng = random.Random(seed)
    starts = sorted(rng.uniform(0, window) for _ in range(phones))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(phone(browser, base, s, random.Random(rng.random()), cpu, timeout_s)
                                          for s in starts))
        finally:
            await browser.close()


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phones", type=int, default=100)
    ap.add_argument("--window", type=float, default=60.0, help="seconds within which the phones start")
    ap.add_argument("--cpu", type=float, default=1.0, help="CPU slowdown per phone (CDP); 1 = none")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds before a phone counts as an error")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to serve")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "bench" / "results" / "hall.json")
    a = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-hall-"))
    server = Served(a.root.resolve(), a.root.resolve() / "app.py", "nginx", work)
    server.start()
    try:
        before = loadavg()
        began = time.monotonic()
        results = asyncio.run(hall(server.url, a.phones, a.window, a.seed, a.cpu, a.timeout))
        took = time.monotonic() - began
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    times = [r["map_s"] for r in results if "map_s" in r]
    errors = [r["error"] for r in results if "error" in r]
    summary = {"phones": a.phones, "window_s": a.window, "cpu_slowdown": a.cpu, "network": SLOW_4G,
               "root": str(a.root.resolve()), "loadavg_before": before, "loadavg_after": loadavg(),
               "seconds": round(took, 1), "drawn": len(times), "errors": len(errors),
               "error_kinds": sorted(set(errors)),
               "map_drawn_s": {"p50": round(statistics.median(times), 2), "p95": round(pctl(times, 0.95), 2),
                               "max": round(max(times), 2)} if times else None,
               "phones_detail": results}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    m = summary["map_drawn_s"]
    print(f"{a.phones} phones in {a.window:.0f} s (2 replicas behind nginx, slow 4G, CPU x{a.cpu:g}): map drawn "
          + (f"p50 {m['p50']:.1f} s, p95 {m['p95']:.1f} s, max {m['max']:.1f} s" if m else "never")
          + f"; {len(errors)} errors; load {before} -> {summary['loadavg_after']}; {a.out}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
