"""What nginx refuses before a replica sees it (issue 22): foreign websocket Origins and per-client floods.

``site_origins`` lists the Origins a browser of this site sends: the configured public address
(``MINATO_PUBLIC_URL``, e.g. ``https://minato.example``) and the local one nginx listens on (``make serve``).
nginx answers ``/_stcore/stream`` with 403 for any other Origin, so Streamlit's own Origin check, which looks
the machine's external IP up over the network for a foreign Origin (``streamlit.net_util.get_external_ip``,
blocking the replica's event loop), never runs for one. A handshake without Origin is let through: browsers
always send one (so a page on another site can never open a websocket without it), only scripts omit it, and
Streamlit accepts a missing Origin without any lookup; the per-client rate limit still applies.

The limits are per client address and sized for a hall of 100 phones behind one Wi-Fi address
(``tests/e2e/test_e2e_edge.py`` opens 100 pages and websockets from 127.0.0.1 in a burst).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from atlas.upload import SERVER_UPLOAD_MB

PUBLIC_URL_ENV = "MINATO_PUBLIC_URL"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # noqa: S104 - listening on every interface, not binding here


@dataclass(frozen=True)
class Limits:
    """Per client address: open connections, websocket opens and upload requests (rate and burst).

    A hall of 100 phones behind one address: each phone keeps at most 6 HTTP/1.1 connections and a websocket
    (700), opens one websocket per page load and another after a failover (200 at once), and uploads a file or
    two. Above that, requests get 429 at once (``nodelay``: a burst within the limit is never slowed down).
    """

    connections: int = 1024
    stream_rate: str = "5r/s"
    stream_burst: int = 300
    upload_rate: str = "5r/s"
    upload_burst: int = 200


LIMITS = Limits()


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url`` as a browser sends it in Origin (lower case, default port dropped)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    default = {"http": 80, "https": 443}[parts.scheme]
    try:
        port = parts.port
    except ValueError:
        return None
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def local_hosts(listen_host: str) -> list[str]:
    """Host names a browser on this machine (or, for a wildcard address, on its network) uses for nginx."""
    hosts = ["127.0.0.1", "localhost"]
    if listen_host in WILDCARD_HOSTS:
        hosts.append(socket.gethostname())
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:  # no packet is sent: the route's address
            try:
                s.connect(("192.0.2.1", 1))
                hosts.append(s.getsockname()[0])
            except OSError:
                pass
    elif listen_host not in hosts:
        hosts.insert(0, listen_host)
    return hosts


def site_origins(listen_host: str, port: int, public_url: str | None = None) -> list[str]:
    """Every Origin nginx lets open ``/_stcore/stream``: the public address (``public_url``, else
    ``$MINATO_PUBLIC_URL``, comma-separated for several) and ``http://<local host>:<port>``."""
    public = public_url if public_url is not None else os.environ.get(PUBLIC_URL_ENV, "")
    found = [origin_of(u) for u in public.split(",") if u.strip()]
    found += [origin_of(f"http://{h}:{port}") for h in local_hosts(listen_host)]
    return list(dict.fromkeys(o for o in found if o))


def origin_map_lines(origins: list[str]) -> str:
    """The entries of nginx's ``map $http_origin $foreign_origin`` that let ``origins`` through."""
    return "\n".join(f'        "{o}" 0;' for o in origins if '"' not in o and "\\" not in o)


def template_values(listen_host: str, port: int, public_url: str | None = None, limits: Limits = LIMITS) -> dict:
    """The placeholders of deploy/nginx.conf.template's edge block."""
    return {
        "SITE_ORIGINS": origin_map_lines(site_origins(listen_host, port, public_url)),
        "CONN_LIMIT": str(limits.connections),
        "STREAM_RATE": limits.stream_rate, "STREAM_BURST": str(limits.stream_burst),
        "UPLOAD_RATE": limits.upload_rate, "UPLOAD_BURST": str(limits.upload_burst),
        "MAX_BODY": f"{SERVER_UPLOAD_MB}m",  # nginx's m is 2**20 bytes, as Streamlit's MB
    }
