"""The map frames' base layers as static files: built from data/ once, served by Streamlit from static/map_data/.

The base layers (outline, districts, chome, labels, credit) are the heavy part of a map (~80 KB) and depend
only on the language, so they travel as cached HTTP files and never over the websocket; each run sends
only the small view (selection, or the choropleth's colours). ``python -m atlas.map_layers`` rewrites the
files after data/ changes; a test fails while they are stale.
"""

from __future__ import annotations

import hashlib
import html
from functools import cache
from pathlib import Path

from atlas.choropleth import MISSING
from atlas.districts import districts
from atlas.i18n import LANGS
from atlas.sources import sources
from geo.layers import chome_list
from geo.paths import ROOT
from geo.payload import bounds, chome_payload, compact_json, districts_payload, label_points, outline_payload, quantize

MAP_DATA = ROOT / "static" / "map_data"
BOUNDARY_SOURCE = "estat-boundaries-2020"
# From the component frame (/component/<name>/index.html) to Streamlit's static folder (/app/static/).
FRAME_TO_STATIC = "../../app/static/map_data/"


def _origin() -> tuple[float, float]:
    (south, west), _ = bounds()
    return round(west - 0.001, 3), round(south - 0.001, 3)


def _common() -> dict[str, object]:
    origin = _origin()
    return {"origin": origin, "bounds": bounds(), "outline": quantize(outline_payload(), origin),
            "credit": html.escape(sources()[BOUNDARY_SOURCE].credit)}


def district_layers(lang: str) -> dict[str, object]:
    """The map page's base layers in ``lang``: districts in their colours, chome and labels (names HTML-escaped)."""
    raw = {d.id: d.name(lang) for d in districts()}
    names = {k: html.escape(v) for k, v in raw.items()}
    tips = {c.key_code: html.escape(f"{c.name(lang)} · {raw[c.district]}") for c in chome_list()}
    cfg = _common()
    origin = cfg["origin"]
    cfg.update({
        "districts": quantize(districts_payload(names, {d.id: d.colour for d in districts()}), origin),
        "chome": quantize(chome_payload(tips), origin),
        "labels": [{"at": list(at), "text": names[d]} for d, at in label_points().items()],
    })
    return cfg


def compare_layers() -> dict[str, object]:
    """The compare page's geometry, neutral and language-free (each run paints colours and tooltips)."""
    cfg = _common()
    origin = cfg["origin"]
    cfg.update({
        "districts": quantize(districts_payload({d.id: "" for d in districts()}, {d.id: MISSING for d in districts()}),
                              origin),
        "chome": quantize(chome_payload({c.key_code: "" for c in chome_list()}), origin),
    })
    return cfg


def layer_files() -> dict[str, bytes]:
    """File name -> content of every base-layer file, as built from data/ now."""
    files = {f"districts-{lang}.json": compact_json(district_layers(lang)) for lang in LANGS}
    files["compare.json"] = compact_json(compare_layers())
    return {name: text.encode("utf-8") for name, text in files.items()}


def stale_files(folder: Path = MAP_DATA) -> list[str]:
    """Names of the files in ``folder`` that are missing or differ from what data/ gives now."""
    return [name for name, body in layer_files().items()
            if not (folder / name).exists() or (folder / name).read_bytes() != body]


@cache
def layer_url(name: str) -> str:
    """The file's URL as seen from the map frame, versioned by content so browsers refetch it after a change."""
    digest = hashlib.sha256((MAP_DATA / name).read_bytes()).hexdigest()[:12]
    return f"{FRAME_TO_STATIC}{name}?v={digest}"


def write_files(folder: Path = MAP_DATA) -> list[Path]:
    """Write every base-layer file (the build step); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in layer_files().items():
        (folder / name).write_bytes(body)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_files():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,d} bytes)")
