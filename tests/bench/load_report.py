"""The load test's measurements and report: server CPU and RSS from /proc, percentiles, JSON, text, PNG."""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of ``pids`` (all their threads) in seconds; vanished processes count 0."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / CLK_TCK


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` in MB (VmRSS)."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def loadavg() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_quiet(threshold: float, max_wait_s: float, poll_s: float = 30.0) -> tuple[bool, float, float]:
    """Wait until the 1-minute load average is below ``threshold``; (quiet?, load, seconds waited)."""
    start = time.monotonic()
    while True:
        load = loadavg()
        waited = time.monotonic() - start
        if load < threshold:
            return True, load, waited
        if waited >= max_wait_s:
            return False, load, waited
        print(f"  load average {load:.2f} >= {threshold}: waiting ({waited / 60:.0f}/{max_wait_s / 60:.0f} min)",
              flush=True)
        time.sleep(poll_s)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def stats(values: list[float]) -> dict[str, float | int | None]:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "max": max(values) if values else None}


@dataclass
class Snapshot:
    """Server CPU seconds and RSS at one moment."""

    cpu_s: float
    rss_mb: float
    nginx_cpu_s: float = 0.0

    @classmethod
    def take(cls, replica_pids: list[int], nginx_pids: list[int]) -> Snapshot:
        return cls(cpu_seconds(replica_pids), rss_mb(replica_pids), cpu_seconds(nginx_pids))


@dataclass
class RunReport:
    """One run of one driver: timings, errors and server cost."""

    driver: str  # "ws" (protocol) or "browser" (Chromium)
    replicas: int
    sessions: int
    mode: str  # "steady" (ramped opens, then changes) or "surge" (all opens within the window, no barrier)
    open_ms: list[float] = field(default_factory=list)
    change_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes_per_open: list[int] = field(default_factory=list)
    bytes_per_change: list[int] = field(default_factory=list)
    rss_idle_mb: float | None = None  # replicas' RSS once every session has opened, before changes
    rss_base_mb: float = 0.0
    cpu_open_s: float | None = None
    cpu_change_s: float | None = None
    cpu_total_s: float = 0.0
    nginx_cpu_s: float = 0.0
    driver_cpu_s: float = 0.0
    duration_s: float = 0.0
    load_before: float = 0.0

    def summary(self) -> dict[str, Any]:
        opened = len(self.open_ms)
        interactions = opened + len(self.change_ms)
        rss = (self.rss_idle_mb - self.rss_base_mb) / opened if self.rss_idle_mb is not None and opened else None
        return {
            "driver": self.driver, "replicas": self.replicas, "sessions": self.sessions, "mode": self.mode,
            "open_ms": stats(self.open_ms), "change_ms": stats(self.change_ms),
            "errors": len(self.errors), "error_kinds": dict(Counter(e.split(":")[0] for e in self.errors)),
            "error_examples": sorted(set(self.errors))[:5],
            "rss_base_mb": round(self.rss_base_mb, 1),
            "rss_mb_per_session": round(rss, 2) if rss is not None else None,
            "cpu_ms_per_open": per(self.cpu_open_s, opened),
            "cpu_ms_per_change": per(self.cpu_change_s, len(self.change_ms)),
            "cpu_ms_per_interaction": per(self.cpu_total_s, interactions),
            "bytes_per_open": percentile([float(b) for b in self.bytes_per_open], 50),
            "bytes_per_change": percentile([float(b) for b in self.bytes_per_change], 50),
            "nginx_cpu_s": round(self.nginx_cpu_s, 2), "driver_cpu_s": round(self.driver_cpu_s, 1),
            "duration_s": round(self.duration_s, 1), "load_before": self.load_before,
        }


def per(seconds: float | None, n: int) -> float | None:
    """Milliseconds per item, or None."""
    return round(seconds * 1000 / n, 1) if seconds is not None and n else None


def fmt(v: float | None, scale: float = 1.0, digits: int = 0) -> str:
    return "-" if v is None else f"{v / scale:.{digits}f}"


HEADER = (f"{'driver':8}{'rep':>4}{'sess':>5} {'mode':7}{'open p50/p95/p99 s':>20}{'change p50/p95/p99 ms':>24}"
          f"{'err':>5}{'MB/sess':>8}{'CPUms/chg':>10}{'CPUms/int':>10}{'KB/chg':>7}{'load':>6}")


def table_line(s: dict[str, Any]) -> str:
    o, c = s["open_ms"], s["change_ms"]
    opens = "/".join(fmt(o[k], 1000, 1) for k in ("p50", "p95", "p99"))
    changes = "/".join(fmt(c[k]) for k in ("p50", "p95", "p99"))
    return (f"{s['driver']:8}{s['replicas']:>4}{s['sessions']:>5} {s['mode']:7}{opens:>20}{changes:>24}"
            f"{s['errors']:>5}{fmt(s['rss_mb_per_session'], 1, 1):>8}{fmt(s['cpu_ms_per_change']):>10}"
            f"{fmt(s['cpu_ms_per_interaction']):>10}{fmt(s['bytes_per_change'], 1000, 1):>7}{s['load_before']:>6.2f}")


def write_reports(summaries: list[dict[str, Any]], meta: dict[str, Any], out_dir: Path) -> Path:
    """Write load.json and load.txt in ``out_dir``; return the text file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "load.json").write_text(json.dumps({"meta": meta, "runs": summaries}, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    lines = [HEADER, *(table_line(s) for s in summaries)]
    text = out_dir / "load.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return text


def plot(summaries: list[dict[str, Any]], png: Path, target_ms: float = 1000.0) -> None:
    """p95 picker change -> script finished against sessions, one line per replica count (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, ax = plt.subplots(figsize=(7.5, 5.2), dpi=120)
    colours = {1: "#c0392b", 2: "#2471a3", 3: "#1e8449", 4: "#7d3c98"}
    for replicas in sorted({s["replicas"] for s in summaries}):
        colour = colours.get(replicas, "#555555")
        runs = sorted((s for s in summaries if s["replicas"] == replicas and s["change_ms"]["p95"] is not None),
                      key=lambda s: s["sessions"])
        steady = [s for s in runs if s["driver"] == "ws" and s["mode"] == "steady"]
        label = f"{replicas} replica{'s' if replicas > 1 else ''}"
        if steady:
            ax.plot([s["sessions"] for s in steady], [s["change_ms"]["p95"] for s in steady], "o-", color=colour,
                    label=f"{label}: protocol driver")
        for s in runs:
            if s["mode"] == "surge":
                ax.plot(s["sessions"], s["change_ms"]["p95"], "^", color=colour, markersize=9,
                        label=f"{label}: surge (opens within 30 s)")
            elif s["driver"] == "browser":
                ax.plot(s["sessions"], s["change_ms"]["p95"], "s", color=colour, markersize=8, fillstyle="none",
                        label=f"{label}: Chromium, click to heading")
    ax.axhline(target_ms, color="#777777", linestyle="--", linewidth=1, label="target p95 1 s")
    ax.set_xscale("log")
    ax.set_yscale("log")
    sessions = sorted({s["sessions"] for s in summaries})
    ax.set_xticks(sessions, [str(n) for n in sessions])
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _: f"{v / 1000:g} s" if v >= 1000 else f"{v:g} ms"))
    ax.set_xlabel("concurrent sessions (think time 5 s)")
    ax.set_ylabel("p95 district change -> script finished")
    ax.set_title("Minato dashboard on a 2-core machine, through nginx")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3)  # below: never over a point
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png)
    plt.close(fig)


def as_dict(report: RunReport) -> dict[str, Any]:
    """The raw samples (for the JSON's ``samples`` file)."""
    return asdict(report)
