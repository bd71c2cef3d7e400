"""A phone's first visit (issue 21): Lighthouse 12.2.3's mobile preset on every page, against a bare page.

Usage: ``make bench-phone`` or ``.venv/bin/python tests/bench/bench_phone.py [--root PATH] [--runs 3]
[--pages map,compare,present,bare] [--served nginx,run] [--out tests/bench/results/phone] [--keep DIR]``

Lighthouse comes from npm, pinned in tests/bench/phone/package-lock.json (``make bench-phone`` runs ``npm ci``
there), and drives Debian's Chromium (``CHROME_PATH``, default /usr/bin/chromium), which this script starts for
every run with a new empty profile (a first visit: nothing cached), headless, with every host name but the
local ones unresolvable (the map's GSI tiles fail at once, as in the e2e tests). Lighthouse's mobile preset:
a simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and a 4x slower CPU; its metrics are simulated from the trace.
Its quiet windows are 5.25 s (tests/bench/phone/phone.config.mjs): with the default 1 s a run could end while
the server ran the page's script and measure an empty page.

Each page is served by the checkout ``--root`` (default: this one) in two topologies, the bare page
(``st.write("Hello")`` with the same ``.streamlit`` folder) by the same:

* ``nginx``: ``deploy/topology.py`` of that checkout, 2 replicas behind nginx (what ``make serve`` runs);
* ``run``: one plain ``streamlit run`` (what ``make run`` runs).

Pages: ``map`` = ``/?district=azabu&lang=ja``, ``compare`` = ``/compare?lang=ja``, ``present`` =
``/present?district=azabu&lang=ja``, ``bare`` = ``/`` of the bare page, ``floor`` = ``/`` of
tests/bench/floor_app.py: the map page's own Streamlit controls (language switch, page links, title, picker, town
search, a download button) with its labels and config and nothing else, the floor a page that keeps those controls
cannot go under (reported beside the pages, not held to the targets). After one warm-up visit per page (the
servers' caches), runs go round-robin over topologies and pages. Reported: medians of the runs of bytes
transferred, first contentful paint, largest contentful paint, total blocking time and time to interactive, each
page's ratios to the bare page of the same topology, the bytes by kind (Streamlit's JS and CSS, fonts, data = the
map layers and other JSON, app = the page, frames, our static files and the rest) and the longest main-thread
tasks.
Written as ``<out>.md`` and ``<out>.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_paths import ROOT

# isort: split
from harness import HOST_RULES, IDLE_APP, free_port  # noqa: E402

PHONE = Path(__file__).with_name("phone")
LIGHTHOUSE = PHONE / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-first-run", "--mute-audio",
    f"--host-resolver-rules={HOST_RULES}",
]
PAGES = {
    "map": "/?district=azabu&lang=ja",
    "compare": "/compare?lang=ja",
    "present": "/present?district=azabu&lang=ja",
    "bare": "/",
    "floor": "/",
}
STANDALONE = {"bare": "bare_app.py", "floor": "floor_app.py"}  # pages served by a script of their own
SERVED = {"nginx": "through nginx (2 replicas, make serve)", "run": "streamlit run (make run)"}
METRICS = {  # Lighthouse audit id -> (our name, unit)
    "total-byte-weight": ("bytes", "B"),
    "first-contentful-paint": ("first_paint", "ms"),
    "largest-contentful-paint": ("largest_paint", "ms"),
    "total-blocking-time": ("blocking", "ms"),
    "interactive": ("interactive", "ms"),
}
KINDS = ("js", "fonts", "data", "app")
BYTES_TARGET = 1.15  # every page's first-visit bytes through nginx <= 1.15x the bare page's
BLOCKING_TARGET_MS = 300.0  # map and compare, 4x CPU

# Started in the measured checkout (its own deploy/topology.py): N replicas + nginx, until stdin closes.
TOPOLOGY_LAUNCHER = """
import signal, sys
from pathlib import Path
root, script, replicas, port, replica_port, run_dir = sys.argv[1:7]
sys.path.insert(0, root)
from deploy.topology import Topology
def stop(*_):
    raise SystemExit(0)
signal.signal(signal.SIGTERM, stop)
topo = Topology(replicas=int(replicas), port=int(port), replica_port=int(replica_port), script=Path(script),
                run_dir=Path(run_dir))
topo.start()
try:
    print("READY", topo.url, flush=True)
    sys.stdin.read()
finally:
    topo.stop()
