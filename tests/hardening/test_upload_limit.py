"""One upload limit (issue 22): the app's (atlas/upload.MAX_UPLOAD_MB) is stated once under the uploader and is the
one a resident meets, with the app's message in the view's language; Streamlit's (browser and server) and nginx's
lie just above it, counted the way each counts, so a file just over the app's limit reaches the app."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from atlas.upload import MAX_BYTES, MAX_UPLOAD_MB, SERVER_UPLOAD_MB, Msg, parse_upload
from deploy.topology import render_config
from geo.paths import ROOT

MIB = 2**20
FRAMING = 512  # multipart boundary lines and part headers around the file (a browser sends about 200 bytes)


def streamlit_limit_mb() -> int:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config["server"]["maxUploadSize"])


def test_streamlit_and_nginx_agree_and_lie_above_the_app(tmp_path: Path) -> None:
    assert streamlit_limit_mb() == SERVER_UPLOAD_MB
    conf = render_config([8601], "127.0.0.1:8600", tmp_path)
    assert f"client_max_body_size {SERVER_UPLOAD_MB}m;" in conf and "2 MB" not in conf
    browser_allows = min(SERVER_UPLOAD_MB * 10**6, SERVER_UPLOAD_MB * MIB)  # 10**6 per MB, 2**20 on Windows
    assert browser_allows > MAX_BYTES  # a file just over the app's limit leaves the browser
    assert browser_allows + FRAMING <= SERVER_UPLOAD_MB * MIB  # ... and passes nginx and Streamlit's server


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_a_file_just_over_the_limit_gets_the_apps_message(lang: str) -> None:
    result = parse_upload(b"a,b\n" + b"1" * (MAX_BYTES - 3), "big.csv")
    (error,) = result.error_texts(lang)
    assert error == Msg("upload_e_too_big", size=MAX_BYTES + 1, mb=MAX_UPLOAD_MB, limit=MAX_BYTES).text(lang)
    at_limit = parse_upload(b"a,b\n" + b"1" * (MAX_BYTES - 4), "edge.csv")  # exactly MAX_BYTES: not refused for size
    assert "upload_e_too_big" not in [m.key for m in at_limit.errors]


def test_the_limit_is_stated_once_in_the_views_language() -> None:
    """Streamlit's English "2MB per file" is hidden; the caption under the heading states the app's limit."""
    css = (ROOT / "static" / "app.css").read_text(encoding="utf-8")
    assert '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }' in css
    for lang in ("ja", "en", "zh"):
        stated = Msg("upload_limit", mb=MAX_UPLOAD_MB, limit=MAX_BYTES).text(lang)
        too_big = Msg("upload_e_too_big", size=MAX_BYTES + 1, mb=MAX_UPLOAD_MB, limit=MAX_BYTES).text(lang)
        assert f"{MAX_BYTES:,}" in stated and f"{MAX_BYTES:,}" in too_big  # the same number, written the same way
