"""Protocol-level load driver: sessions that speak Streamlit's own websocket protocol (BackMsg/ForwardMsg).

A session does what the browser does, minus drawing: GET the page (nginx's affinity cookie and Streamlit's
XSRF cookie), open ``/_stcore/stream`` with ``Sec-WebSocket-Protocol: streamlit, <xsrf token>`` and an
Origin, send ``rerun_script`` with the page's query string, and read ForwardMsgs until ``script_finished``.
A district change sends a rerun with the picker's new value in ``WidgetStates``, the page's script hash, the
current query string and the hashes of the messages it has cached (so unchanged big elements come back as
references, as for a browser). A session's first run of the map page holds the pickers back until the map
has drawn (components/map_first.py); the driver then sends the map's report (``{"drawn": true}`` as the
component's value), as the frame does, and reads the second run. Timed: page open = GET to the end of that
second run; change = send to run's end.

Not done by this driver: the browser's static files, drawing, and the map component's other messages.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

PICKER_KEY = "district_select"
MAP_KEY = "district_map"
MAP_REPORT = '{"drawn": true, "n": 0}'
HEADING_ANCHOR = "selected-district"
_HEADING = re.compile(rf'<h2 id="{HEADING_ANCHOR}"[^>]*>(.*?)</h2>', re.S)


def heading_text(body: str) -> str | None:
    """The district name in the summary block's heading, as shown (tags dropped, entities decoded)."""
    found = _HEADING.search(body)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else None
DISTRICTS = ["shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"]
LANGS = ["ja", "en", "zh"]
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY}
FAILED = {ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass
class Sample:
    """One timed interaction."""

    kind: str  # "open" or "change"
    ms: float
    error: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0


@dataclass
class RunResult:
    """What one script run sent back."""

    finished: bool = False
    error: str | None = None
    heading: str | None = None


def http_get(url: str, cookies: dict[str, str], timeout: float) -> tuple[int, dict[str, str], int]:
    """GET ``url`` with ``cookies``; (status, cookies set by the answer, body bytes)."""
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
        body = resp.read()
        jar: SimpleCookie = SimpleCookie()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return resp.status, {k: m.value for k, m in jar.items()}, len(body)


@dataclass
class WsSession:
    """One simulated resident: a Streamlit session on the map page."""

    base: str
    district: str
    lang: str
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    ws: ClientConnection | None = None
    picker_id: str | None = None
    map_id: str | None = None
    options: list[str] = field(default_factory=list)
    value: str | None = None
    page_hash: str = ""
    query: str = ""
    cached: set[str] = field(default_factory=set)
    bytes_in: int = 0
    bytes_out: int = 0

    async def open(self) -> Sample:
        """GET the page, connect the websocket, run the page's script once."""
        start = time.perf_counter()
        self.query = f"district={self.district}&lang={self.lang}"
        try:
            for path in (f"/?{self.query}", "/_stcore/health"):  # the page, then the frontend's health check
                _, set_cookies, _ = await asyncio.to_thread(http_get, self.base + path, self.cookies, self.timeout)
                self.cookies.update(set_cookies)
            await self.connect()
            msg = BackMsg()
            msg.rerun_script.query_string = self.query
            result = await self._run(msg)
            if result.error is None and self.picker_id is None and self.map_id:  # the map first: report it drawn
                result = await self._run(self._rerun(self.map_id, json_value=MAP_REPORT))
            if result.error is None and (self.picker_id is None or not self.options):
                result.error = "no district picker in the page"
            self.value = result.heading or self.value
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            result = RunResult(error=f"{type(exc).__name__}: {exc}"[:200])
        return Sample("open", (time.perf_counter() - start) * 1000, result.error)

    async def connect(self) -> None:
        """Open the websocket with the cookies the page's GETs set (nginx's affinity, Streamlit's XSRF token)."""
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        parts = urlsplit(self.base)
        self.ws = await asyncio.wait_for(connect(
            f"ws://{parts.netloc}/_stcore/stream",
            origin=f"{parts.scheme}://{parts.netloc}",  # type: ignore[arg-type]
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],  # type: ignore[list-item]
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            max_size=None, max_queue=None, open_timeout=self.timeout, ping_interval=None,
        ), self.timeout)

    async def change(self, rng: random.Random) -> Sample:
        """Pick another option in the district picker and wait for the script run to finish."""
        start = time.perf_counter()
        label = rng.choice([o for o in self.options if o != self.value])
        in0, out0 = self.bytes_in, self.bytes_out
        try:
            result = await self._run(self._rerun(self.picker_id or "", string_value=label))
            if result.error is None and result.heading != label:
                result.error = f"heading shows {result.heading!r}, not {label!r}"
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            result = RunResult(error=f"{type(exc).__name__}: {exc}"[:200])
        self.value = label
        return Sample("change", (time.perf_counter() - start) * 1000, result.error,
                      self.bytes_in - in0, self.bytes_out - out0)

    def _rerun(self, widget_id: str, **value: str) -> BackMsg:
        """A rerun of the page with one widget's new value (``string_value=`` or ``json_value=``)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(sorted(self.cached))
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        for field_name, field_value in value.items():
            setattr(widget, field_name, field_value)
        return msg

    async def _run(self, msg: BackMsg) -> RunResult:
        assert self.ws is not None
        data = msg.SerializeToString()
        self.bytes_out += len(data)
        await self.ws.send(data)
        result = RunResult()
        deadline = time.monotonic() + self.timeout
        while not result.finished and result.error is None:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.monotonic()))
            assert isinstance(raw, bytes)
            self.bytes_in += len(raw)
            self._handle(raw, result)
        return result

    def _handle(self, raw: bytes, result: RunResult) -> None:
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        if fwd.metadata.cacheable and fwd.hash:
            self.cached.add(fwd.hash)
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = fwd.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = fwd.page_info_changed.query_string
        elif kind == "script_finished":
            if fwd.script_finished in FINISHED:
                result.finished = True
            elif fwd.script_finished in FAILED:
                result.error = "script failed to compile"
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                result.error = f"exception in the page: {element.exception.type}: {element.exception.message}"[:200]
            elif which == "html" and f'id="{HEADING_ANCHOR}"' in element.html.body:  # components/district_summary.py
                result.heading = heading_text(element.html.body)
            elif which == "component_instance" and element.component_instance.id.endswith(MAP_KEY):
                self.map_id = element.component_instance.id
            elif which in ("radio", "selectbox") and getattr(element, which).id.endswith(PICKER_KEY):
                picker = getattr(element, which)  # the district picker: a radio (a selectbox before issue 21)
                self.picker_id, self.options = picker.id, list(picker.options)
                if self.value is None:
                    self.value = picker.options[picker.default] if picker.HasField("default") else None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
