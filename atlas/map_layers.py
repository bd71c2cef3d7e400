"""The map frames' base layers as static files: built from data/ once, served by Streamlit from static/map_data/.

The base layers (outline, districts, chome, labels, credit) are the heavy part of a map (~80 KB) and depend
only on the language, so they travel as cached HTTP files and never over the websocket; each run sends
only the small view (selection, or the choropleth's colours). Their polygons are quantized (geo.payload) and
stored as shared, delta-encoded arcs (geo.arcs): about half the gzipped bytes of quantized GeoJSON.
``python -m atlas.map_layers`` rewrites the files after data/ changes; a test fails while they are stale.
"""

from __future__ import annotations

import hashlib
import html
from functools import cache
from pathlib import Path

from atlas.choropleth import MISSING
from atlas.districts import districts
from atlas.i18n import HTML_LANG, LANGS, t
from atlas.sources import sources
from geo.arcs import encode
from geo.layers import chome_list
from geo.paths import ROOT
from geo.payload import bounds, chome_payload, compact_json, districts_payload, label_points, outline_payload, quantize

MAP_DATA = ROOT / "static" / "map_data"
BOUNDARY_SOURCE = "estat-boundaries-2020"
TILES_SOURCE = "gsi-tiles-pale"
GSI_PALE = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
# From the component frame (/component/<name>/index.html) to Streamlit's static folder (/app/static/).
FRAME_TO_STATIC = "../../app/static/map_data/"
POLYGON_LAYERS = ("outline", "districts", "chome")  # stored as arcs: {"arcs": [...], "<layer>": {features...}}


def tiles() -> dict[str, str]:
    """GSI pale-map tiles (decoration: without network the map still draws), credited from sources.yaml."""
    source = sources()[TILES_SOURCE]
    attr = f'<a href="{html.escape(source.url)}" target="_blank">{japanese(source.credit)}</a>'
    return {"url": GSI_PALE, "attr": attr}


def japanese(text: str) -> str:
    """Japanese text (a credit line, a chome's Japanese name) HTML-escaped inside ``<span lang="ja">``, so a screen
    reader in an en or zh frame reads it in Japanese (the ja frame's own language is ja: the mark changes nothing)."""
    return f'<span lang="ja">{html.escape(text)}</span>'


def map_ui(lang: str, label_key: str = "map_label") -> dict[str, str]:
    """A map frame's language, accessible name, reset-button label and touch hint (set as text)."""
    return {"lang": HTML_LANG.get(lang, lang), "label": t(label_key, lang), "reset": t("map_reset", lang),
            "hint": t("map_touch_hint", lang)}


def _origin() -> tuple[float, float]:
    (south, west), _ = bounds()
    return round(west - 0.001, 3), round(south - 0.001, 3)


def _common() -> dict[str, object]:
    origin = _origin()
    return {"origin": origin, "bounds": bounds(), "outline": quantize(outline_payload(), origin),
            "credit": japanese(sources()[BOUNDARY_SOURCE].credit), "tiles": tiles()}


def district_layers(lang: str) -> dict[str, object]:
    """The map page's base layers in ``lang``: districts in their colours, chome, labels (names HTML-escaped),
    tiles and the frame's texts."""
    raw = {d.id: d.name(lang) for d in districts()}
    names = {k: html.escape(v) for k, v in raw.items()}
    chome = {c.key_code: japanese(c.name_ja) if lang == "zh" else html.escape(c.name(lang)) for c in chome_list()}
    tips = {c.key_code: f"{chome[c.key_code]} · {names[c.district]}" for c in chome_list()}  # zh: Japanese names
    cfg = _common()
    origin = cfg["origin"]
    cfg.update({
        "districts": quantize(districts_payload(names, {d.id: d.colour for d in districts()}), origin),
        "chome": quantize(chome_payload(tips), origin),
        "labels": [{"at": list(at), "text": names[d]} for d, at in label_points().items()],
        "ui": map_ui(lang),
    })
    return with_arcs(cfg)


def compare_layers() -> dict[str, object]:
    """The compare page's geometry and tiles, neutral and language-free (each run paints colours, tooltips, texts)."""
    cfg = _common()
    origin = cfg["origin"]
    cfg.update({
        "districts": quantize(districts_payload({d.id: "" for d in districts()}, {d.id: MISSING for d in districts()}),
                              origin),
        "chome": quantize(chome_payload({c.key_code: "" for c in chome_list()}), origin),
    })
    return with_arcs(cfg)


def with_arcs(cfg: dict[str, object]) -> dict[str, object]:
    """``cfg`` with its quantized polygon layers as one table of shared arcs (geo.arcs.encode)."""
    arcs, layers = encode({name: cfg[name] for name in POLYGON_LAYERS})  # type: ignore[misc]
    return {**cfg, **layers, "arcs": arcs}


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
