"""Websocket bytes on the wire per page open, through nginx (issue 21): what a hall's Wi-Fi carries.

Usage: ``.venv/bin/python tests/bench/bench_ws_wire.py [--root PATH] [--opens 5] [--pages map,compare,present]
[--changes 6] [--out FILE.txt]``

``make bench-pages`` counts the websocket's payloads (CDP's frames, as the page's script reads them); a hall's
Wi-Fi carries what nginx sends, which is smaller when the browser and Streamlit agree on permessage-deflate
(``server.enableWebsocketCompression``). The checkout ``--root`` is served by its own ``deploy/topology.py``
(2 replicas + nginx, as ``make serve``); each page is opened ``--opens`` times in a fresh Chromium context until
the script is idle and the websocket quiet, then the context closes; nginx logs a websocket when it closes, with
``$body_bytes_sent``: the bytes it sent on it after the handshake. The map page is then opened once more and its
district picked ``--changes`` times in turn (one context, one websocket). Reported: per page, the medians of the
payload (CDP) and of the wire (nginx), and their ratio; the same for that session. Run it with
``STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION=false`` in the environment for the figures without compression.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from bench_paths import ROOT

# isort: split
from bench_pages import NetMeter, settle  # noqa: E402
from bench_phone import PAGES, Served  # noqa: E402
from harness import launch_browser, wait_map_ready  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from atlas.districts import district_by_id  # noqa: E402

STREAM_LINE = re.compile(r'"GET /_stcore/stream[^"]*" 101 (?P<sent>\d+) ')
DISTRICTS = ("shiba", "akasaka", "takanawa", "shibaura-konan", "azabu")  # the map page opens on Azabu


def stream_sends(log: Path) -> list[int]:
    """``$body_bytes_sent`` of every websocket nginx has logged (in the order they closed)."""
    if not log.exists():
        return []
    return [int(m["sent"]) for m in STREAM_LINE.finditer(log.read_text(encoding="utf-8"))]


def wait_logged(log: Path, count: int, timeout_s: float = 20.0) -> list[int]:
    """The websockets logged once there are ``count`` of them (nginx writes a line when one closes)."""
    deadline = time.monotonic() + timeout_s
    while len(sends := stream_sends(log)) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"nginx logged {len(sends)} websockets, expected {count}: {log}")
        time.sleep(0.1)
    return sends


def open_once(browser, url: str, changes: int = 0) -> int:
    """A fresh context on ``url`` until settled, then ``changes`` district changes in the picker: payload bytes in."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    meter = NetMeter(ctx, page)
    try:
        page.goto(url, timeout=120_000)
        settle(page, meter)
        if changes:
            wait_map_ready(page, timeout_ms=60_000)
            settle(page, meter)
            for i in range(changes):  # the picker's options (the same run as a map click: select_district)
                name = district_by_id(DISTRICTS[i % len(DISTRICTS)]).name("ja")
                page.locator(".st-key-district_select label").filter(has_text=name).click()
                page.locator("#selected-district").filter(has_text=name).wait_for(timeout=60_000)
                settle(page, meter)
        return meter.snapshot()[0]
    finally:
        ctx.close()


def logged_open(browser, url: str, log: Path, changes: int = 0) -> tuple[int, int]:
    """One :func:`open_once` and its websocket's line in nginx's log: (payload bytes, bytes on the wire). Each open
    waits for its own line, so a line written late is never taken for the next open's."""
    before = len(stream_sends(log))
    payload = open_once(browser, url, changes)
    return payload, wait_logged(log, before + 1)[before]


def compression_setting(root: Path) -> str:
    """``server.enableWebsocketCompression`` as the replicas get it: the environment's, else the checkout's config."""
    if (env := os.environ.get("STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION")) is not None:
        return f"{env} (environment)"
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return f"{config.get('server', {}).get('enableWebsocketCompression', False)} (.streamlit/config.toml)"


def median_kb(values: list[int]) -> float:
    return statistics.median(values) / 1e3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument("--pages", default="map,compare,present")
    ap.add_argument("--changes", type=int, default=6, help="district changes after one more map page open")
    ap.add_argument("--out", type=Path, help="also write the report here")
    a = ap.parse_args(argv)
    root = a.root.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-ws-wire-"))
    server = Served(root, root / "app.py", "nginx", work)
    server.start()
    log = work / "nginx-app" / "access.log"
    lines = [f"== Websocket bytes per page open through nginx: {root}; websocket compression "
             f"{compression_setting(root)}; {a.opens} opens per page, medians =="]
    try:
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            pages = [p for p in a.pages.split(",") if p]
            for page in pages:  # warm the servers' caches
                logged_open(browser, server.url + PAGES[page], log)
            for page in pages:
                opens = [logged_open(browser, server.url + PAGES[page], log) for _ in range(a.opens)]
                payload, wire = [o[0] for o in opens], [o[1] for o in opens]
                lines.append(f"  {page:<8} payload {median_kb(payload):6.1f} KB   wire {median_kb(wire):6.1f} KB   "
                             f"wire / payload {statistics.median(wire) / statistics.median(payload):.2f}")
            if a.changes:
                payload, wire = logged_open(browser, server.url + PAGES["map"], log, changes=a.changes)
                lines.append(f"  map open + {a.changes} district changes (one session): payload {payload / 1e3:.1f} KB"
                             f"   wire {wire / 1e3:.1f} KB   wire / payload {wire / payload:.2f}")
            browser.close()
    finally:
        server.stop()
    text = "\n".join(lines)
    print(text)
    if a.out:
        a.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
