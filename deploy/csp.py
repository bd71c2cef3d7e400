"""The Content-Security-Policy nginx sends, the same strict one for the app's pages and the map component's frame.

    .venv/bin/python -m deploy.csp            # both values, e.g. for another proxy

Who may frame the app (``/compare?embed=map`` in an iframe on the city's site) is configuration:
``MINATO_FRAME_ANCESTORS="'self' https://www.city.minato.tokyo.jp"`` (default ``'self'``). Each source is
``'self'``, ``'none'`` (alone) or an https origin; anything else stops the configuration with a message naming
the variable and the value. Browsers that apply CSP ignore nginx's X-Frame-Options once frame-ancestors is sent.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TILE_HOST = "https://cyberjapandata.gsi.go.jp"
# The app's pages: only this server's scripts (plus the hash of Streamlit's one inline script), no eval.
APP_CSP = [
    "default-src 'self'",
    "script-src 'self' @SCRIPT_HASHES@",
    "style-src 'self' 'unsafe-inline'",  # Streamlit's CSS-in-JS
    f"img-src 'self' data: blob: {TILE_HOST}",
    "font-src 'self' data:",
    "connect-src 'self'",  # same-origin websocket included (CSP 3)
    "frame-src 'self'",  # components (the maps) are same-origin iframes
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
]

FRAME_ANCESTORS_ENV = "MINATO_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = "'self'"
ANCESTOR_SOURCE = re.compile(r"^('self'|'none'|https://(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
                             r"(:[0-9]{1,5})?)$")


def frame_ancestors(value: str | None = None) -> str:
    """The ``frame-ancestors`` directive from ``value`` (default: the environment variable, else ``'self'``).

    >>> frame_ancestors("'self'  https://www.city.minato.tokyo.jp")
    "frame-ancestors 'self' https://www.city.minato.tokyo.jp"
    >>> frame_ancestors("http://evil.example")
    Traceback (most recent call last):
    ValueError: MINATO_FRAME_ANCESTORS: 'http://evil.example' is not 'self', 'none' or an https origin
    """
    raw = os.environ.get(FRAME_ANCESTORS_ENV, "") if value is None else value
    sources = raw.split() or [DEFAULT_FRAME_ANCESTORS]
    for source in sources:
        if not ANCESTOR_SOURCE.match(source):
            raise ValueError(f"{FRAME_ANCESTORS_ENV}: {source!r} is not 'self', 'none' or an https origin")
    if "'none'" in sources and len(sources) > 1:
        raise ValueError(f"{FRAME_ANCESTORS_ENV}: 'none' cannot be combined with other sources ({raw!r})")
    return "frame-ancestors " + " ".join(dict.fromkeys(sources))


def script_hash(body: str) -> str:
    """The CSP source that allows one inline script with exactly this text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(app_root: Path = ROOT) -> list[str]:
    """CSP hashes of the inline scripts the app's pages run, computed from the installed files.

    Streamlit's index.html (1.67: ``window.prerenderReady = false``) and the app's own ``static/*.js``, which
    may be inlined verbatim (``components.html(f"<script>{file}</script>")`` runs in a srcdoc frame that
    inherits this policy). A script whose text changes per run cannot be allowed this way: load it with
    ``<script src="/app/static/…" data-…>`` instead.
    """
    hashes = set()
    spec = importlib.util.find_spec("streamlit")
    if spec is not None and spec.origin is not None:
        index = Path(spec.origin).parent / "static" / "index.html"
        text = index.read_text(encoding="utf-8", errors="replace") if index.exists() else ""
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, flags=re.S):
            if "src=" not in attrs and body.strip():
                hashes.add(script_hash(body))
    hashes.update(script_hash(p.read_text(encoding="utf-8")) for p in sorted((app_root / "static").glob("*.js")))
    return sorted(hashes)


def content_security_policy(directives: list[str] = APP_CSP, app_root: Path = ROOT,
                            ancestors: str | None = None) -> str:
    """The Content-Security-Policy header value with the inline-script hashes filled in and ``frame-ancestors``
    from :func:`frame_ancestors` (``ancestors``, else the environment)."""
    chosen = [frame_ancestors(ancestors) if d.startswith("frame-ancestors") else d for d in directives]
    return "; ".join(chosen).replace("@SCRIPT_HASHES@", " ".join(inline_script_hashes(app_root)))


if __name__ == "__main__":
    print(content_security_policy(APP_CSP))
