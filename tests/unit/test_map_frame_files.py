"""The map component's frame (static/map_frame/index.html) loads files that exist, from this server only."""

from __future__ import annotations

import re

from geo.paths import ROOT

FRAME = ROOT / "static" / "map_frame" / "index.html"


def frame_assets() -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', FRAME.read_text(encoding="utf-8"))


def test_every_file_the_frame_loads_exists_under_static() -> None:
    assets = frame_assets()
    assert assets, "the frame loads nothing"
    for url in assets:
        assert url.startswith("../../app/static/"), f"{url}: not from /app/static/ (no CDN, one place for nginx)"
        assert (ROOT / "static" / url.removeprefix("../../app/static/")).is_file(), url


def test_the_frame_has_one_style_sheet_and_its_script_before_leaflet() -> None:
    assets = frame_assets()
    assert [a for a in assets if a.endswith(".css")] == ["../../app/static/districts_map.css"]
    scripts = [a for a in assets if a.endswith(".js")]
    # The bridge (in districts_map.js) must run first: it says ready and fetches the layers while Leaflet loads.
    assert scripts == ["../../app/static/districts_map.js", "../../app/static/leaflet/leaflet-frame.js"]
    assert "<style" not in FRAME.read_text(encoding="utf-8") and "<script>" not in FRAME.read_text(encoding="utf-8")


def test_the_built_leaflet_keeps_its_licence_header() -> None:
    head = (ROOT / "static" / "leaflet" / "leaflet-frame.js").read_text(encoding="utf-8")[:400]
    assert "Leaflet 1.9.4" in head and "Vladimir Agafonkin" in head and "BSD-2-Clause" in head
    assert "BSD" in (ROOT / "static" / "leaflet" / "LICENSE").read_text(encoding="utf-8")
