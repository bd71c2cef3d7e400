"""The websocket is compressed on the wire through nginx (issue 21): Chromium and Streamlit agree on
permessage-deflate (``enableWebsocketCompression`` in .streamlit/config.toml) and nginx passes the offer through, so
a page open moves well under its payload over a hall's Wi-Fi (tests/bench/bench_ws_wire.py measures ~0.4 of it).

Skipped when nginx is not installed (``make test`` installs Debian's package).
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import VIEWPORT, wait_map_ready, wait_script_idle
from playwright.sync_api import Browser
from test_e2e_nginx import two_replicas

from deploy.topology import Topology, nginx_binary

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (make test installs it with apt)"),
]

STREAM = re.compile(r'"GET /_stcore/stream[^"]*" 101 (?P<sent>\d+) ')  # $body_bytes_sent: what went to the phone
WIRE_SHARE = 0.6  # of the payload at most (uncompressed, the wire carries the payload and frame headers: > 1.0)


@pytest.fixture(scope="module")
def topo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    yield from two_replicas(tmp_path_factory.mktemp("ws-wire"))


def streams_sent(log: Path) -> list[int]:
    return [int(m["sent"]) for m in STREAM.finditer(log.read_text(encoding="utf-8"))] if log.exists() else []


def test_a_page_open_moves_less_than_its_payload_over_the_websocket(browser: Browser, topo: Topology) -> None:
    before = len(streams_sent(topo.access_log))
    ctx = browser.new_context(viewport=VIEWPORT)
    payload = 0

    def frame(event: dict) -> None:
        nonlocal payload
        data = event["response"].get("payloadData", "")
        payload += len(base64.b64decode(data)) if event["response"].get("opcode") == 2 else len(data.encode())

    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.on("Network.webSocketFrameReceived", frame)
        cdp.send("Network.enable")
        page.goto(f"{topo.url}/?district=azabu&lang=ja")
        wait_map_ready(page)
        page.locator("#key-figures").wait_for(timeout=30_000)  # the page's second run (the map first)
        wait_script_idle(page)
    finally:
        ctx.close()  # nginx logs a websocket when it closes
    deadline = time.monotonic() + 20
    while len(sent := streams_sent(topo.access_log)) <= before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(sent) == before + 1, f"nginx logged {len(sent) - before} websockets for one page open"
    assert payload > 20_000, f"only {payload} B of payload: the page did not run"
    assert sent[-1] < WIRE_SHARE * payload, f"{sent[-1]} B on the wire for {payload} B of payload"
