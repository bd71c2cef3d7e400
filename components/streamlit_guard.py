"""Streamlit patched before it serves (issue 22): no network lookup of the machine's external IP in the websocket's
Origin check, and a session's uploads capped (components/upload_caps.py). Installed by ``python -m deploy.launch``
before the server starts and again by app.py at every run (idempotent), so a plain ``streamlit run app.py``
(``make run``, a container) is covered from its first session on.

Streamlit 1.67 checks a websocket's Origin in ``starlette_websocket._is_origin_allowed``: an Origin that is not
the request's Host goes to ``server_util.is_url_from_allowed_origins``, which tries localhost, the manually set
``browser.serverAddress``, the internal IP and then ``net_util.get_external_ip()``: a blocking HTTP request to
checkip.amazonaws.com (1 s timeout, then the https one) inside the server's event loop, whose failure is not
cached. With no internet (many halls) every foreign handshake froze the replica for up to 2 s.

No setting skips it: ``server.enableCORS=false`` does, but lets every Origin in; ``browser.serverAddress``,
``server.address``, ``server.corsAllowedOrigins`` and ``server.allowedHosts`` only add names that are tried
before the lookup; ``server.enableXsrfProtection`` does not touch the websocket's Origin. So
``net_util.get_external_ip`` is replaced with a function that answers None ("not known"): the allowlist is then
exactly localhost, 0.0.0.0, 127.0.0.1, the internal IP and the configured origins (fail closed, as Streamlit
does when the lookup fails). The only other caller is the start-up banner's "External URL", which is not printed.
nginx's Origin guard (deploy/edge.py) stays in front as well. Reproduction for an upstream report: docs/deploy.md,
"Foreign websocket Origins".
"""

from __future__ import annotations

from components.upload_caps import install as cap_uploads


def no_external_ip() -> None:
    """What ``net_util.get_external_ip`` answers when the lookup fails, without the lookup."""
    return None


def skip_external_ip_lookup() -> None:
    """Make Streamlit's Origin check (and start-up banner) never look the external IP up. Idempotent."""
    from streamlit import net_util

    net_util.get_external_ip = no_external_ip


def harden() -> None:
    """Everything the server needs patched before it serves: no external-IP lookup, capped uploads. Idempotent."""
    skip_external_ip_lookup()
    cap_uploads()
