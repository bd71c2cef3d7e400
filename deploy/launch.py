"""``streamlit run`` with Streamlit patched before the server starts (components/streamlit_guard.py, issue 22).

    .venv/bin/python -m deploy.launch run app.py --server.port 8601 ...   # the same arguments as `streamlit`

What deploy/topology.py runs for every replica: no external-IP lookup in the websocket's Origin check even for
the very first handshake, and a session's uploads capped. app.py applies the same patches at its first run, so a
plain ``streamlit run app.py`` is covered once a session has run the script.
"""

from __future__ import annotations

import sys

from components.streamlit_guard import harden, skip_external_ip_lookup

__all__ = ["harden", "main", "skip_external_ip_lookup"]


def main() -> None:
    """Run Streamlit's command line (``sys.argv[1:]`` as for ``streamlit``) with :func:`harden` applied."""
    harden()
    from streamlit.web.cli import main as streamlit_main

    sys.argv[0] = "streamlit"
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
