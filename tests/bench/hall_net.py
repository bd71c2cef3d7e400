"""A phone's radio and a hall's Wi-Fi for the simulated hall (tests/bench/hall.py): paced HTTP/1.1 and websocket reads.

* :class:`TokenBucket`: a byte rate with a small burst, by reservation (virtual scheduling): ``reserve(n)`` books
  ``n`` bytes and says how long to wait before they count as arrived; bookings queue up in order, so one bucket
  shared by many clients (the hall's Wi-Fi) splits its rate among them.
* :class:`Link`: one phone's download, its own bucket (slow 4G: 1.6 Mbit/s) and optionally the hall's, and a
  round-trip time; bytes are read from the socket, then paid for (``pay``) before the next read, so a response
  ends no earlier than its bytes allow.
* :class:`Connection` / :meth:`Browserish.fetch_all`: GETs over up to 6 keep-alive connections per phone (as a
  browser per host over HTTP/1.1), one round trip per new connection and one per request (DevTools' latency).
* :class:`PacedWebSocket`: a websocket whose received messages are paid for, one round trip per message sent.

Uploads are not throttled (a first visit uploads a few KB of requests).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

CHUNK = 16 * 1024  # bytes read at a time: at 1.6 Mbit/s, 82 ms


class TokenBucket:
    """``rate`` bytes per second with up to ``burst`` bytes in hand; bookings beyond it wait their turn."""

    def __init__(self, rate: float, burst: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, not {rate}")
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.last, self.moved = burst, clock(), 0

    def reserve(self, n: int) -> float:
        """Book ``n`` bytes: the seconds to wait until they have passed."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        self.tokens -= n
        self.moved += n
        return max(0.0, -self.tokens / self.rate)


@dataclass
class Link:
    """One phone's download path: its own rate, the hall's shared one (or none) and a round trip."""

    down: TokenBucket
    hall: TokenBucket | None = None
    rtt: float = 0.15
    received: int = 0

    async def pay(self, n: int) -> None:
        """Wait until ``n`` bytes just read would have arrived through this phone's radio and the hall's Wi-Fi."""
        self.received += n
        delay = self.down.reserve(n)
        if self.hall is not None:
            delay = max(delay, self.hall.reserve(n))
        if delay > 0:
            await asyncio.sleep(delay)


@dataclass
class Fetched:
    """One GET: status, bytes on the wire (headers and body as sent), seconds, or the error."""

    path: str
    status: int = 0
    wire_bytes: int = 0
    seconds: float = 0.0
    error: str | None = None


class Connection:
    """One keep-alive HTTP/1.1 connection to ``host:port`` whose reads go through ``link``."""

    def __init__(self, host: str, port: int, link: Link, timeout: float) -> None:
        self.host, self.port, self.link, self.timeout = host, port, link, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: dict[str, str], cookies: dict[str, str]) -> Fetched:
        began = time.perf_counter()
        out = Fetched(path)
        try:
            await asyncio.wait_for(self._get(path, headers, cookies, out), self.timeout)
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            out.error = f"{type(exc).__name__}: {exc}"[:200]
            await self.close()
        out.seconds = time.perf_counter() - began
        return out

    async def _get(self, path: str, headers: dict[str, str], cookies: dict[str, str], out: Fetched) -> None:
        if self.writer is None:
            await asyncio.sleep(self.link.rtt)  # TCP handshake
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=CHUNK * 4)
            sock = self.writer.get_extra_info("socket")
            if sock is not None:  # a small window, so that nginx feels a slow reader
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, CHUNK * 4)
        assert self.reader is not None
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}", *(f"{k}: {v}" for k, v in headers.items())]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await self.writer.drain()
        await asyncio.sleep(self.link.rtt)  # the request's round trip
        head = await self.reader.readuntil(b"\r\n\r\n")
        await self._paid(out, len(head))
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        out.status = int(status_line.split()[1])
        answer: dict[str, str] = {}
        jar: SimpleCookie = SimpleCookie()
        for line in filter(None, header_lines):
            key, _, value = line.partition(":")
            if key.strip().lower() == "set-cookie":
                jar.load(value.strip())
            answer[key.strip().lower()] = value.strip()
        cookies.update({k: m.value for k, m in jar.items()})
        if "chunked" in answer.get("transfer-encoding", "").lower():
            while size := int((line := await self.reader.readline()).split(b";")[0], 16):
                await self._paid(out, len(line))
                await self._body(out, size + 2)
            await self._paid(out, len(line) + len(await self.reader.readuntil(b"\r\n")))
        elif "content-length" in answer:
            await self._body(out, int(answer["content-length"]))
        elif out.status not in (204, 304):
            while chunk := await self.reader.read(CHUNK):  # until the server closes
                await self._paid(out, len(chunk))
            answer["connection"] = "close"
        if answer.get("connection", "").lower() == "close":
            await self.close()

    async def _body(self, out: Fetched, size: int) -> None:
        assert self.reader is not None
        while size > 0:
            chunk = await self.reader.read(min(CHUNK, size))
            if not chunk:
                raise ConnectionError("connection closed in the middle of a body")
            size -= len(chunk)
            await self._paid(out, len(chunk))

    async def _paid(self, out: Fetched, n: int) -> None:
        out.wire_bytes += n
        await self.link.pay(n)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Browserish:
    """What a phone keeps between requests to one host: its cookies and up to ``conns`` open connections."""

    host: str
    port: int
    link: Link
    headers: dict[str, str]
    timeout: float = 60.0
    conns: int = 6
    cookies: dict[str, str] = field(default_factory=dict)
    pool: list[Connection] = field(default_factory=list)

    async def fetch_all(self, paths: list[str]) -> list[Fetched]:
        """GET ``paths`` in order over up to ``conns`` connections at once."""
        while len(self.pool) < min(self.conns, len(paths)):
            self.pool.append(Connection(self.host, self.port, self.link, self.timeout))
        todo = list(reversed(paths))
        done: list[Fetched] = []

        async def worker(conn: Connection) -> None:
            while todo:
                done.append(await conn.get(todo.pop(), self.headers, self.cookies))

        await asyncio.gather(*(worker(c) for c in self.pool[: len(paths)]))
        return done

    async def close(self) -> None:
        for conn in self.pool:
            await conn.close()


class PacedWebSocket:
    """A websocket connection whose received messages pass ``link`` (one round trip per message sent)."""

    def __init__(self, ws: Any, link: Link) -> None:
        self.ws, self.link = ws, link

    async def send(self, data: bytes) -> None:
        await self.ws.send(data)
        await asyncio.sleep(self.link.rtt)

    async def recv(self) -> Any:
        raw = await self.ws.recv()
        await self.link.pay(len(raw))
        return raw

    async def close(self) -> None:
        await self.ws.close()
