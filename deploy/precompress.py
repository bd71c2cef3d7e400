"""Streamlit's front end as nginx serves it (issue 21): precompressed copies and a subset icon font, in a run dir.

``Topology.start`` (deploy/topology.py) calls :func:`static_mirror`, and nginx's ``/static/`` location points to
the folder it returns: built once per Streamlit version and set of icon names in a cache folder
(``$MINATO_STATIC_CACHE``, else ``share/minato-dashboard`` in the virtual environment, readable by nginx's
workers like Streamlit's own files; building takes a minute of CPU, mostly the font),
then reused by every later start. Nothing of it is committed, and the installed package is not touched:

* every file of Streamlit's bundle is a symlink to the installed file, and every compressible one (scripts,
  CSS, SVG, JSON, TrueType, 1 KB or more) also has a ``.gz`` (zlib level 9) and a ``.br`` (brotli) beside it,
  which nginx's ``gzip_static`` / ``brotli_static`` send as they are: no CPU per visitor;
* ``MaterialSymbols-Rounded.*.woff2`` (375 KB: Streamlit's front end fetches it on every first visit, whatever
  the page shows) is replaced by a subset of the icons the front end and the app can name (``:material/x:``
  in Streamlit's scripts, the app's code and data; about 30 KB). The file keeps its name, so Streamlit's CSS finds
  it. Without fontTools or brotli the full font is kept;
* when the app's theme uses system fonts (deploy/compression.py), ``SourceSansVF-*.woff2`` holds no letters
  (1 KB instead of 170 KB): Streamlit draws its first frames, before the app's theme arrives, in Source Sans,
  and a letter it lacks is drawn in the next font of the list, the system's, as the theme does.

``python -m deploy.precompress`` fills the cache (``make serve`` does it too); ``python -m deploy.precompress DEST``
builds a mirror in DEST and prints what it did.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

COMPRESSIBLE = {".js", ".css", ".svg", ".json", ".ttf", ".txt", ".html", ".map"}
MIN_SIZE = 1024  # nginx's gzip_min_length: smaller files go as they are
SKIP = {".map"}  # source maps: never fetched by a visitor's browser
BROTLI_QUALITY = 5  # ~10x faster than 11 at ~8 % more bytes: all of Streamlit's 23 MB in seconds at serve start
ICON_FONT = re.compile(r"MaterialSymbols-Rounded\.[\w-]+\.woff2$")
TEXT_FONT = re.compile(r"SourceSansVF-(Upright|Italic)\.ttf\.[\w-]+\.woff2$")
ICON_NAME = re.compile(rb":material/([a-z0-9_]+):")
# Icon names Streamlit's front end uses without the ``:material/…:`` spelling (found in its expander, file
# uploader and navigation code); the subset keeps them too.
FRONTEND_ICONS = {"keyboard_arrow_right", "keyboard_arrow_down", "keyboard_arrow_up", "expand_more", "expand_less",
                  "upload", "close", "check", "content_copy", "error", "warning", "info", "check_circle", "search",
                  "download", "fullscreen", "fullscreen_exit", "more_vert", "menu", "chevron_left", "chevron_right",
                  "arrow_upward", "arrow_downward", "add", "remove", "delete", "cancel", "visibility",
                  "visibility_off", "attach_file", "draft", "refresh", "open_in_new", "keyboard_double_arrow_left",
                  "keyboard_double_arrow_right"}


@dataclass
class Built:
    """What :func:`build_static` made, for a log line and the tests."""

    files: int = 0
    compressed: int = 0
    raw_bytes: int = 0
    gz_bytes: int = 0
    br_bytes: int = 0
    icon_font: tuple[int, int] | None = None  # (full, subset) bytes
    icons: list[str] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        font = f"; icon font {self.icon_font[0] // 1000} KB -> {self.icon_font[1] // 1000} KB" if self.icon_font else ""
        return (f"static: {self.files} files, {self.compressed} precompressed ({self.raw_bytes / 1e6:.1f} MB -> gzip "
                f"{self.gz_bytes / 1e6:.1f} MB, brotli {self.br_bytes / 1e6:.1f} MB){font} in {self.seconds:.1f} s"
                + "".join(f"; {n}" for n in self.notes))


def _brotli():
    try:
        import brotli
    except ImportError:
        return None
    return brotli


def _compress(path: Path, dest: Path, brotli_mod) -> tuple[int, int, int]:
    data = path.read_bytes()
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    dest.with_name(dest.name + ".gz").write_bytes(gz)
    br = b""
    if brotli_mod is not None:
        br = brotli_mod.compress(data, quality=BROTLI_QUALITY)
        dest.with_name(dest.name + ".br").write_bytes(br)
    return len(data), len(gz), len(br)


def icon_names(source: Path, app_root: Path | None) -> set[str]:
    """Every ``:material/name:`` in Streamlit's scripts and in the app's code and data, and FRONTEND_ICONS."""
    names = set(FRONTEND_ICONS)
    files = list(source.rglob("*.js"))
    if app_root is not None:
        for folder in ("app_pages", "components", "atlas", "data"):
            files += [p for p in (app_root / folder).rglob("*") if p.suffix in {".py", ".yaml", ".csv", ".md"}]
        files += [app_root / "app.py"]
    for path in files:
        if path.is_file():
            names.update(m.decode() for m in ICON_NAME.findall(path.read_bytes()))
    return names


def subset_icon_font(font: Path, dest: Path, names: set[str]) -> int:
    """Write the icon font with only the ligatures of ``names`` (and the letters they are typed with)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    tt = TTFont(font)
    cmap = tt.getBestCmap()
    letters = {chr(c) for c in cmap if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_")}
    glyphs: set[str] = set()
    gsub = tt["GSUB"].table
    wanted = set(names)
    for lookup in gsub.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            for first, ligatures in getattr(sub, "ligatures", {}).items():
                for lig in ligatures:
                    word = "".join(_glyph_char(tt, cmap, g) for g in [first, *lig.Component])
                    if word in wanted:
                        glyphs.add(lig.LigGlyph)
    options = subset.Options()
    options.layout_closure = False  # keep only the ligatures whose glyph is kept, not every icon
    options.flavor = "woff2"
    options.layout_features = ["liga", "rlig", "calt", "ccmp"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(letters)), glyphs=sorted(glyphs))
    sub.subset(tt)
    tt.flavor = "woff2"
    tt.save(dest)
    return dest.stat().st_size


