"""The simulated hall's network model (tests/bench/hall_net.py): token buckets, paced HTTP reads, a shared Wi-Fi."""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from hall_net import Browserish, Link, TokenBucket  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run_apart(coro):  # noqa: ANN001, ANN201
    """``asyncio.run`` in a thread of its own: after the e2e tests, Playwright's loop runs in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_bucket_books_bytes_in_turn_and_refills_up_to_its_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=1000, burst=200, clock=clock)
    assert bucket.reserve(200) == 0.0  # the burst in hand
    assert bucket.reserve(500) == pytest.approx(0.5)
    assert bucket.reserve(500) == pytest.approx(1.0)  # queued behind the first booking
    clock.now = 10.0  # a long pause refills no more than the burst
    assert bucket.reserve(300) == pytest.approx(0.1)
    assert bucket.moved == 1500


def test_bucket_refuses_a_rate_of_zero() -> None:
    with pytest.raises(ValueError, match="rate"):
        TokenBucket(rate=0)


async def serve(body: bytes, handled: list[int]) -> tuple[asyncio.Server, int]:
    """A keep-alive HTTP/1.1 server: ``/fixed`` with Content-Length, ``/chunked`` in 3 chunks; sets a cookie."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handled.append(1)
        while request := await reader.readuntil(b"\r\n\r\n"):
            head = b"HTTP/1.1 200 OK\r\nSet-Cookie: hall=seat-7; Path=/\r\n"
            if request.startswith(b"GET /chunked"):
                third = len(body) // 3
                parts = [body[:third], body[third: 2 * third], body[2 * third:]]
                data = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
                writer.write(head + b"Transfer-Encoding: chunked\r\n\r\n" + data)
            else:
                writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
            await writer.drain()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_fetcher_paces_downloads_to_the_link_and_keeps_its_connection() -> None:
    body = bytes(range(256)) * 240  # 61,440 bytes
    rate, rtt = 400_000.0, 0.02

    async def run() -> tuple[list, float, Browserish, int]:
        handled: list[int] = []
        server, port = await serve(body, handled)
        client = Browserish("127.0.0.1", port, Link(TokenBucket(rate), rtt=rtt), {}, timeout=10, conns=1)
        began = time.perf_counter()
        got = await client.fetch_all(["/fixed", "/chunked"])
        took = time.perf_counter() - began
        await client.close()
        server.close()
        return got, took, client, len(handled)

    got, took, client, connections = run_apart(run())
    assert [f.status for f in got] == [200, 200] and not any(f.error for f in got)
    assert all(f.wire_bytes > len(body) for f in got)  # headers and chunk framing count too
    assert client.link.received == sum(f.wire_bytes for f in got)
    assert client.cookies == {"hall": "seat-7"}
    assert connections == 1  # the second GET reused the first connection
    least = client.link.received / rate + 3 * rtt  # one handshake, two requests
    assert least <= took < least + 1.0


def test_phones_sharing_the_hall_split_its_rate() -> None:
    body = b"x" * 30_000
    hall_rate = 300_000.0

    async def run() -> tuple[float, int]:
        server, port = await serve(body, [])
        hall = TokenBucket(hall_rate)
        phones = [Browserish("127.0.0.1", port, Link(TokenBucket(10e6), hall, rtt=0.0), {}, timeout=10)
                  for _ in range(4)]
        began = time.perf_counter()
        await asyncio.gather(*(p.fetch_all(["/fixed"]) for p in phones))
        took = time.perf_counter() - began
        for p in phones:
            await p.close()
        server.close()
        return took, hall.moved

    took, moved = run_apart(run())
    assert moved > 4 * len(body)
    assert moved / hall_rate <= took < moved / hall_rate + 1.0  # alone, each phone would take a tenth of it