"""


# --------------------------------------------------------------------------- servers


class Served:
    """One app (the checkout's app.py or the bare page) in one topology, in its own process group."""

    def __init__(self, root: Path, script: Path, served: str, work: Path) -> None:
        self.root, self.script, self.served, self.work = root, script, served, work
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float = 120.0) -> None:
        log = open(self.work / f"{self.served}-{self.script.stem}.log", "w", encoding="utf-8")  # noqa: SIM115
        env = {**os.environ, "PYTHONPATH": str(self.root)}
        if self.served == "nginx":
            port = free_port()
            replica_port = port + 1
            while not all(_free(p) for p in (replica_port, replica_port + 1)):
                replica_port += 3
            run_dir = self.work / f"nginx-{self.script.stem}"
            cmd = [sys.executable, "-c", TOPOLOGY_LAUNCHER, str(self.root), str(self.script), "2", str(port),
                   str(replica_port), str(run_dir)]
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=log, text=True, start_new_session=True)
            assert self.proc.stdout is not None
            line = self.proc.stdout.readline()
            if not line.startswith("READY"):
                self.stop()
                raise RuntimeError(f"topology for {self.script} did not start: see {log.name}")
            self.url = line.split()[1]
        else:
            port = free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(port),
                   "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats",
                   "false"]
            self.proc = subprocess.Popen(cmd, cwd=self.script.parent, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
            self.url = f"http://127.0.0.1:{port}"
            wait_health(f"{self.url}/_stcore/health", timeout, self.proc)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)


def _free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_health(url: str, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}) before {url} answered")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:
            if resp.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} not healthy after {timeout:.0f} s")


def standalone_folder(root: Path, work: Path) -> Path:
    """The bare and floor pages beside the measured checkout's ``.streamlit`` and ``static`` (same config, same
    topology); the floor page imports the checkout's atlas.i18n (``PYTHONPATH``)."""
    folder = work / "standalone"
    folder.mkdir()
    for script in STANDALONE.values():
        shutil.copy(Path(__file__).with_name(script), folder / script)
    for name in (".streamlit", "static"):
        if (root / name).exists():
            (folder / name).symlink_to((root / name).resolve())
    return folder


def warm_up(urls: list[str]) -> None:
    """One visit per page (a full script run), so that the measured runs find the servers' caches filled."""
    from harness import launch_browser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for url in urls:
            page = browser.new_page()
            page.goto(url, timeout=120_000)
            page.locator(IDLE_APP).wait_for(state="attached", timeout=120_000)
            page.close()
        browser.close()