def _empty_font(path: Path, target: Path, built: Built) -> bool:
    """``path`` with no letters (the space only): text set in it is drawn in the next font of its list."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        tt = TTFont(path)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = []
        sub = subset.Subsetter(options)
        sub.populate(text=" ")
        sub.subset(tt)
        tt.flavor = "woff2"
        tt.save(target)
    except Exception as exc:  # noqa: BLE001 - any failure keeps the font, said in the log line
        target.unlink(missing_ok=True)
        built.notes.append(f"{path.name} kept ({type(exc).__name__}: {exc})")
        return False
    built.notes.append(f"{path.name}: {path.stat().st_size // 1000} KB -> {target.stat().st_size} B (system fonts)")
    return True


_REVERSE: dict[int, dict[str, str]] = {}


def _glyph_char(tt, cmap: dict[int, str], glyph: str) -> str:
    reverse = _REVERSE.setdefault(id(tt), {g: chr(c) for c, g in cmap.items()})
    return reverse.get(glyph, "\0")


VERSION = "1"  # of this module's output: a change makes new cache folders


def cache_root() -> Path:
    env = os.environ.get("MINATO_STATIC_CACHE")
    if env:
        return Path(env)
    # Beside Streamlit's own files (the virtual environment), which nginx's workers can already read.
    return Path(sys.prefix) / "share" / "minato-dashboard"


def static_mirror(source: Path, app_root: Path | None = None, root: Path | None = None) -> tuple[Path, Built | None]:
    """The mirror of ``source`` for these icon names, built now if the cache has none (then also its Built)."""
    import streamlit

    from deploy.compression import theme_font_is_system

    names = icon_names(source, app_root)
    system_font = app_root is not None and theme_font_is_system(app_root)
    key = hashlib.sha256("\n".join([VERSION, streamlit.__version__, str(source), str(system_font), *sorted(names)])
                         .encode())
    root = root or cache_root()
    final = root / f"static-{streamlit.__version__}-{key.hexdigest()[:12]}"
    if (final / ".complete").exists():
        return final, None
    root.mkdir(parents=True, exist_ok=True)
    work = root / f".building-{os.getpid()}-{time.monotonic_ns()}"
    try:
        built = build_static(source, work, app_root, names, system_font)
        (work / ".complete").write_text(built.line() + "\n", encoding="utf-8")
        try:
            work.rename(final)
        except OSError:  # another start finished first: use its copy
            if not (final / ".complete").exists():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final, built


def build_static(source: Path, dest: Path, app_root: Path | None = None, names: set[str] | None = None,
                 system_font: bool = False) -> Built:
    """Mirror ``source`` (Streamlit's ``static/static``) into ``dest`` with precompressed copies (see module doc)."""
    start = time.monotonic()
    built = Built()
    brotli_mod = _brotli()
    if brotli_mod is None:
        built.notes.append("no brotli module: .gz only")
    jobs = []
    font = None
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        built.files += 1
        if ICON_FONT.search(path.name):
            font = (path, target)
            continue
        if system_font and TEXT_FONT.search(path.name) and _empty_font(path, target, built):
            continue
        target.symlink_to(path.resolve())
        if path.suffix in COMPRESSIBLE and path.suffix not in SKIP and path.stat().st_size >= MIN_SIZE:
            jobs.append((path, target))
    with ThreadPoolExecutor(max_workers=2) as pool:  # zlib and brotli let go of the GIL; the font subset does not
        subset = pool.submit(_subset_font, *font, names or icon_names(source, app_root), built) if font else None
        for raw, gz, br in pool.map(lambda job: _compress(job[0], job[1], brotli_mod), jobs):
            built.compressed += 1
            built.raw_bytes += raw
            built.gz_bytes += gz
            built.br_bytes += br
        if subset is not None and not subset.result() and font is not None:
            font[1].symlink_to(font[0].resolve())
    built.seconds = time.monotonic() - start
    return built


def _subset_font(path: Path, target: Path, names: set[str], built: Built) -> bool:
    try:
        size = subset_icon_font(path, target, names)
    except Exception as exc:  # noqa: BLE001 - any failure keeps the full font, said in the log line
        target.unlink(missing_ok=True)
        built.notes.append(f"icon font kept whole ({type(exc).__name__}: {exc})")
        return False
    built.icon_font = (path.stat().st_size, size)
    built.icons = sorted(names)
    return True


if __name__ == "__main__":
    from deploy.csp import ROOT
    from deploy.topology import streamlit_static

    if len(sys.argv) > 1:
        print(build_static(streamlit_static(), Path(sys.argv[1]), ROOT).line())
    else:
        folder, made = static_mirror(streamlit_static(), ROOT)
        print(folder, made.line() if made else "(from the cache)")
