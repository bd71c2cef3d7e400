"""The server's defaults expose only what they must (issue 12): localhost, no error details, no usage stats."""

from __future__ import annotations

import tomllib

from geo.paths import ROOT


def test_defaults_expose_less() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_defaults_keep_a_click_cheap() -> None:
    """Issue 10: no full GC after each run, no source watcher, small unchanged elements sent as cache references."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["global"]["minCachedMessageSize"] <= 256 and config["global"]["maxCachedMessageAge"] >= 2


def test_streamlit_still_knows_the_hidden_cache_options() -> None:
    """The message-cache options are hidden in Streamlit: fail loudly if an upgrade drops them."""
    from streamlit import config

    assert config.get_option("global.minCachedMessageSize") is not None
    assert config.get_option("global.maxCachedMessageAge") is not None
    assert config.get_option("runner.postScriptGC") is not None
