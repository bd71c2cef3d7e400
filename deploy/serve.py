"""``make serve REPLICAS=N``: N Streamlit replicas on 127.0.0.1:8601.. and nginx in front on :8600.

    .venv/bin/python -m deploy.serve --replicas 2 --port 8600 --replica-port 8601 [--listen 0.0.0.0]

Also the active health check that open-source nginx lacks: every ``--check-every`` seconds each replica's
/_stcore/health is polled directly; a replica that exited, or failed ``--max-failures`` checks in a row, is
restarted on its port (its sessions reconnect through nginx to another replica meanwhile). Ctrl-C or SIGTERM
stops nginx and every replica.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
import urllib.request
from pathlib import Path

from deploy.edge import site_origins
from deploy.topology import Replica, Topology


def healthy(node: Replica, timeout: float = 3.0) -> bool:
    """The replica's process runs and its /_stcore/health answers 200."""
    if node.proc is None or node.proc.poll() is not None:
        return False
    with contextlib.suppress(OSError), urllib.request.urlopen(node.health_url, timeout=timeout) as resp:
        return resp.status == 200
    return False


def supervise(topo: Topology, every: float, max_failures: int) -> int:
    """Poll the replicas until nginx exits (its exit code) or a signal ends the loop."""
    failures = [0] * len(topo.nodes)
    while topo.nginx is not None and topo.nginx.poll() is None:
        time.sleep(every)
        for i, node in enumerate(topo.nodes):
            failures[i] = 0 if healthy(node) else failures[i] + 1
            exited = node.proc is None or node.proc.poll() is not None
            if exited or failures[i] >= max_failures:
                why = "exited" if exited else f"failed {failures[i]} health checks"
                print(f"replica {node.name} (:{node.port}) {why}: restarting", flush=True)
                try:
                    topo.restart_replica(i)
                    failures[i] = 0
                except RuntimeError as exc:
                    print(f"replica {node.name} did not come back: {exc}", flush=True)
    return 1 if topo.nginx is None else (topo.nginx.returncode or 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--port", type=int, default=8600, help="nginx's port")
    ap.add_argument("--replica-port", type=int, default=8601, help="first replica's port (127.0.0.1 only)")
    ap.add_argument("--listen", default="127.0.0.1", help="nginx's address (0.0.0.0: every interface)")
    ap.add_argument("--run-dir", type=Path, help="config, logs and pid file (default: a new temporary folder)")
    ap.add_argument("--public-url", help="the site's public address, e.g. https://minato.example (default: "
                    "$MINATO_PUBLIC_URL); its Origin and the local one may open websockets (deploy/edge.py)")
    ap.add_argument("--check-every", type=float, default=5.0)
    ap.add_argument("--max-failures", type=int, default=3)
    a = ap.parse_args(argv)
    if a.replicas < 1:
        ap.error("--replicas must be at least 1")

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signum)

    signal.signal(signal.SIGTERM, stop)
    topo = Topology(replicas=a.replicas, port=a.port, replica_port=a.replica_port, run_dir=a.run_dir,
                    listen_host=a.listen, public_url=a.public_url)
    try:
        topo.start()
        ports = ", ".join(f"{n.name} 127.0.0.1:{n.port}" for n in topo.nodes)
        print(f"nginx on http://{a.listen}:{a.port} in front of {ports}\nconfig and logs: {topo.run_dir}\n"
              f"websockets from: {', '.join(site_origins(a.listen, a.port, a.public_url))}", flush=True)
        return supervise(topo, a.check_every, a.max_failures)
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        topo.stop()


if __name__ == "__main__":
    raise SystemExit(main())
