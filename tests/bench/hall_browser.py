"""Real Chromium phones for the simulated hall (tests/bench/hall.py): the recorded first visit and the measured ones.

* :func:`record_visit`: one unthrottled first visit of the map page; every request to the server, in order,
  labelled by phase: ``page`` (the main frame's requests before the websocket opened: the page, Streamlit's
  scripts, styles and fonts, health and host-config), ``run`` (the main frame's later requests, e.g. the
  widgets' lazy chunks) and ``frame`` (the map frame's: its page, Leaflet, our scripts, the map layers' JSON).
  The protocol phones (tests/bench/hall_client.py) replay these lists.
* :func:`measured_phone`: a first visit in its own context (own cache and cookies), throttled through CDP
  (``Network.emulateNetworkConditions``: slow 4G; ``Emulation.setCPUThrottlingRate``), timed from the
  navigation to the map drawn (``MinatoMap.ready`` in the map's frame).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from bench_paths import ROOT  # noqa: F401 - puts tests/e2e on sys.path

# isort: split
from harness import IDLE_APP, MAP_IFRAME  # noqa: E402
from playwright.async_api import Browser, BrowserContext, Page, Request  # noqa: E402

SLOW_4G = {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}  # Lighthouse mobile
PHONE_VIEWPORT = {"width": 390, "height": 844}
MAP_READY = "() => window.MinatoMap && window.MinatoMap.ready === true"


async def phone_context(browser: Browser, timeout_s: float) -> BrowserContext:
    ctx = await browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, locale="ja-JP")
    ctx.set_default_timeout(timeout_s * 1000)
    return ctx


async def wait_map_drawn(page: Page) -> None:
    iframe = page.locator(MAP_IFRAME)
    await iframe.wait_for(state="attached")
    frame = await (await iframe.element_handle()).content_frame()
    assert frame is not None, "map iframe has no frame"
    await frame.wait_for_function(MAP_READY)


async def record_visit(browser: Browser, base: str, path: str, timeout_s: float = 120.0) -> dict:
    """One unthrottled first visit of ``path``: its requests to ``base``'s host by phase, and its Accept-Encoding."""
    ctx = await phone_context(browser, timeout_s)
    seen: list[Request] = []
    ws_after: list[int] = []
    try:
        page = await ctx.new_page()
        page.on("request", lambda req: seen.append(req))
        page.on("websocket", lambda _ws: ws_after.append(len(seen)))
        await page.goto(base + path, wait_until="commit")
        await wait_map_drawn(page)
        await page.locator(IDLE_APP).wait_for(state="attached")
        await page.wait_for_load_state("networkidle")
        host = urlsplit(base).netloc
        split = ws_after[0] if ws_after else len(seen)
        requests = []
        for i, req in enumerate(seen):
            parts = urlsplit(req.url)
            if parts.netloc != host or parts.path == "/_stcore/stream":
                continue
            phase = "frame" if req.frame != page.main_frame else ("page" if i < split else "run")
            requests.append({"path": parts.path + (f"?{parts.query}" if parts.query else ""), "phase": phase})
        headers = await seen[0].all_headers()
    finally:
        await ctx.close()
    return {"path": path, "accept_encoding": headers.get("accept-encoding", ""), "requests": requests}


def counted(on_bytes: Callable[[int], None]) -> Callable[[dict], None]:
    """A CDP event handler passing the bytes a finished response or a websocket frame brought to ``on_bytes``."""

    def handler(event: dict) -> None:
        if "encodedDataLength" in event:
            on_bytes(int(event["encodedDataLength"]))
        elif "response" in event:  # a websocket frame: binary payloads come base64-encoded
            data = event["response"].get("payloadData", "")
            on_bytes(len(data) * 3 // 4 if event["response"].get("opcode") == 2 else len(data))

    return handler


async def measured_phone(browser: Browser, base: str, path: str, start: float, cpu: float, timeout_s: float,
                         on_bytes: Callable[[int], None]) -> dict:
    """One phone's first visit at ``start`` s: seconds from the navigation to the map drawn, or the error.

    Every byte it receives is also passed to ``on_bytes`` (the hall's Wi-Fi books them; they are not delayed)."""
    await asyncio.sleep(start)
    ctx = await phone_context(browser, timeout_s)
    out: dict = {"start": round(start, 2), "path": path}
    try:
        page = await ctx.new_page()
        cdp = await ctx.new_cdp_session(page)
        for event in ("Network.loadingFinished", "Network.webSocketFrameReceived"):
            cdp.on(event, counted(on_bytes))
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_4G})
        if cpu > 1:
            await cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        began = time.perf_counter()
        await page.goto(base + path, wait_until="commit")
        await wait_map_drawn(page)
        out["map_s"] = round(time.perf_counter() - began, 2)
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:200]
    finally:
        await ctx.close()
    return out
