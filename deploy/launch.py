"""``streamlit run`` with Streamlit patched before the server starts (components/streamlit_guard.py, issue 22).

    .venv/bin/python -m deploy.launch run app.py --server.port 8601 ...   # the same arguments as `streamlit`

What deploy/topology.py runs for every replica: no external-IP lookup in the websocket's Origin check even for
the very first handshake, and a session's uploads capped. The patches come from the checkout of the script that
is run (its folder goes first on ``sys.path``), so ``load.py --app-root <older checkout>`` serves that checkout's
code as it was, patches included or not. app.py applies the same patches at its first run, so a plain
``streamlit run app.py`` is covered once a session has run the script.
"""

from __future__ import annotations

import sys
from pathlib import Path


def script_folder(args: list[str]) -> Path | None:
    """The folder of the script in ``streamlit run <script> ...`` arguments, or None.

    >>> script_folder(["run", "/srv/app/app.py", "--server.port", "8601"])
    PosixPath('/srv/app')
    """
    if "run" not in args:
        return None
    rest = [a for a in args[args.index("run") + 1:] if not a.startswith("-")]
    return Path(rest[0]).resolve().parent if rest else None


def main() -> None:
    """Run Streamlit's command line (``sys.argv[1:]`` as for ``streamlit``), patched as the script's checkout says."""
    folder = script_folder(sys.argv[1:])
    if folder is not None:
        sys.path.insert(0, str(folder))  # its own components/, not this checkout's (Streamlit does the same later)
    try:
        from components.streamlit_guard import harden
    except ImportError:  # a checkout from before issue 22: served as it was
        pass
    else:
        harden()
    from streamlit.web.cli import main as streamlit_main

    sys.argv[0] = "streamlit"
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
