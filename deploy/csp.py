"""The Content-Security-Policy nginx sends, the same strict one for the app's pages and the map component's frame.

    .venv/bin/python -m deploy.csp            # both values, e.g. for another proxy
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
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


def content_security_policy(directives: list[str] = APP_CSP, app_root: Path = ROOT) -> str:
    """The Content-Security-Policy header value with the inline-script hashes filled in."""
    return "; ".join(directives).replace("@SCRIPT_HASHES@", " ".join(inline_script_hashes(app_root)))


if __name__ == "__main__":
    print(content_security_policy(APP_CSP))
