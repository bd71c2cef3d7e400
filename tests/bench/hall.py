"""A hall, simulated (issue 21): the first visits of many phones within a minute, through nginx with 2 replicas.

Usage: ``.venv/bin/python tests/bench/hall.py [--phones 100] [--window 60] [--browsers 5] [--alone 2] [--cpu 4]
[--hall-mbit 50] [--root PATH] [--out FILE.json]`` (also writes FILE.md)

Real phones bring their own CPUs; what a hall's phones share is the server and the Wi-Fi. So only a few phones
are real browsers, and the rest cost the server what a phone's first visit costs without drawing anything:

* The checkout ``--root`` (default: this one) is served by its own ``deploy/topology.py`` (2 replicas + nginx,
  as ``make serve``; started by tests/bench/bench_phone.py's ``Served``).
* One unthrottled Chromium visit per language records the requests of a first visit (tests/bench/hall_browser.py);
  these visits, then two protocol sessions per language through every district, warm the servers' caches (a
  hall's server has been up for a while).
* ``--phones`` minus ``--browsers`` protocol phones (tests/bench/hall_client.py) start at random moments within
  ``--window`` s, each on a random district and language: they GET the recorded files through nginx, open
  Streamlit's websocket and run the page's script, fetch the map frame's files (the map layers' JSON included)
  and report the map drawn, each download paced to slow 4G (1.6 Mbit/s, 150 ms round trip) and all of them
  through one hall bucket of ``--hall-mbit`` (tests/bench/hall_net.py).
* ``--browsers`` measured phones, spread evenly over the window: Chromium contexts throttled through CDP (slow 4G,
  ``--cpu`` times slower CPU, as Lighthouse's mobile preset), timed from the navigation to the map drawn. Their
  downloads are throttled by CDP alone: the hall bucket books their bytes (the protocol phones wait for them)
  but does not delay them. Each took this 2-core machine about 13 CPU-seconds at ``--cpu 4`` (3 at ``--cpu 1``;
  measured once, under load: Chromium's CPU throttling keeps a core busy), hence only a few; ``--alone`` phones
  first visit the page one by one before the hall starts: the baseline to read the hall's figures against.

``--hall-mbit`` defaults to 50: an assumption, not a measurement (a usable share of one busy access point).
About 0.9 MB per first visit makes 100 phones in 60 s about 12 Mbit/s on average, so 50 bites only in bursts;
0 = no cap; a lower figure models a weaker Wi-Fi.

Reported: the measured phones' p50 / p95 / max, the protocol phones' time to the map data p50 / p95, errors,
bytes moved, load average and the machine's CPU time by servers, browsers, this driver and others (hall_cpu.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_paths import ROOT

# isort: split
from bench_map import pctl  # noqa: E402
from bench_phone import Served  # noqa: E402
from hall_browser import SLOW_4G, measured_phone, record_visit  # noqa: E402
from hall_client import Plan, protocol_phone  # noqa: E402
from hall_cpu import CpuSplit  # noqa: E402
from hall_net import Link, TokenBucket  # noqa: E402
from harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from load_ws import DISTRICTS, LANGS, WsSession  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

PHONE_BYTES_PER_S = SLOW_4G["downloadThroughput"]
RTT_S = SLOW_4G["latency"] / 1000
DEFAULT_HALL_MBIT = 50.0  # an assumption (one busy access point's usable share), not a measured figure
RECORDED_DISTRICT = "azabu"


async def warm_up(base: str, timeout: float) -> None:
    """Two protocol sessions per language through every district (both replicas' caches, as load.py does)."""
    for lang in LANGS * 2:
        s = WsSession(base, DISTRICTS[0], lang, timeout)
        sample = await s.open()
        if sample.error:
            raise RuntimeError(f"warm-up failed: {sample.error}")
        rng = random.Random(0)
        for _ in DISTRICTS:
            await s.change(rng)
        await s.close()


async def hall(base: str, server_pid: int, a: argparse.Namespace) -> dict:
    rng = random.Random(a.seed)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            records = {lang: await record_visit(browser, base, f"/?district={RECORDED_DISTRICT}&lang={lang}")
                       for lang in LANGS}
            plans = {lang: Plan.from_record(r) for lang, r in records.items()}
            await warm_up(base, a.timeout)
            alone = [await measured_phone(browser, base, f"/?district={RECORDED_DISTRICT}&lang={LANGS[0]}", 0,
                                          a.cpu, a.timeout, lambda _n: None) for _ in range(a.alone)]
            hall_bucket = (TokenBucket(a.hall_mbit * 1e6 / 8, burst=64 * 1024) if a.hall_mbit > 0 else None)
            links: list[Link] = []
            jobs = []
            for _ in range(a.phones - a.browsers):
                lang, district = rng.choice(LANGS), rng.choice(DISTRICTS)
                link = Link(TokenBucket(PHONE_BYTES_PER_S, burst=16 * 1024), hall_bucket, RTT_S)
                links.append(link)
                jobs.append(protocol_phone(base, plans[lang], district, lang, rng.uniform(0, a.window), link,
                                           a.timeout))
            browser_bytes = [0]

            def on_browser_bytes(n: int) -> None:
                browser_bytes[0] += n
                if hall_bucket is not None:
                    hall_bucket.reserve(n)

            for i in range(a.browsers):
                path = f"/?district={rng.choice(DISTRICTS)}&lang={rng.choice(LANGS)}"
                jobs.append(measured_phone(browser, base, path, (i + 0.5) * a.window / a.browsers, a.cpu,
                                           a.timeout, on_browser_bytes))
            cpu = CpuSplit(server_pid)
            began = time.monotonic()
            cpu.start()
            peaks: dict[str, float] = {}
            meter = asyncio.get_running_loop().create_task(
                peak_rate(lambda: sum(link.received for link in links) + browser_bytes[0], peaks))
            results = await asyncio.gather(*jobs)
            meter.cancel()
            await cpu.stop()
            took = time.monotonic() - began
        finally:
            await browser.close()
    n_proto = a.phones - a.browsers
    return {"records": records, "alone": alone, "protocol": results[:n_proto], "browsers": results[n_proto:],
            "seconds": round(took, 1), "cpu": cpu.report(), "protocol_bytes": sum(link.received for link in links),
            "browser_bytes": browser_bytes[0], "peak_mbit": peaks}


async def peak_rate(total: Callable[[], int], peaks: dict[str, float], windows: tuple[int, ...] = (1, 5)) -> None:
    """The hall's busiest ``windows``-second stretches (Mbit/s) into ``peaks``, from ``total()`` read each second."""
    seen = [total()]
    while True:
        await asyncio.sleep(1.0)
        seen.append(total())
        for w in windows:
            if len(seen) > w:
                rate = (seen[-1] - seen[-1 - w]) * 8 / w / 1e6
                peaks[f"{w}s"] = round(max(peaks.get(f"{w}s", 0.0), rate), 1)


def stats(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"n": len(values), "p50": round(statistics.median(values), 2), "p95": round(pctl(values, 0.95), 2),
            "max": round(max(values), 2)}


def summarise(a: argparse.Namespace, run: dict) -> dict:
    proto, browsers = run["protocol"], run["browsers"]
    errors = [r["error"] for r in proto + browsers if "error" in r]
    return {
        "phones": a.phones, "browsers": a.browsers, "protocol_phones": len(proto), "window_s": a.window,
        "cpu_slowdown": a.cpu, "network": SLOW_4G, "hall_mbit": a.hall_mbit or None,
        "root": str(a.root.resolve()), "seconds": run["seconds"],
        "browser_map_drawn_s": stats([r["map_s"] for r in browsers if "map_s" in r]),
        "alone_map_drawn_s": stats([r["map_s"] for r in run["alone"] if "map_s" in r]),
        "protocol_map_data_s": stats([r["map_data_s"] for r in proto if "map_data_s" in r]),
        "protocol_page_s": stats([r["page_s"] for r in proto if "page_s" in r]),
        "protocol_first_run_s": stats([r["first_run_s"] for r in proto if "first_run_s" in r]),
        "errors": len(errors), "error_kinds": sorted(set(errors)),
        "not_ok": sorted({x for r in proto for x in r.get("not_ok", [])}),
        "protocol_bytes": run["protocol_bytes"], "browser_bytes": run["browser_bytes"],
        "hall_peak_mbit": run["peak_mbit"], "protocol_bytes_per_phone": stats([r["bytes"] for r in proto]),
        **run["cpu"],
        "recorded_requests": {lang: len(r["requests"]) for lang, r in run["records"].items()},
        "accept_encoding": run["records"][LANGS[0]]["accept_encoding"],
        "browsers_detail": browsers, "alone_detail": run["alone"], "protocol_detail": proto, "records": run["records"],
    }


def markdown(s: dict) -> str:
    def line(name: str, st: dict | None) -> str:
        return (f"| {name} | {st['n']} | {st['p50']:.1f} s | {st['p95']:.1f} s | {st['max']:.1f} s |" if st
                else f"| {name} | 0 | – | – | – |")

    cpu, cap = s["cpu_s"], s["machine_capacity_s"] or 1
    bytes_, peak = s["protocol_bytes_per_phone"], s["hall_peak_mbit"]
    hall = f"{s['hall_mbit']:g} Mbit/s shared by all phones" if s["hall_mbit"] else "no cap"
    rows = [
        f"# A hall, simulated: {s['phones']} first visits within {s['window_s']:g} s (2 replicas behind nginx)",
        "",
        f"Checkout `{s['root']}`; {s['browsers']} measured Chromium phones (CDP: slow 4G, CPU ×{s['cpu_slowdown']:g})"
        f" and {s['protocol_phones']} protocol phones (slow 4G paced; no drawing); hall Wi-Fi: {hall};"
        f" Accept-Encoding `{s['accept_encoding']}` (recorded); run took {s['seconds']:.0f} s.",
        "",
        "| phones | n | p50 | p95 | max |",
        "|---|---|---|---|---|",
        line("measured, alone before the hall: navigation → map drawn", s["alone_map_drawn_s"]),
        line("measured in the hall: navigation → map drawn", s["browser_map_drawn_s"]),
        line("protocol: start → map data in hand", s["protocol_map_data_s"]),
        line("protocol: start → second run done", s["protocol_page_s"]),
        "",
        f"Errors: {s['errors']}" + (f" ({'; '.join(s['error_kinds'][:5])})" if s["error_kinds"] else "")
        + (f"; HTTP errors: {', '.join(s['not_ok'][:5])}" if s["not_ok"] else "") + ".",
        f"Bytes through the hall: {(s['protocol_bytes'] + s['browser_bytes']) / 1e6:.1f} MB, of which the"
        f" protocol phones {s['protocol_bytes'] / 1e6:.1f} MB"
        + (f" ({bytes_['p50'] / 1e3:.0f} KB each, median)" if bytes_ else "")
        + f", the measured phones {s['browser_bytes'] / 1e6:.1f} MB"
        + (" (booked in the hall's bucket, not delayed)" if s["hall_mbit"] else "") + ";"
        f" busiest second {peak.get('1s', 0):g} Mbit/s, busiest 5 s {peak.get('5s', 0):g} Mbit/s.",
        f"CPU over the run ({s['cores']} cores, {cap:.0f} core-seconds): servers {cpu['servers']:.1f} s,"
        f" measuring browsers {cpu['browsers']:.1f} s, this driver {cpu['driver']:.1f} s, other processes"
        f" {cpu['other']:.1f} s ({s['machine_busy_s'] / cap:.0%} busy); load average before"
        f" {' '.join(f'{v:g}' for v in s['loadavg_before'])}, max {s['loadavg_max']:g},"
        f" after {' '.join(f'{v:g}' for v in s['loadavg_after'])}.",
        "",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phones", type=int, default=100, help="phones in the hall, measured browsers included")
    ap.add_argument("--window", type=float, default=60.0, help="seconds within which the phones start")
    ap.add_argument("--browsers", type=int, default=5, help="measured Chromium phones among them")
    ap.add_argument("--alone", type=int, default=2, help="measured phones, one by one, before the hall (a baseline)")
    ap.add_argument("--cpu", type=float, default=4.0, help="CPU slowdown of a measured phone (CDP); 1 = none")
    ap.add_argument("--hall-mbit", type=float, default=DEFAULT_HALL_MBIT,
                    help="the hall's Wi-Fi, shared by the protocol phones' downloads, Mbit/s; 0 = no cap")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds before a phone counts as an error")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to serve")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "bench" / "results" / "hall.json")
    a = ap.parse_args(argv)
    if not 0 <= a.browsers <= a.phones:
        ap.error("--browsers must be between 0 and --phones")
    work = Path(tempfile.mkdtemp(prefix="bench-hall-"))
    server = Served(a.root.resolve(), a.root.resolve() / "app.py", "nginx", work)
    server.start()
    try:
        assert server.proc is not None
        run = asyncio.run(hall(server.url, server.proc.pid, a))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    summary = summarise(a, run)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(summary)
    a.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text + f"\n{a.out} and .md")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
