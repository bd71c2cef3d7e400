"""Through nginx with 2 replicas (deploy/topology.py): security headers, session affinity, and two Chromium
sessions on different replicas that upload, download and click, one of them across a restart of its replica.

Skipped when nginx is not installed (``make test`` installs Debian's package).
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from harness import (
    H3,
    MAIN,
    ROOT,
    VIEWPORT,
    click_target,
    wait_map_ready,
    wait_script_idle,
    wait_until,
    wait_view_settled,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.upload import parse_upload
from deploy.csp import TILE_HOST
from deploy.topology import COOKIE, Topology, free_ports, nginx_binary, streamlit_static
from geo.layers import district_shapes

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (make test installs it with apt)"),
]

LANG = "en"
CSV = ROOT / "tests" / "unit" / "fixtures" / "upload" / "good_district_utf8.csv"
SCROLL_JS = "el => el.scrollIntoView({block: 'center', behavior: 'instant'})"
LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ cookie=(?P<cookie>\S+) '
                      r"upstream=(?P<upstream>.*) rt=")


@dataclass
class Hit:
    method: str
    path: str
    status: int
    cookie: str
    upstream: str  # the address that answered (the last one nginx tried)


def hits(topo: Topology, since: int = 0) -> list[Hit]:
    """The access log's requests written after byte ``since``."""
    out = []
    for line in topo.access_log.read_text(encoding="utf-8")[since:].splitlines():
        m = LOG_LINE.search(line)
        if m:
            out.append(Hit(m["method"], m["path"], int(m["status"]), m["cookie"], m["upstream"].split(", ")[-1]))
    return out


def logged(topo: Topology, since: int, keep: Callable[[Hit], bool], count: int) -> list[Hit]:
    """The requests after ``since`` that ``keep`` accepts, once there are ``count`` (nginx logs a request after
    answering it, a websocket when it closes), or as many as there are after 10 s."""
    deadline = time.monotonic() + 10
    while True:
        found = [h for h in hits(topo, since) if keep(h)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


@pytest.fixture(scope="module")
def topo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    """Two replicas of the app and nginx in front, on free ports; stopped by process group at the end."""
    yield from two_replicas(tmp_path_factory.mktemp("nginx"))


def two_replicas(run_dir: Path, public_host: str | None = None) -> Iterator[Topology]:
    """Start two replicas behind nginx on free ports (``public_host``: the site's public name, on nginx's port),
    yield the topology, stop it."""
    port = free_ports(3)
    topology = Topology(replicas=2, port=port, replica_port=port + 1, run_dir=run_dir,
                        public_url=f"http://{public_host}:{port}" if public_host else None)
    try:
        topology.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield topology
    topology.stop()


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, list[str]]]:
    """Status and headers (lower-case names, all values) of a GET, errors included."""
    req = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            status, headers = resp.status, resp.headers
    except urllib.error.HTTPError as exc:
        status, headers = exc.code, exc.headers
    out: dict[str, list[str]] = {}
    for name, value in headers.items():
        out.setdefault(name.lower(), []).append(value)
    return status, out


def csp_directives(value: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in value.split(";")) if d}


def test_security_headers_and_hidden_metrics(topo: Topology) -> None:
    for path in ("/", "/compare?lang=en", "/_stcore/health", "/app/static/map_frame/index.html", "/no-such-page.js",
                 "/app/static/no-such-file.html"):
        _, headers = get(topo.url + path)
        assert headers.get("x-frame-options") in (["DENY"], ["SAMEORIGIN"]), (path, headers)
        assert headers.get("x-content-type-options") == ["nosniff"], path
        (csp,) = headers["content-security-policy"]
        policy = csp_directives(csp)
        assert policy["frame-ancestors"] in (["'self'"], ["'none'"]), (path, csp)
        assert "'unsafe-inline'" not in policy["script-src"] and "*" not in policy["script-src"], (path, csp)
        assert all(s == "'self'" or s.startswith("'sha256-") for s in policy["script-src"]), (path, csp)
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], (path, csp)
        assert TILE_HOST in policy["img-src"] and "*" not in policy["img-src"], (path, csp)
        assert "server" not in headers or "nginx/" not in headers["server"][0], "nginx version shown"
    assert get(topo.url + "/_stcore/metrics")[0] == 404


def test_scripts_styles_and_data_carry_only_the_headers_that_apply_to_them(topo: Topology) -> None:
    """A script, style sheet or data file is not a document: it is sent nosniff, without the page's policy."""
    bundle = re.search(r'src="\./static/(js/[^"]+\.js)"', (streamlit_static().parent / "index.html").read_text())
    assert bundle is not None, "no script in Streamlit's index.html"
    for path in (f"/static/{bundle[1]}", "/app/static/districts_map.js", "/app/static/leaflet/leaflet.css"):
        status, headers = get(topo.url + path)
        assert status == 200, path
        assert headers.get("x-content-type-options") == ["nosniff"], path
        assert not {"content-security-policy", "x-frame-options", "referrer-policy"} & set(headers), (path, headers)


