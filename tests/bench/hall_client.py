"""A protocol phone for the simulated hall (tests/bench/hall.py): a first visit's cost to the server, no drawing.

It replays a real first visit recorded by tests/bench/hall_browser.py (:func:`record_visit`, one per language)
through its own slow-4G :class:`hall_net.Link` (and the hall's Wi-Fi, if capped):

1. the page (its own district and language), then the rest of the ``page`` phase (Streamlit's scripts, styles,
   fonts, health, host-config) over up to 6 connections, keeping nginx's and Streamlit's cookies;
2. Streamlit's websocket and the page's first script run (tests/bench/load_ws.py's protocol), paced;
3. the map frame's requests (its page, Leaflet, our scripts, the map layers' JSON) and the main frame's later
   ones: the map data is in hand (``map_data_s``);
4. the map's report (``{"drawn": true}``) and the second run, which draws the pickers, then the download
   buttons' files of its own session (``page_s``); the recorded ``/media/`` files (another session's) are skipped.

Not modelled: the browser's discovery chain (the page names a script that imports others): each phase's files
are fetched as fast as 6 connections and the link allow, and the frame's files only after the first run ends
(a browser starts them when the map element arrives); uploads are not throttled; nothing is drawn.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from hall_net import Browserish, Fetched, Link, PacedWebSocket
from load_ws import MAP_REPORT, RunResult, WsSession
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

USER_AGENT = "minato-hall-bench (protocol phone)"


@dataclass
class Plan:
    """A recorded first visit's requests by phase, and the Accept-Encoding the browser sent."""

    accept_encoding: str
    page: list[str] = field(default_factory=list)
    run: list[str] = field(default_factory=list)
    frame: list[str] = field(default_factory=list)

    @classmethod
    def from_record(cls, record: dict) -> Plan:
        plan = cls(record["accept_encoding"])
        for req in record["requests"]:
            if not req["path"].startswith("/media/"):
                getattr(plan, req["phase"]).append(req["path"])
        if not plan.page or not plan.frame:
            raise RuntimeError(f"recorded visit of {record['path']} has no page or no map frame requests")
        return plan


@dataclass
class PacedSession(WsSession):
    """A Streamlit websocket session whose received messages pass a phone's link."""

    link: Link | None = None
    media: list[str] = field(default_factory=list)  # the download buttons' files, fetched as a browser does

    async def connect(self) -> None:
        assert self.link is not None
        await asyncio.sleep(2 * self.link.rtt)  # TCP handshake and the HTTP upgrade
        await super().connect()
        self.ws = PacedWebSocket(self.ws, self.link)  # type: ignore[assignment]

    def _handle(self, raw: bytes, result: RunResult) -> None:
        super()._handle(raw, result)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        if fwd.WhichOneof("type") == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            if element.WhichOneof("type") == "download_button" and element.download_button.url:
                self.media.append(urlsplit(element.download_button.url).path)


async def protocol_phone(base: str, plan: Plan, district: str, lang: str, start: float, link: Link,
                         timeout: float) -> dict:
    """One phone's first visit at ``start`` s, without a browser: timings, bytes received, errors."""
    await asyncio.sleep(start)
    parts = urlsplit(base)
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": plan.accept_encoding}
    client = Browserish(parts.hostname or "127.0.0.1", parts.port or 80, link, headers, timeout)
    query = f"district={district}&lang={lang}"
    session = PacedSession(base, district, lang, timeout, link=link)
    out: dict = {"start": round(start, 2), "district": district, "lang": lang}
    fetched: list[Fetched] = []
    began = time.perf_counter()

    def lap() -> float:
        return round(time.perf_counter() - began, 2)

    async def fetch(paths: list[str]) -> None:
        got = await client.fetch_all(paths)
        fetched.extend(got)
        failed = [f for f in got if f.error]
        if failed:
            raise RuntimeError(f"GET {failed[0].path}: {failed[0].error}")

    try:
        await fetch([f"{urlsplit(plan.page[0]).path}?{query}"])
        await fetch(plan.page[1:])
        out["page_files_s"] = lap()
        session.cookies, session.query = client.cookies, query
        await session.connect()
        msg = BackMsg()
        msg.rerun_script.query_string = query
        result = await session._run(msg)
        if result.error:
            raise RuntimeError(f"first run: {result.error}")
        out["first_run_s"] = lap()
        await fetch(plan.frame[:1])
        await fetch(plan.run + plan.frame[1:])
        out["map_data_s"] = lap()
        if session.map_id:
            result = await session._run(session._rerun(session.map_id, json_value=MAP_REPORT))
            if result.error:
                raise RuntimeError(f"second run: {result.error}")
        await fetch(session.media)
        out["page_s"] = lap()
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        await client.close()
        await session.close()
    out["bytes"] = link.received
    out["not_ok"] = sorted({f"{f.status} {f.path.split('?')[0]}" for f in fetched if not f.error and f.status >= 400})
    return out
