"""The server's defaults expose only what they must (issue 12): localhost, no error details, no usage stats."""

from __future__ import annotations

import tomllib

from geo.paths import ROOT


def test_defaults_expose_less() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False