def test_fresh_clients_are_spread_and_stay_on_their_replica(topo: Topology) -> None:
    names = {node.name for node in topo.nodes}
    given = []
    for _ in range(6):
        _, headers = get(topo.url + "/")
        (cookie,) = [c for c in headers.get("set-cookie", []) if c.startswith(f"{COOKIE}=")]
        given.append(cookie.split(";")[0].split("=", 1)[1])
    assert set(given) == names, f"fresh clients got {given}"
    frame = "/component/components.leaflet_map.map/index.html"
    for name in sorted(names):
        since = topo.access_log.stat().st_size
        for path in ("/", "/_stcore/health", frame):
            _, headers = get(topo.url + path, cookie=name)
            assert not any(c.startswith(f"{COOKIE}=") for c in headers.get("set-cookie", [])), "cookie reset"
        port = topo.nodes[int(name[1:]) - 1].port
        mine = logged(topo, since, lambda h, name=name: h.cookie == name, 3)
        assert len(mine) == 3 and {h.upstream for h in mine} == {f"127.0.0.1:{port}"}, name


def test_static_files_come_from_disk_not_from_a_replica(topo: Topology) -> None:
    """Streamlit's hashed bundle and the app's static folder are served by nginx itself, as the files are."""
    index = (streamlit_static().parent / "index.html").read_text(encoding="utf-8")
    bundle = re.search(r'src="\./static/(js/[^"]+\.js)"', index)
    assert bundle is not None, "no script in Streamlit's index.html"
    since = topo.access_log.stat().st_size
    for path, file in ((f"/static/{bundle[1]}", streamlit_static() / bundle[1]),
                       ("/app/static/districts_map.js", ROOT / "static" / "districts_map.js")):
        with urllib.request.urlopen(topo.url + path, timeout=10) as resp:
            assert resp.read() == file.read_bytes(), path
            assert resp.headers["Content-Type"].startswith("application/javascript"), path
            assert resp.headers["X-Content-Type-Options"] == "nosniff", path
    served = logged(topo, since, lambda h: h.path.startswith(("/static/", "/app/static/")), 2)
    assert [h.upstream for h in served] == ["-", "-"], served  # no replica answered


