"""N Streamlit replicas on 127.0.0.1 behind one nginx with session affinity (see deploy/nginx.conf.template).

Used by ``make serve`` (deploy/serve.py), the e2e test through nginx and the load test::

    with Topology(replicas=2, port=8600, replica_port=8601) as topo:
        print(topo.url)          # http://127.0.0.1:8600
        topo.restart_replica(0)  # sessions on it reconnect to the other replica
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from deploy.compression import compression_values
from deploy.csp import APP_CSP, ROOT, content_security_policy
from deploy.edge import template_values
from deploy.podman import REPLICA_IMAGE_ENV, streamlit_command
from deploy.precompress import static_mirror

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
COOKIE = "mz_replica"
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_binary() -> str | None:
    """Path of Debian's nginx (``/usr/sbin`` is not on a normal user's PATH), or None."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
    return kids


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive ports that are free on 127.0.0.1 now."""
    import random
    import socket

    rng = random.Random()
    for _ in range(200):
        start = rng.randrange(20000, 40000)
        socks: list[socket.socket] = []
        try:
            for port in range(start, start + count):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return start
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free ports")


def replica_name(index: int) -> str:
    return f"r{index + 1}"


def streamlit_static() -> Path:
    """The folder of Streamlit's built front end (``/static/`` of every page), in the installed package."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "static").resolve()


