"""The edge (issue 22): which Origins nginx lets open the websocket, its per-client limits, and Streamlit's
Origin check never looking the external IP up (deploy/edge.py, deploy/launch.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest

from components.streamlit_guard import skip_external_ip_lookup
from deploy.edge import LIMITS, PUBLIC_URL_ENV, origin_of, site_origins
from deploy.topology import nginx_binary, render_config


@pytest.mark.parametrize(("url", "origin"), [
    ("https://Minato.Example/present?district=azabu", "https://minato.example"),
    ("https://minato.example:443/", "https://minato.example"),
    ("http://hall.local:8600", "http://hall.local:8600"),
    ("http://[::1]:8600/", "http://[::1]:8600"),
    ("ftp://minato.example", None),
    ("minato.example", None),
    ("http://minato.example:99999", None),
])
def test_origin_of_is_what_a_browser_sends(url: str, origin: str | None) -> None:
    assert origin_of(url) == origin


def test_site_origins_are_the_public_and_the_local_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PUBLIC_URL_ENV, "https://minato.example/")
    origins = site_origins("127.0.0.1", 8600)
    assert origins == ["https://minato.example", "http://127.0.0.1:8600", "http://localhost:8600"]
    assert site_origins("127.0.0.1", 8600, public_url="") == origins[1:]  # an explicit value beats the variable
    wildcard = site_origins("0.0.0.0", 8600, public_url="")  # noqa: S104 - a hall's Wi-Fi reaches the machine
    assert wildcard[:2] == origins[1:] and len(wildcard) > 2
    assert all(re.fullmatch(r"http://[^/:]+:8600", o) for o in wildcard)


def nginx_conf(tmp_path: Path, public_url: str | None = "https://minato.example") -> str:
    return render_config([8601, 8602], "127.0.0.1:8600", tmp_path, public_url=public_url)


def test_config_refuses_foreign_origins_before_the_upstream(tmp_path: Path) -> None:
    conf = nginx_conf(tmp_path)
    origin_map = conf.split("map $http_origin $foreign_origin {")[1].split("}")[0]
    allowed = re.findall(r'"([^"]*)"\s+0;', origin_map)
    assert allowed == ["", "https://minato.example", "http://127.0.0.1:8600", "http://localhost:8600"]
    assert re.search(r"default 1;", origin_map)
    stream = conf.split("location = /_stcore/stream {")[1].split("proxy_pass")[0]
    assert "if ($foreign_origin)" in stream and "return 403;" in stream
    assert stream.index("return 403") < stream.index("limit_req")


def test_config_limits_are_sized_for_a_hall_of_100_phones(tmp_path: Path) -> None:
    conf = nginx_conf(tmp_path)
    assert f"limit_conn per_client {LIMITS.connections};" in conf and LIMITS.connections >= 100 * 7
    assert f"limit_req zone=stream_opens burst={LIMITS.stream_burst} nodelay;" in conf
    assert LIMITS.stream_burst >= 2 * 100  # every phone opens, then reconnects after a failover
    upload = conf.split("location /_stcore/upload_file/ {")[1].split("}")[0]
    assert f"limit_req zone=uploads burst={LIMITS.upload_burst} nodelay;" in upload and LIMITS.upload_burst >= 100


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf(tmp_path), encoding="utf-8")
    check = subprocess.run([nginx_binary(), "-t", "-q", "-c", str(conf), "-p", str(tmp_path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_origin_check_never_looks_the_external_ip_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A foreign Origin is refused without any HTTP request; the site's own addresses still pass."""
    import requests
    from streamlit import net_util
    from streamlit.web.server import server_util

    spec = importlib.util.spec_from_file_location("fresh_net_util", net_util.__file__)
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)  # Streamlit's own function (app.py may have replaced it here)
    spec.loader.exec_module(fresh)
    calls: list[str] = []
    monkeypatch.setattr(requests, "get", lambda url, **kw: calls.append(url))
    monkeypatch.setattr(net_util, "get_external_ip", fresh.get_external_ip)  # undone after the test
    server_util.is_url_from_allowed_origins("https://evil.example")
    assert calls, "Streamlit no longer looks the external IP up: components/streamlit_guard.py can go"
    calls.clear()
    skip_external_ip_lookup()
    assert not server_util.is_url_from_allowed_origins("https://evil.example")
    assert server_util.is_url_from_allowed_origins("http://localhost:8501")
    assert calls == []
