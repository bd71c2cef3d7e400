"""Load test (issue 10): how many residents the map page serves, through nginx, with 1 and 2 replicas.

Usage: ``make load`` or ``.venv/bin/python tests/bench/load.py [--quick] [--wait-quiet 0.5 --wait-max 40]``

Every run starts a fresh topology (deploy/topology.py: N replicas + nginx on free ports), warms each replica's
caches directly (one session per language through every district), then drives it:

* ``ws`` steady: N protocol sessions (tests/bench/load_ws.py) open at ``--ramp-rate`` per second; once all
  are open (RSS per idle session measured here), each changes the district picker ``--changes`` times with
  ``--think`` ± ``--jitter`` s between changes;
* ``ws`` surge: ``--surge`` sessions open at random moments within ``--surge-window`` s and start changing
  districts as soon as each is open (no barrier);
* ``browser``: ``--browser`` Chromium sessions (tests/bench/load_browser.py), click to heading in the page.

Reported per run: open and change p50/p95/p99, errors, replicas' RSS per session, server CPU ms per change and
per interaction (opens + changes), websocket payload bytes per change; written to ``--out`` (load.json,
load.txt) and drawn in ``--png``. The driver shares the machine's cores with the server: its own CPU time is
in the JSON (``driver_cpu_s``), as is the load average before each run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]

import streamlit  # noqa: E402
from load_report import RunReport, Snapshot, loadavg, plot, table_line, wait_quiet, write_reports  # noqa: E402
from load_ws import DISTRICTS, LANGS, Sample, WsSession  # noqa: E402

from deploy.topology import Topology, free_ports  # noqa: E402


async def warm_up(urls: list[str], timeout: float) -> None:
    """One session per language and replica, through every district: caches filled before measuring."""
    for url in urls:
        for lang in LANGS:
            s = WsSession(url, DISTRICTS[0], lang, timeout)
            sample = await s.open()
            if sample.error:
                raise RuntimeError(f"warm-up on {url} failed: {sample.error}")
            rng = random.Random(0)
            for _ in range(len(DISTRICTS) + 1):
                await s.change(rng)
            await s.close()


async def ws_driver(base: str, n: int, surge: bool, a: argparse.Namespace, seed: int,
                    on_opened: Callable[[], None]) -> tuple[list[Sample], list[Sample]]:
    """``n`` protocol sessions; ``on_opened`` runs once every session has opened (or failed to)."""
    rng = random.Random(seed)
    sessions = [WsSession(base, rng.choice(DISTRICTS), rng.choice(LANGS), a.timeout) for _ in range(n)]
    window = a.surge_window if surge else max(5.0, n / a.ramp_rate)
    starts = sorted(rng.uniform(0, window) for _ in range(n)) if surge else [window * i / n for i in range(n)]
    opens: list[Sample] = []
    changes: list[Sample] = []
    all_open = asyncio.Event()

    async def life(s: WsSession, start: float, r: random.Random) -> None:
        await asyncio.sleep(start)
        sample = await s.open()
        sample.bytes_in, sample.bytes_out = s.bytes_in, s.bytes_out
        opens.append(sample)
        if len(opens) == n:
            on_opened()
            all_open.set()
        if sample.error is None:
            if not surge:
                await all_open.wait()
            await asyncio.sleep(r.uniform(0, a.think))
            for _ in range(a.changes):
                change = await s.change(r)
                changes.append(change)
                if change.error:
                    break
                await asyncio.sleep(max(0.0, a.think + r.uniform(-a.jitter, a.jitter)))
        with contextlib.suppress(Exception):  # closing a broken connection
            await s.close()

    await asyncio.gather(*(life(s, t, random.Random(rng.random())) for s, t in zip(sessions, starts, strict=True)))
    return opens, changes


def run_one(driver: str, replicas: int, n: int, surge: bool, a: argparse.Namespace, seed: int) -> dict[str, Any]:
    """One fresh topology, warmed up, driven by ``driver``; the run's summary."""
    port = free_ports(replicas + 1)
    report = RunReport(driver, replicas, n, "surge" if surge else "steady")
    with Topology(replicas=replicas, port=port, replica_port=port + 1, script=a.app_root / "app.py") as topo:
        asyncio.run(warm_up([f"http://127.0.0.1:{node.port}" for node in topo.nodes], a.timeout))
        time.sleep(2)
        report.load_before = loadavg()
        pids, npids = topo.replica_pids(), topo.nginx_pids()
        base = Snapshot.take(pids, npids)
        report.rss_base_mb = base.rss_mb
        mid: list[Snapshot] = []
        t0, c0 = time.perf_counter(), time.process_time()

        def on_opened() -> None:
            mid.append(Snapshot.take(pids, npids))

        if driver == "ws":
            opens, changes = asyncio.run(ws_driver(topo.url, n, surge, a, seed, on_opened))
        else:
            import load_browser

            opens, changes = load_browser.run(topo.url, n, changes=a.changes, think=a.think, jitter=a.jitter,
                                              ramp_s=max(5.0, n / a.ramp_rate), seed=seed, timeout_s=a.timeout,
                                              on_opened=on_opened)
        end = Snapshot.take(pids, npids)
        report.duration_s, report.driver_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        lost = [p for p in pids if not Path(f"/proc/{p}").exists()]
        if lost:
            report.errors.append(f"replica exited: pids {lost}")
    for kind, samples, sizes, times in (("open", opens, report.bytes_per_open, report.open_ms),
                                        ("change", changes, report.bytes_per_change, report.change_ms)):
        for sample in samples:
            if sample.error:
                report.errors.append(f"{kind} {sample.error}")
            else:
                times.append(sample.ms)
                sizes.append(sample.bytes_in + sample.bytes_out)
    report.cpu_total_s, report.nginx_cpu_s = end.cpu_s - base.cpu_s, end.nginx_cpu_s - base.nginx_cpu_s
    if mid:
        report.rss_idle_mb = mid[0].rss_mb
        if not surge:
            report.cpu_open_s, report.cpu_change_s = mid[0].cpu_s - base.cpu_s, end.cpu_s - mid[0].cpu_s
    return report.summary()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--sessions", type=int, nargs="*", default=[10, 50, 100, 200])
    ap.add_argument("--surge", type=int, default=200, help="sessions in the surge run (0: none)")
    ap.add_argument("--browser", type=int, default=10, help="Chromium sessions (0: none)")
    ap.add_argument("--changes", type=int, default=5, help="district changes per session")
    ap.add_argument("--think", type=float, default=5.0)
    ap.add_argument("--jitter", type=float, default=1.0)
    ap.add_argument("--ramp-rate", type=float, default=2.0, help="session opens per second in steady runs")
    ap.add_argument("--surge-window", type=float, default=30.0)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before an open or change is an error")
    ap.add_argument("--wait-quiet", type=float, default=0.0, help="wait for a load average below this (0: no)")
    ap.add_argument("--wait-max", type=float, default=40.0, help="minutes to wait for quiet in all")
    ap.add_argument("--cooldown", type=float, default=1.0, help="load average to wait for between runs (<= 3 min)")
    ap.add_argument("--app-root", type=Path, default=ROOT, help="checkout to serve (e.g. a `git archive` of main)")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "bench" / "results")
    ap.add_argument("--png", type=Path, default=ROOT / "docs" / "capacity.png")
    ap.add_argument("--quick", action="store_true", help="smoke run: 1 replica, 5 sessions, 2 changes")
    a = ap.parse_args(argv)
    if a.quick:
        a.replicas, a.sessions, a.surge, a.browser, a.changes, a.think = [1], [5], 5, 2, 2, 2.0
        a.surge_window, a.png = 5.0, a.out / "capacity-quick.png"
    return a


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    meta: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cpus": os.cpu_count(), "python": platform.python_version(),
        "streamlit": streamlit.__version__, "machine": platform.platform(),
        "args": {k: str(v) for k, v in vars(a).items()}, "quiet_waits": [],
    }
    plan = [(r, "ws", n, False) for r in a.replicas for n in a.sessions]
    plan += [(r, "ws", a.surge, True) for r in a.replicas if a.surge]
    plan += [(r, "browser", a.browser, False) for r in a.replicas if a.browser]
    plan.sort(key=lambda p: p[0])
    budget = a.wait_max * 60
    summaries: list[dict[str, Any]] = []
    for i, (replicas, driver, n, surge) in enumerate(plan):
        if a.wait_quiet > 0:  # the first run waits for quiet; later ones for their predecessor's load to decay
            threshold = a.wait_quiet if i == 0 else max(a.wait_quiet, a.cooldown)
            quiet, load, waited = wait_quiet(threshold, budget if i == 0 else min(budget, 180.0), poll_s=15.0)
            budget = max(0.0, budget - waited)
            meta["quiet_waits"].append({"run": i, "quiet": quiet, "load": load, "waited_s": round(waited)})
        label = f"{driver} {replicas} replica(s), {n} sessions{' surge' if surge else ''}"
        print(f"[{i + 1}/{len(plan)}] {label} (load {loadavg():.2f})", flush=True)
        summary = run_one(driver, replicas, n, surge, a, seed=1000 + i)
        summaries.append(summary)
        print("  " + table_line(summary), flush=True)
        text = write_reports(summaries, meta, a.out)
        plot(summaries, a.png)
    print(text.read_text(encoding="utf-8"))
    print(f"written: {a.out / 'load.json'}, {text}, {a.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
