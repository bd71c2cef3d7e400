"""Browser load driver: real Chromium sessions (async Playwright), each a resident on the map page.

Each session opens ``/?district=…&lang=…`` in its own browser context (own cookies, so own replica and
Streamlit session), waits for the map to be drawn and the script run to end (page open), then chooses other
districts in the district picker (a radio group) with think time. A change is timed inside the page: from the
click on the option to the profile heading (``#selected-district``, an h2) showing the chosen name. Websocket
bytes are the payloads Chromium received and sent from the click until the run ended and the page was quiet for
300 ms.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable

import bench_paths  # noqa: F401 - puts the root and tests/e2e on sys.path
from harness import CHROMIUM, CHROMIUM_ARGS, HEADING_LOG_JS, IDLE_APP, MAP_IFRAME, VIEWPORT  # noqa: E402
from load_ws import DISTRICTS, LANGS, Sample  # noqa: E402
from playwright.async_api import Browser, Page, WebSocket, async_playwright  # noqa: E402

from atlas.districts import area_label, districts  # noqa: E402
from atlas.i18n import t  # noqa: E402

PROBE_JS = """
(() => {
  if (window.top !== window) { return; }
  const now = () => performance.now();
  window.__lastClick = 0;
  document.addEventListener('click', () => { window.__lastClick = now(); }, true);
  __HEADING_LOG__
})();
""".replace("__HEADING_LOG__", HEADING_LOG_JS)
SHOWN_AFTER_CLICK_JS = """
(name) => { const e = window.__h3log.find(e => e.text === name && e.at >= window.__lastClick);
            return e ? e.at - window.__lastClick : null; }
"""


class Traffic:
    """Websocket payload bytes a page received and sent."""

    def __init__(self, page: Page) -> None:
        self.total = 0
        page.on("websocket", self._attach)

    def _attach(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._count)
        ws.on("framesent", self._count)

    def _count(self, payload: str | bytes) -> None:
        self.total += len(payload.encode() if isinstance(payload, str) else payload)


async def quiet_idle(page: Page, timeout_ms: float) -> None:
    """The script run is over and stays over for 300 ms (a component message may start another run)."""
    await page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout_ms)
    await page.wait_for_timeout(300)
    await page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout_ms)


class BrowserSession:
    """One Chromium context on the map page."""

    def __init__(self, browser: Browser, base: str, rng: random.Random, timeout_ms: float) -> None:
        self.browser, self.base, self.rng, self.timeout_ms = browser, base, rng, timeout_ms
        self.lang = rng.choice(LANGS)
        self.slug = rng.choice(DISTRICTS)
        self.current = area_label(self.slug, self.lang)
        self.ok = False
        self.page: Page | None = None
        self.traffic: Traffic | None = None

    async def open(self) -> Sample:
        start = time.perf_counter()
        error = None
        try:
            ctx = await self.browser.new_context(viewport=VIEWPORT, locale="en-GB")
            ctx.set_default_timeout(self.timeout_ms)
            await ctx.add_init_script(PROBE_JS)
            self.page = await ctx.new_page()
            self.traffic = Traffic(self.page)
            await self.page.goto(f"{self.base}/?district={self.slug}&lang={self.lang}", timeout=self.timeout_ms)
            iframe = self.page.locator(MAP_IFRAME)
            await iframe.wait_for(state="visible")
            frame = await (await iframe.element_handle()).content_frame()
            assert frame is not None, "map iframe has no frame"
            await frame.wait_for_function("() => window.MinatoMap && window.MinatoMap.ready === true",
                                          timeout=self.timeout_ms)
            await quiet_idle(self.page, self.timeout_ms)
            self.ok = True
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:200]
        return Sample("open", (time.perf_counter() - start) * 1000, error, self.traffic.total if self.traffic else 0)

    async def change(self) -> Sample:
        page, traffic = self.page, self.traffic
        assert page is not None and traffic is not None
        labels = [area_label(None, self.lang)] + [d.name(self.lang) for d in districts()]
        label = self.rng.choice([x for x in labels if x != self.current])
        start, before, error = time.perf_counter(), traffic.total, None
        ms: float | None = None
        try:
            picker = page.get_by_role("radiogroup", name=t("district_select", self.lang))  # one tap per change
            if await picker.count():
                await picker.get_by_text(label, exact=True).click()
            else:  # a checkout from before issue 21 (--app-root): the picker was a selectbox
                await page.get_by_role("combobox", name=t("district_select", self.lang)).click()
                await page.get_by_role("option", name=label, exact=True).click()
            await page.wait_for_function(f"(name) => ({SHOWN_AFTER_CLICK_JS})(name) !== null", arg=label,
                                         timeout=self.timeout_ms)
            ms = await page.evaluate(SHOWN_AFTER_CLICK_JS, label)
            await quiet_idle(page, self.timeout_ms)
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:200]
        self.current = label
        elapsed = ms if ms is not None else (time.perf_counter() - start) * 1000
        return Sample("change", elapsed, error, traffic.total - before)

    async def close(self) -> None:
        if self.page is not None:
            await self.page.context.close()


async def run_browser(base: str, n: int, changes: int, think: float, jitter: float, ramp_s: float, seed: int,
                      timeout_s: float, on_opened: Callable[[], None]) -> tuple[list[Sample], list[Sample]]:
    """``n`` Chromium sessions: opens spread over ``ramp_s``, ``on_opened`` once all opened, then changes."""
    opens: list[Sample] = []
    changed: list[Sample] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        sessions = [BrowserSession(browser, base, random.Random(seed + i), timeout_s * 1000) for i in range(n)]

        async def opener(i: int, s: BrowserSession) -> None:
            await asyncio.sleep(ramp_s * i / max(1, n))
            opens.append(await s.open())

        await asyncio.gather(*(opener(i, s) for i, s in enumerate(sessions)))
        on_opened()

        async def clicker(s: BrowserSession, rng: random.Random) -> None:
            if not s.ok:
                return
            await asyncio.sleep(rng.uniform(0, think))
            for _ in range(changes):
                sample = await s.change()
                changed.append(sample)
                if sample.error:
                    return
                await asyncio.sleep(max(0.0, think + rng.uniform(-jitter, jitter)))

        rng = random.Random(seed)
        await asyncio.gather(*(clicker(s, random.Random(rng.random())) for s in sessions))
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        await browser.close()
    return opens, changed


def run(base: str, n: int, **kwargs: object) -> tuple[list[Sample], list[Sample]]:
    """Synchronous entry point for :func:`run_browser`."""
    coro: Awaitable[tuple[list[Sample], list[Sample]]] = run_browser(base, n, **kwargs)  # type: ignore[arg-type]
    return asyncio.run(coro)  # type: ignore[arg-type]
