"""Where the machine's CPU went during the simulated hall (tests/bench/hall.py), from /proc (Linux).

Every second: each process's user + system time (``/proc/<pid>/stat``), counted as

* ``servers``: the server launcher and its descendants (the replicas, nginx and its workers);
* ``browsers``: Chromium processes below this one (the measured phones and the recording);
* ``driver``: this process and its other descendants (the protocol phones, Playwright's driver);
* ``other``: the rest of the machine's busy time (``/proc/stat``): other users, the kernel's own work.

A process's time after its last sample (at most a second) is lost when it exits; a process that existed at
the start counts from its first sample.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def proc_table() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, user + system CPU seconds) of every process readable now."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1: text.rindex(")")]
        rest = text[text.rindex(")") + 2:].split()
        table[int(entry.name)] = (int(rest[1]), comm, (int(rest[11]) + int(rest[12])) / TICK)
    return table


def machine_busy() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine since boot (/proc/stat's first line)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / TICK, sum(ticks) / TICK


def loadavg() -> list[float]:
    return [float(v) for v in Path("/proc/loadavg").read_text().split()[:3]]


def below(table: dict[int, tuple[int, str, float]], root: int) -> set[int]:
    """``root`` and its descendants in ``table``."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


class CpuSplit:
    """Samples /proc every ``every`` s between ``start()`` and ``stop()``; ``report()`` gives the split."""

    def __init__(self, server_pid: int, every: float = 1.0) -> None:
        self.server_pid, self.every = server_pid, every
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.load_max = 0.0
        self.task: asyncio.Task | None = None

    def sample(self) -> None:
        table = proc_table()
        servers = below(table, self.server_pid)
        mine = below(table, os.getpid()) - servers
        for pid, (_, comm, seconds) in table.items():
            kind = ("servers" if pid in servers else
                    ("browsers" if comm.startswith("chrom") else "driver") if pid in mine else "")
            if kind:
                self.first.setdefault(pid, seconds if self.task is None else 0.0)
                self.last[pid] = (kind, seconds)
        self.load_max = max(self.load_max, loadavg()[0])

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.sample()

    def start(self) -> None:
        self.machine0, self.load0 = machine_busy(), loadavg()
        self.sample()
        self.task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        assert self.task is not None
        self.task.cancel()
        self.sample()
        self.machine1, self.load1 = machine_busy(), loadavg()

    def report(self) -> dict:
        split = {"servers": 0.0, "browsers": 0.0, "driver": 0.0}
        for pid, (kind, seconds) in self.last.items():
            split[kind] += seconds - self.first.get(pid, 0.0)
        busy = self.machine1[0] - self.machine0[0]
        capacity = self.machine1[1] - self.machine0[1]
        split["other"] = max(0.0, busy - sum(split.values()))
        return {"cpu_s": {k: round(v, 1) for k, v in split.items()}, "machine_busy_s": round(busy, 1),
                "machine_capacity_s": round(capacity, 1), "cores": os.cpu_count(),
                "loadavg_before": self.load0, "loadavg_max": round(self.load_max, 2), "loadavg_after": self.load1}
