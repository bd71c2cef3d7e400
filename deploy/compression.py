"""The compression lines of the nginx configuration (issue 21), filled into deploy/nginx.conf.template.

Brotli needs Debian's dynamic modules (``libnginx-mod-http-brotli-filter`` and ``-static``, installed by
``make nginx``); without them the configuration loads none and nginx sends gzip alone. The page filter drops
index.html's preload of Source Sans when the app's theme does not use it (``[theme] font`` in
``.streamlit/config.toml`` is a list of system fonts), so that no phone fetches a font nobody draws with.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

MODULE_DIRS = (Path("/usr/lib/nginx/modules"), Path("/usr/share/nginx/modules"))
FILTER = "ngx_http_brotli_filter_module.so"
STATIC = "ngx_http_brotli_static_module.so"
TYPES = "text/css application/javascript application/json image/svg+xml text/plain text/csv font/ttf"
BROTLI_LEVEL = 5  # on the fly: small answers only; Streamlit's bundle is precompressed
# index.html's one rel="preload" is Streamlit's Source Sans font; an unknown rel makes the link inert.
PRELOAD = 'rel="preload"'
INERT = 'rel="x-unused-font"'


def brotli_modules(dirs: tuple[Path, ...] = MODULE_DIRS) -> dict[str, Path]:
    """The installed brotli modules: {"filter": path, "static": path}, each only if found."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for key, name in (("filter", FILTER), ("static", STATIC)):
            if key not in found and (folder / name).is_file():
                found[key] = folder / name
    return found


def theme_font_is_system(app_root: Path) -> bool:
    """Whether the app's theme sets a font other than Streamlit's own (Source Sans is "sans-serif")."""
    path = app_root / ".streamlit" / "config.toml"
    try:
        theme = tomllib.loads(path.read_text(encoding="utf-8")).get("theme", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    font = str(theme.get("font", "")).strip()
    return bool(font) and font.lower().replace(" ", "-") not in {"sans-serif", "serif", "monospace"}


def compression_values(app_root: Path, modules: dict[str, Path] | None = None) -> dict[str, str]:
    """The template's LOAD_MODULES, BROTLI, BROTLI_STATIC and PAGE_FILTER values."""
    modules = brotli_modules() if modules is None else modules
    brotli = "filter" in modules
    load = [f"load_module {modules[k]};" for k in ("filter", "static") if k in modules and (k == "filter" or brotli)]
    values = {
        "LOAD_MODULES": "\n".join(load),
        "BROTLI": (f"    brotli on;\n    brotli_comp_level {BROTLI_LEVEL};\n    brotli_types {TYPES};\n"
                   "    brotli_min_length 1024;") if brotli else "    # (no brotli module installed: gzip only)",
        "BROTLI_STATIC": "            brotli_static on;" if brotli and "static" in modules else "",
        "PAGE_FILTER": "",
    }
    if theme_font_is_system(app_root):
        values["PAGE_FILTER"] = (f"            sub_filter '{PRELOAD}' '{INERT}';  # the theme uses system fonts: "
                                 "no preload of Source Sans")
    return values