def open_context(browser: Browser, topo: Topology, replica: str, problems: list[str]) -> tuple[BrowserContext, Page]:
    """A context whose affinity cookie names ``replica``; CSP violations and page errors go to ``problems``."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-GB", accept_downloads=True)
    ctx.set_default_timeout(30_000)
    ctx.add_cookies([{"name": COOKIE, "value": replica, "url": topo.url}])
    page = ctx.new_page()
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return ctx, page


def download(page: Page, name: str, timeout_ms: float = 60_000) -> tuple[str, bytes]:
    button = page.locator(MAIN).get_by_role("button", name=re.compile(re.escape(name)))
    expect(button.first).to_be_visible()
    with page.expect_download(timeout=timeout_ms) as info:
        button.first.click()
    assert info.value.failure() is None, info.value.failure()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def run_finished(data: str | bytes) -> bool:
    """Whether a websocket frame from the server is a ForwardMsg that ends a script run."""
    if isinstance(data, str):
        return False
    msg = ForwardMsg()
    msg.ParseFromString(data)
    return msg.WhichOneof("type") == "script_finished"


def pick(page: Page, slug: str) -> None:
    """Tap ``slug``'s option in the district picker (a radio group) and wait for the page to show it. A rerun that
    lands just as the option is tapped may draw the picker again with its old value: then the option is tapped
    once more."""
    name = district_by_id(slug).name(LANG)
    picker = page.locator(MAIN).get_by_role("radiogroup", name=t("district_select", LANG))
    picker.evaluate(SCROLL_JS)
    for attempt in range(2):
        picker.get_by_text(name, exact=True).click()
        try:
            expect(picker.get_by_role("radio", name=name, exact=True)).to_be_checked(timeout=3_000)
            break
        except AssertionError:
            if attempt:
                raise
    expect(page.locator(H3)).to_have_text(re.compile(rf"^\s*{re.escape(name)}\s*$"), timeout=20_000)
    expect(page).to_have_url(re.compile(rf"[?&]district={slug}(&|$)"))


def charts_drawn(page: Page) -> None:
    chart = page.locator('svg.chart-svg[role="figure"]').first
    expect(chart).to_be_attached(timeout=30_000)
    chart.evaluate(SCROLL_JS)


def test_two_sessions_on_two_replicas(browser: Browser, topo: Topology) -> None:
    problems: list[str] = []
    sessions = [open_context(browser, topo, node.name, problems) for node in topo.nodes]
    pages = [page for _, page in sessions]
    good = parse_upload(CSV.read_bytes(), CSV.name)
    ok = t("upload_ok", LANG, n=len(good.columns), level=t(f"level_{good.level}", LANG), encoding=good.encoding)
    try:
        # /compare on both (loaded side by side): upload a CSV, download the table with the upload in it.
        for page in pages:
            page.goto(f"{topo.url}/compare?lang={LANG}")
        for page in pages:
            wait_map_ready(page)
            wait_script_idle(page)
            page.locator(f'{MAIN} input[type="file"]').set_input_files(CSV)
        for page in pages:
            expect(page.locator(MAIN).get_by_text(ok, exact=True)).to_be_visible(timeout=30_000)
            wait_script_idle(page)
            name, data = download(page, t("download_table_csv", LANG))
            assert name.endswith(".csv") and data.startswith(b"\xef\xbb\xbf"), name
            header = data.decode("utf-8-sig").splitlines()[0]
            assert all(c in header for c in good.columns), header

        # The map page: the map draws, charts show, a picker change and a map click, both handouts.
        for page, slug in zip(pages, ("takanawa", "shiba"), strict=True):
            page.goto(f"{topo.url}/?district={slug}&lang={LANG}")
        for page in pages:
            frame = wait_map_ready(page)
            wait_script_idle(page)
            charts_drawn(page)
        pick(pages[1], "akasaka")
        page = pages[0]
        frame = wait_map_ready(page)
        wait_view_settled(frame)
        page.locator(H3).evaluate(SCROLL_JS)
        x, y = click_target(page, frame, district_shapes()["azabu"])
        page.mouse.click(x, y)
        expect(page).to_have_url(re.compile(r"[?&]district=azabu(&|$)"), timeout=20_000)
        for page, slug in zip(pages, ("azabu", "akasaka"), strict=True):
            name, data = download(page, t("download_handout", LANG))
            assert name == f"minato-{slug}-handout-{LANG}.pdf" and data.startswith(b"%PDF-"), name

        # Every request of each session that a replica answered went to its own replica: pages, websocket,
        # uploads, /media, component frames. Static files (/static/, /app/static/) come from nginx's disk.
        for node in topo.nodes:
            mine = [h for h in hits(topo) if h.cookie == node.name]
            from_disk = {h.path.split("/")[1] for h in mine if h.upstream == "-"}
            assert from_disk <= {"static", "app"}, (node.name, from_disk)
            assert {h.upstream for h in mine if h.upstream != "-"} == {f"127.0.0.1:{node.port}"}, node.name
            assert any(h.method == "PUT" and h.path.startswith("/_stcore/upload_file") and h.status < 300
                       for h in mine), f"no upload on {node.name}"
            assert any(h.path.startswith("/media/") and h.status == 200 for h in mine), f"no download on {node.name}"

        # Restart A's replica. A's page reconnects (to the other replica, or the restarted one) but keeps showing
        # the old run until its next rerun (Streamlit 1.67 sends nothing on a reconnect to a new session); that
        # rerun carries the URL, so the new session restores district and language: a search that finds nothing
        # reruns without changing the view, and the chart CSV made then is named for A's district and language.
        page = pages[0]
        since = topo.access_log.stat().st_size
        finished: list[bool] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda data: finished.append(run_finished(data))))
        with page.expect_websocket(timeout=60_000):
            topo.restart_replica(0)
        search = page.get_by_role("textbox", name=t("town_search", LANG))
        search.fill("zzz")
        search.press("Enter")
        wait_until(page, lambda: any(finished), timeout_ms=60_000, what="a script run on the reconnected session")
        wait_script_idle(page)
        expect(page).to_have_url(re.compile(r"[?&]district=azabu(&|$)"))
        name, data = download(page, t("download_csv", LANG))
        assert name == f"minato-population-azabu-{LANG}.csv" and data.startswith(b"\xef\xbb\xbf"), name
        pick(page, "shibaura-konan")
        media = [h for h in hits(topo, since) if h.path.startswith("/media/")]
        sessions[0][0].close()  # A's new websocket is logged when it closes: after the old one
        stream = logged(topo, since, lambda h: h.path.startswith("/_stcore/stream") and h.status == 101, 2)
        assert len(stream) == 2 and media and stream[-1].upstream == media[-1].upstream, (stream, media)
        assert problems == [], ("blocked by the Content-Security-Policy or failed in the page (an inline script "
                                "whose text changes per run cannot be allowed: load it with <script "
                                "src=\"/app/static/…\" data-…>, see deploy/csp.py):\n" + "\n".join(problems[:5]))
    finally:
        for ctx, _ in sessions:
            ctx.close()
