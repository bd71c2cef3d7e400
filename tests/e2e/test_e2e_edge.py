"""The edge through nginx with 2 replicas (issue 22): foreign websocket Origins get 403 at nginx, a hall of 100
phones behind one address is never refused, and a flood of foreign handshakes leaves a real session's district
change fast and every replica alive.

Skipped when nginx is not installed (``make test`` installs Debian's package).
"""

from __future__ import annotations

import asyncio
import http.client
import re
import threading
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from harness import (
    H3,
    MAIN,
    VIEWPORT,
    click_target,
    scroll_map_into_view,
    wait_map_ready,
    wait_script_idle,
    wait_view_settled,
)
from playwright.sync_api import Browser, Frame, Page, expect
from test_e2e_nginx import CSV, LANG, two_replicas
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from atlas.compare import all_views
from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.upload import parse_upload
from deploy.edge import LIMITS
from deploy.topology import COOKIE, Topology, nginx_binary
from geo.layers import district_shapes

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (make test installs it with apt)"),
]

HALL = 100
FOREIGN = "https://evil.example"
T = TypeVar("T")
PUBLIC_HOST = "minato.example"  # the site's public name: the test connects to 127.0.0.1 with this Host header


@pytest.fixture(scope="module")
def topo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    yield from two_replicas(tmp_path_factory.mktemp("edge"), PUBLIC_HOST)


def off_loop(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: Playwright's sync API keeps an event loop running in this one
    whenever another test of the session has started the browser."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def handshake(url: str, origin: str | None, cookie: str | None = None, hold: asyncio.Event | None = None,
                    opened: list[int] | None = None) -> int:
    """The HTTP status of a websocket handshake (101 when it opened; then kept open until ``hold`` is set).
    The connection goes to 127.0.0.1 whatever host ``url`` names (which is the Host header)."""
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else None
    try:
        async with connect(url, origin=origin, subprotocols=["streamlit"],  # type: ignore[arg-type]
                           additional_headers=headers, open_timeout=60, ping_interval=None, host="127.0.0.1"):
            if opened is not None:
                opened.append(101)
            if hold is not None:
                await hold.wait()
            return 101
    except InvalidStatus as exc:
        return exc.response.status_code


def stream_url(base: str) -> str:
    return base.replace("http://", "ws://", 1) + "/_stcore/stream"


def test_only_the_sites_own_origins_open_the_websocket(topo: Topology) -> None:
    port = topo.port
    public = f"http://{PUBLIC_HOST}:{port}"  # as a browser that reached the site by its public name
    cases = {(topo.url, topo.url): 101, (topo.url, f"http://localhost:{port}"): 101, (public, public): 101,
             (topo.url, None): 101, (topo.url, FOREIGN): 403, (topo.url, "null"): 403,
             (topo.url, f"http://localhost:{port + 10}"): 403, (topo.url, f"https://127.0.0.1:{port}"): 403,
             (public, f"http://{PUBLIC_HOST}.evil.example:{port}"): 403}

    async def run() -> list[int]:
        return [await handshake(stream_url(site), origin) for site, origin in cases]

    assert dict(zip(cases, off_loop(run()), strict=True)) == cases
    # the 403s were nginx's own: no replica was asked
    log = topo.access_log.read_text(encoding="utf-8").splitlines()
    refused = [line for line in log if "/_stcore/stream" in line and " 403 " in line]
    assert len(refused) == list(cases.values()).count(403) and all("upstream=-" in line for line in refused)