def render_config(ports: list[int], listen: str, run_dir: Path, user: str | None = None, app_root: Path = ROOT,
                  public_url: str | None = None, static_dir: Path | None = None) -> str:
    """The nginx configuration for replicas on ``ports`` (127.0.0.1), nginx listening on ``listen`` (host:port).

    ``public_url`` (else ``$MINATO_PUBLIC_URL``) is the site's public address, whose Origin opens websockets;
    ``static_dir``: what /static/ serves, the precompressed mirror of deploy/precompress.py (default: the
    installed bundle itself)."""
    addr = [f"127.0.0.1:{p}" for p in ports]
    names = [replica_name(i) for i in range(len(ports))]
    routes = "\n".join(f"        {n} replica_{n};" for n in names)
    served = ["    map $upstream_addr $served_by {", '        default "";']
    served += [f'        "~{re.escape(a)}$" {n};' for a, n in zip(addr, names, strict=True)]
    served.append("    }")
    pool = "\n".join(f"        server {a} max_fails=1 fail_timeout=5s;" for a in addr)
    upstreams = []
    for i, name in enumerate(names):
        lines = [f"    upstream replica_{name} {{", f"        zone replica_{name} 64k;",
                 f"        server {addr[i]} max_fails=1 fail_timeout=5s;"]
        lines += [f"        server {a} backup;" for j, a in enumerate(addr) if j != i]
        upstreams.append("\n".join([*lines, "    }"]))
    values = {
        "REPLICAS": str(len(ports)), "USER": f"user {user};" if user else "", "RUN_DIR": str(run_dir),
        "ROUTES": routes, "SERVED_BY": "\n".join(served), "POOL": pool, "UPSTREAMS": "\n" + "\n".join(upstreams),
        "LISTEN": listen, "CSP": content_security_policy(APP_CSP, app_root),
        "STREAMLIT_STATIC": str(static_dir or streamlit_static()), "APP_STATIC": str((app_root / "static").resolve()),
        **compression_values(app_root),
    }
    host, _, port = listen.rpartition(":")
    values.update(template_values(host.strip("[]"), int(port), public_url))
    return re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def wait_healthy(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers 200 (RuntimeError when ``proc`` exits or time runs out)."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:
            if resp.status == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not healthy after {timeout:.0f} s")
        time.sleep(0.2)


def stop_group(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM the process group led by ``proc`` (started with start_new_session), SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


@dataclass
class Replica:
    """One ``streamlit run app.py`` bound to 127.0.0.1:port, in its own process group."""

    index: int
    port: int
    log_path: Path
    proc: subprocess.Popen | None = None

    @property
    def name(self) -> str:
        return replica_name(self.index)

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/_stcore/health"

    def start(self, script: Path, extra: list[str]) -> None:
        cmd = [
            sys.executable, "-m", "deploy.launch", "run", str(script), "--server.port", str(self.port),
            "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
            *extra,
        ]
        image = os.environ.get(REPLICA_IMAGE_ENV)
        if image:  # the replica is the container image instead (make image; docs/deploy.md)
            cmd = [*streamlit_command(image, f"minato-replica-{self.port}", self.port), *extra]
        with open(self.log_path, "a", encoding="utf-8") as log:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            self.proc = subprocess.Popen(cmd, cwd=script.parent, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, env=env)

    def stop(self) -> None:
        if self.proc is not None:
            stop_group(self.proc)


@dataclass
class Topology:
    """Replicas on ``replica_port``.. and nginx on ``port``; ``start``/``stop`` or use as a context manager."""

    replicas: int = 2
    port: int = 8600
    replica_port: int = 8601
    run_dir: Path | None = None
    script: Path = ROOT / "app.py"
    listen_host: str = "127.0.0.1"
    streamlit_args: list[str] = field(default_factory=list)
    public_url: str | None = None  # the site's public address (else $MINATO_PUBLIC_URL): its Origin may connect
    nodes: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    static_dir: Path | None = None  # what nginx serves as /static/ (deploy/precompress.py)

    @property
    def url(self) -> str:
        return f"http://{self.listen_host}:{self.port}"

    @property
    def access_log(self) -> Path:
        assert self.run_dir is not None
        return self.run_dir / "access.log"

    def __enter__(self) -> Topology:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 90.0) -> None:
        """Start every replica and nginx, and wait until each replica and the proxy answer /_stcore/health."""
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx, or `make nginx`)")
        self.run_dir = Path(self.run_dir or tempfile.mkdtemp(prefix="minato-serve-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.nodes = [Replica(i, self.replica_port + i, self.run_dir / f"replica-{i + 1}.log")
                      for i in range(self.replicas)]
        try:
            for node in self.nodes:
                node.start(self.script, self.streamlit_args)
            with ThreadPoolExecutor(max_workers=1) as pool:  # the static mirror is built while replicas start
                mirror = pool.submit(static_mirror, streamlit_static(), self.script.parent)
                for node in self.nodes:
                    wait_healthy(node.health_url, timeout, node.proc)
                try:
                    self.static_dir, built = mirror.result()
                    note = built.line() if built is not None else "(from the cache)"
                except OSError as exc:  # e.g. a read-only environment: the bundle as installed, uncompressed
                    self.static_dir, note = streamlit_static(), f"no precompressed copy: {exc}"
            (self.run_dir / "static.log").write_text(f"{self.static_dir}\n{note}\n", encoding="utf-8")
            self._start_nginx(binary)
            wait_healthy(f"{self.url}/_stcore/health", 30, self.nginx)
        except BaseException:
            self.stop()
            raise

    def _start_nginx(self, binary: str) -> None:
        assert self.run_dir is not None
        user = None
        if os.geteuid() == 0:  # workers drop to nobody: give them the temporary directories
            user = "nobody nogroup"
            nobody = pwd.getpwnam("nobody")
        for name in TEMP_DIRS:
            path = self.run_dir / name
            path.mkdir(exist_ok=True)
            if user:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        conf = self.run_dir / "nginx.conf"
        listen = f"{self.listen_host}:{self.port}"
        text = render_config([n.port for n in self.nodes], listen, self.run_dir, user, self.script.parent,
                             public_url=self.public_url, static_dir=self.static_dir)
        conf.write_text(text, encoding="utf-8")
        check = subprocess.run([binary, "-t", "-q", "-c", str(conf), "-p", str(self.run_dir)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed for {conf}:\n{check.stderr}")
        with open(self.run_dir / "nginx.out", "a", encoding="utf-8") as out:
            self.nginx = subprocess.Popen([binary, "-c", str(conf), "-p", str(self.run_dir)], stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    def restart_replica(self, index: int, timeout: float = 90.0) -> None:
        """Stop replica ``index`` (SIGTERM: its websockets close) and start it again on the same port."""
        node = self.nodes[index]
        node.stop()
        node.start(self.script, self.streamlit_args)
        wait_healthy(node.health_url, timeout, node.proc)

    def replica_pids(self) -> list[int]:
        return [n.proc.pid for n in self.nodes if n.proc is not None and n.proc.poll() is None]

    def nginx_pids(self) -> list[int]:
        """The nginx master and its workers (children of the master)."""
        if self.nginx is None or self.nginx.poll() is not None:
            return []
        return [self.nginx.pid, *children(self.nginx.pid)]

    def stop(self) -> None:
        """Stop nginx, then every replica (each by its own process group)."""
        if self.nginx is not None:
            stop_group(self.nginx)
            self.nginx = None
        for node in self.nodes:
            node.stop()