# --------------------------------------------------------------------------- Lighthouse


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile preset, performance only) in a new Chromium with an empty profile."""
    port = free_port()
    profile = Path(tempfile.mkdtemp(prefix="phone-chrome-"))
    chrome = subprocess.Popen([CHROME, *CHROME_FLAGS, f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
                               "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        wait_health(f"http://127.0.0.1:{port}/json/version", 30, chrome)
        cmd = [str(LIGHTHOUSE), url, f"--port={port}", "--output=json", f"--output-path={report}",
               f"--config-path={PHONE / 'phone.config.mjs'}", "--quiet", "--max-wait-for-load=90000"]
        done = subprocess.run(cmd, cwd=PHONE, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(chrome.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            chrome.wait(10)
        shutil.rmtree(profile, ignore_errors=True)


def kind(item: dict) -> str:
    """js (Streamlit's scripts and CSS), fonts, data (map layers, JSON), app (the page, frames, our files)."""
    url, rtype = item.get("url", ""), item.get("resourceType", "")
    path = url.split("?", 1)[0]
    if rtype == "Font" or path.endswith((".woff2", ".woff", ".ttf")):
        return "fonts"
    if "/app/static/map_data/" in path or path.endswith(".json") or "/_stcore/" in path:
        return "data"
    if "/app/static/" not in path and ("/static/js/" in path or "/static/css/" in path):
        return "js"
    return "app"


def summarise(lhr: dict) -> dict:
    """Metrics, bytes by kind, the requests and the longest main-thread tasks of one Lighthouse report."""
    audits = lhr["audits"]
    run = {name: audits[audit].get("numericValue") for audit, (name, _) in METRICS.items()}
    by_kind = dict.fromkeys(KINDS, 0)
    requests = []
    for item in (audits.get("network-requests", {}).get("details") or {}).get("items", []):
        k = kind(item)
        by_kind[k] += int(item.get("transferSize") or 0)
        requests.append([k, int(item.get("transferSize") or 0), int(item.get("resourceSize") or 0), item.get("url")])
    run["by_kind"] = by_kind
    run["requests"] = requests
    tasks = (audits.get("long-tasks", {}).get("details") or {}).get("items", [])
    run["long_tasks"] = [[t.get("url"), round(t.get("startTime", 0)), round(t.get("duration", 0))] for t in tasks][:12]
    boot = (audits.get("bootup-time", {}).get("details") or {}).get("items", [])
    run["script_ms"] = [[b.get("url"), round(b.get("total", 0)), round(b.get("scripting", 0))] for b in boot][:10]
    run["warnings"] = lhr.get("runWarnings", [])
    return run


# --------------------------------------------------------------------------- report


def median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def aggregate(runs: list[dict]) -> dict:
    agg = {name: median([r[name] for r in runs]) for name, _ in METRICS.values()}
    agg["by_kind"] = {k: median([r["by_kind"][k] for r in runs]) for k in KINDS}
    return agg


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "B":
        return f"{value / 1e6:.2f} MB"
    return f"{value:,.0f} ms" if value < 1000 or unit == "msr" else f"{value / 1000:.1f} s"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def markdown(result: dict) -> str:
    lines = [f"# A phone's first visit: Lighthouse {result['lighthouse']} mobile preset ({result['label']})", "",
             f"Checkout: `{result['root']}` ({result['commit']}); {result['runs']} run(s) each, medians; "
             f"load average before: {result['loadavg']}; {result['when']}.", "",
             "| page | served by | bytes | first paint | largest paint | blocking time | interactive | "
             "bytes / bare | largest paint / bare | interactive / bare |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    pages = result["pages"]
    for served in result["served"]:
        bare = pages.get(f"{served}/bare", {}).get("median")
        for page in result["page_names"]:
            entry = pages.get(f"{served}/{page}")
            if entry is None:
                continue
            m = entry["median"]
            row = [page, served, fmt(m["bytes"], "B"), fmt(m["first_paint"], "ms"), fmt(m["largest_paint"], "ms"),
                   f"{m['blocking']:,.0f} ms" if m["blocking"] is not None else "–", fmt(m["interactive"], "ms")]
            row += [ratio(m[k], bare[k]) if bare else "–" for k in ("bytes", "largest_paint", "interactive")]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "First-visit bytes by kind (medians, transferred): js = Streamlit's scripts and CSS, fonts, data = "
              "the map layers and other JSON, app = the page, component frames and our static files.", "",
              "| page | served by | " + " | ".join(KINDS) + " |", "|---|---|" + "---|" * len(KINDS)]
    for key, entry in pages.items():
        served, page = key.split("/")
        lines.append(f"| {page} | {served} | " + " | ".join(f"{entry['median']['by_kind'][k] / 1e3:,.0f} KB"
                                                            for k in KINDS) + " |")
    lines += ["", "Longest main-thread tasks of the last run (Lighthouse's long-tasks audit, simulated 4x CPU; "
              "start ms, duration ms):", ""]
    for key, entry in pages.items():
        tasks = entry["runs"][-1]["long_tasks"][:5]
        lines.append(f"- {key}: " + "; ".join(f"{Path(str(u)).name or u} @{s}: {d} ms" for u, s, d in tasks))
    lines += floor_lines(result)
    checks = result.get("checks", [])
    if checks:
        lines += ["", "Targets:", ""] + [f"- {'ok' if ok else 'MISSED'}: {text}" for ok, text in checks]
    return "\n".join(lines) + "\n"


def floor_lines(result: dict) -> list[str]:
    """Each page against the floor page of the same topology: what the page adds to its controls' own cost."""
    pages, out = result["pages"], []
    for served in result["served"]:
        floor = pages.get(f"{served}/floor", {}).get("median")
        if not floor:
            continue
        if not out:
            out = ["", "Against the floor page (the map page's controls alone, same topology):", "",
                   "| page | served by | bytes − floor | blocking time − floor | largest paint ÷ floor | "
                   "interactive ÷ floor |", "|---|---|---|---|---|---|"]
        for page in result["page_names"]:
            m = pages.get(f"{served}/{page}", {}).get("median")
            if m is None or page == "floor":
                continue
            extra = (m["bytes"] - floor["bytes"]) / 1e3 if m["bytes"] and floor["bytes"] else None
            blocking = m["blocking"] - floor["blocking"] if None not in (m["blocking"], floor["blocking"]) else None
            out.append(f"| {page} | {served} | " + (f"{extra:+,.0f} KB" if extra is not None else "–") + " | "
                       + (f"{blocking:+,.0f} ms" if blocking is not None else "–") + " | "
                       + f"{ratio(m['largest_paint'], floor['largest_paint'])} | "
                       + f"{ratio(m['interactive'], floor['interactive'])} |")
    return out


def checks(pages: dict) -> list[tuple[bool, str]]:
    out = []
    bare = pages.get("nginx/bare", {}).get("median")
    for key, entry in pages.items():
        served, page = key.split("/")
        m = entry["median"]
        if page == "floor":
            continue
        if served == "nginx" and page != "bare" and bare and m["bytes"] and bare["bytes"]:
            r = m["bytes"] / bare["bytes"]
            out.append((r <= BYTES_TARGET, f"{page} through nginx: bytes {r:.2f}× the bare page's (≤ {BYTES_TARGET}×)"))
        if page in ("map", "compare") and m["blocking"] is not None:
            out.append((m["blocking"] <= BLOCKING_TARGET_MS,
                        f"{page} ({served}): blocking time {m['blocking']:.0f} ms (≤ {BLOCKING_TARGET_MS:.0f} ms)"))
    return out


def git_commit(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to measure (its app.py, .streamlit, deploy/)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    ap.add_argument("--served", default=",".join(SERVED), help="comma-separated topologies: nginx, run")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "bench" / "results" / "phone",
                    help="report path without suffix (.md and .json are written)")
    ap.add_argument("--label", default="", help="a word for the report's title (e.g. before, after)")
    ap.add_argument("--keep", type=Path, help="keep every Lighthouse JSON report in this folder")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args(argv)
    root = a.root.resolve()
    pages = [p for p in a.pages.split(",") if p]
    served = [s for s in a.served.split(",") if s]
    if unknown := [p for p in pages if p not in PAGES] + [s for s in served if s not in SERVED]:
        ap.error(f"unknown page or topology: {', '.join(unknown)}")
    if not LIGHTHOUSE.exists():
        ap.error(f"{LIGHTHOUSE} is missing: run `make bench-phone` (npm ci in {PHONE})")
    work = Path(tempfile.mkdtemp(prefix="bench-phone-"))
    keep = a.keep or work / "reports"
    keep.mkdir(parents=True, exist_ok=True)
    standalone = standalone_folder(root, work)
    servers: dict[tuple[str, str], Served] = {}
    loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    results: dict[str, dict] = {}
    try:
        for s in served:
            for app in (set(STANDALONE) & set(pages)) | ({"app"} if set(pages) - set(STANDALONE) else set()):
                script = standalone / STANDALONE[app] if app in STANDALONE else root / "app.py"
                server = Served(root, script, s, work)
                server.start()
                servers[(s, app)] = server
                print(f"{s}/{app}: {server.url}", flush=True)

        def url(s: str, page: str) -> str:
            return servers[(s, page if page in STANDALONE else "app")].url + PAGES[page]

        warm_up([url(s, p) for s in served for p in pages])
        for i in range(a.runs):
            for s in served:
                for page in pages:
                    report = keep / f"{a.label or 'run'}-{s}-{page}-{i + 1}.json"
                    run = summarise(lighthouse(url(s, page), report))
                    results.setdefault(f"{s}/{page}", {"url": PAGES[page], "runs": []})["runs"].append(run)
                    print(f"run {i + 1} {s}/{page}: {run['bytes'] / 1e6:.2f} MB, FCP {run['first_paint']:.0f}, "
                          f"LCP {run['largest_paint']:.0f}, TBT {run['blocking']:.0f}, TTI {run['interactive']:.0f} ms",
                          flush=True)
    finally:
        for server in servers.values():
            server.stop()
    for entry in results.values():
        entry["median"] = aggregate(entry["runs"])
    version = json.loads((PHONE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    result = {"label": a.label or "this checkout", "root": str(root), "commit": git_commit(root), "runs": a.runs,
              "lighthouse": version, "chrome": CHROME, "loadavg": loadavg, "served": served, "page_names": pages,
              "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "pages": results}
    result["checks"] = checks(results)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(result)
    a.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    print(f"reports: {keep}")
    return 1 if a.check and not all(ok for ok, _ in result["checks"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