def put_status(url: str, path: str) -> int:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n--b--\r\n'
    try:
        conn.request("PUT", path, body=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_hall_of_100_phones_behind_one_address_is_never_refused(topo: Topology) -> None:
    """100 page loads and 100 websockets held open at once, all from 127.0.0.1, within a minute; then 100 uploads.
    A client far above that (the 300-file upload flood) is refused with 429."""
    started = time.monotonic()
    with ThreadPoolExecutor(32) as pool:
        pages = list(pool.map(lambda _: urllib.request.urlopen(topo.url + "/?lang=ja", timeout=60), range(HALL)))
    statuses = [p.status for p in pages]
    cookies = [p.headers["Set-Cookie"].split(";")[0].split("=", 1)[1] for p in pages]

    async def open_all() -> list[int]:
        """Every websocket open at the same time (as the hall's phones are), then all closed."""
        hold, opened = asyncio.Event(), []
        tasks = [asyncio.create_task(handshake(stream_url(topo.url), topo.url, c, hold, opened)) for c in cookies]
        while len(opened) < HALL and not all(t.done() for t in tasks) and time.monotonic() - started < 60:
            await asyncio.sleep(0.05)
        hold.set()
        return await asyncio.gather(*tasks)

    opened = off_loop(open_all())
    assert statuses == [200] * HALL and opened == [101] * HALL, (statuses, opened)
    assert time.monotonic() - started < 60
    with ThreadPoolExecutor(32) as pool:
        uploads = list(pool.map(lambda i: put_status(topo.url, f"/_stcore/upload_file/s{i}/f{i}"), range(HALL)))
        assert 429 not in uploads, uploads
        flood = list(pool.map(lambda i: put_status(topo.url, f"/_stcore/upload_file/x/{i}"),
                              range(LIMITS.upload_burst + 100)))
    assert flood.count(429) >= 50, f"no per-client upload limit: {sorted(set(flood))}"


class HealthWatch(threading.Thread):
    """Polls every replica's /_stcore/health directly, as deploy/serve.py's supervisor does; keeps the slowest."""

    def __init__(self, topo: Topology) -> None:
        super().__init__(daemon=True)
        self.topo, self.slowest, self.failures, self.stop = topo, 0.0, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for node in self.topo.nodes:
                start = time.monotonic()
                try:
                    urllib.request.urlopen(node.health_url, timeout=3).read()
                except OSError:
                    self.failures += 1
                self.slowest = max(self.slowest, time.monotonic() - start)
            time.sleep(0.1)


def flood(targets: list[str], stop: threading.Event, statuses: list[int]) -> None:
    """Rounds of 100 parallel handshakes from a foreign Origin at each target until ``stop``."""
    async def rounds() -> None:
        while not stop.is_set():
            for url in targets:
                statuses.extend(await asyncio.gather(*(handshake(url, FOREIGN) for _ in range(100))))

    asyncio.run(rounds())


def click_district(page: Page, frame: Frame, slug: str) -> float:
    """Click ``slug`` on the map, as a resident does, and wait for the page to show it; returns the click's
    ``time.monotonic()``."""
    scroll_map_into_view(page)
    wait_view_settled(frame)
    x, y = click_target(page, frame, district_shapes()[slug])
    page.mouse.click(x, y)
    clicked = time.monotonic()
    name = district_by_id(slug).name(LANG)
    expect(page.locator(H3)).to_have_text(re.compile(rf"^\s*{re.escape(name)}\s*$"), timeout=20_000)
    return clicked


def test_a_flood_of_foreign_handshakes_leaves_a_session_fast(browser: Browser, topo: Topology) -> None:
    """100 parallel foreign handshakes at a time through nginx while a resident changes district. (The replicas'
    own refusal without the external-IP lookup is counted by the audit: tests/hardening/test_edge_audit.py.)"""
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    ctx.set_default_timeout(30_000)
    pids = topo.replica_pids()
    try:
        page = ctx.new_page()
        page.goto(f"{topo.url}/?lang={LANG}")  # the whole ward: every district on the map
        frame = wait_map_ready(page)
        wait_script_idle(page)
        quiet = 0.0
        for slug in ("akasaka", "azabu"):  # the same changes without a flood: this machine's pace now
            entered = click_district(page, frame, slug)
            quiet = max(quiet, time.monotonic() - entered)
            wait_script_idle(page)

        watch, stop, statuses = HealthWatch(topo), threading.Event(), []
        flooder = threading.Thread(target=flood, args=([stream_url(topo.url)], stop, statuses), daemon=True)
        watch.start()
        flooder.start()
        while len(statuses) < 200:
            time.sleep(0.05)
        changes = []
        for slug in ("takanawa", "azabu"):
            entered = click_district(page, frame, slug)
            changes.append(time.monotonic() - entered)
            wait_script_idle(page)
        stop.set()
        flooder.join(60)
        watch.stop.set()
        watch.join(10)
        print(f"flood: {len(statuses)} foreign handshakes, changes {[round(c, 2) for c in changes]} s "
              f"(quiet {quiet:.2f} s), slowest health check {watch.slowest:.2f} s")  # shown with pytest -s
        assert set(statuses) == {403} and len(statuses) >= 200, sorted(set(statuses))
        # within 1 s; on a machine so busy that a quiet change takes longer, within twice the slower quiet one
        # (a frozen replica took 5 to 35 s)
        assert max(changes) < max(1.0, 2 * quiet), f"changes took {changes} s in the flood, {quiet:.2f} s before"
        # no health check failed or came near the supervisor's 3 s timeout (deploy/serve.py restarts on 3 failures)
        assert watch.failures == 0 and watch.slowest < 2.0, f"health check took {watch.slowest:.2f} s"
        assert topo.replica_pids() == pids, "a replica was restarted"
    finally:
        ctx.close()


def test_an_upload_lost_with_its_replica_is_reported(browser: Browser, topo: Topology) -> None:
    """Upload on /compare, show its column, restart the replica holding the session; at the next click the page
    says the upload is gone (in the view's language) and its picker, URL and ranking agree."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    ctx.set_default_timeout(30_000)
    good = parse_upload(CSV.read_bytes(), CSV.name)
    views = all_views(LANG, None)
    try:
        page = ctx.new_page()
        page.goto(f"{topo.url}/compare?lang={LANG}")
        wait_map_ready(page)
        wait_script_idle(page)
        page.locator(f'{MAIN} input[type="file"]').set_input_files(CSV)
        ok = t("upload_ok", LANG, n=len(good.columns), level=t(f"level_{good.level}", LANG), encoding=good.encoding)
        expect(page.locator(MAIN).get_by_text(ok, exact=True)).to_be_visible()
        wait_script_idle(page)
        picker = page.get_by_role("combobox", name=t("indicator_select", LANG))

        def choose(name: str | re.Pattern[str]) -> None:
            picker.evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
            picker.click()
            page.get_by_role("option", name=name).first.click()

        choose(re.compile(re.escape(f"({t('uploaded_label', LANG)})")))
        expect(page).to_have_url(re.compile(r"[?&]indicator=upload(:|%3A)"))
        wait_script_idle(page)
        (replica,) = [c["value"] for c in ctx.cookies() if c["name"] == COOKIE]
        with page.expect_websocket(timeout=60_000):
            topo.restart_replica(int(replica[1:]) - 1)
        choose(views["density"].label)  # the next click, in a new session on a replica without the file
        lost = t("upload_lost", LANG)
        expect(page.locator(MAIN).get_by_text(lost[:60])).to_be_visible(timeout=60_000)
        wait_script_idle(page)
        expect(page).to_have_url(re.compile(r"[?&]indicator=population(&|$)"))
        shown = views["population"].label
        expect(picker).to_have_value(shown)
        expect(page.locator(MAIN).get_by_text(re.compile(rf"— {re.escape(shown)}$"))).to_be_visible()
    finally:
        ctx.close()
