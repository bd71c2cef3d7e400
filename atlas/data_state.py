"""The state of the data folder, and what follows when it changes. No Streamlit.

The state is every file's path, size and modification time: an edit, a replacement or a new file changes it. The
start-up check (:func:`atlas.checks.load_all`) keeps its verdict per state, so a bad file costs one check, not one
per page view, and when the state of a folder changes under a running server the loaders' caches (keyed by path)
are dropped, so the edited file is read and checked again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from geo.datafile import DataFileError, data_name

State = tuple[tuple[str, int, int], ...]
CACHED_PACKAGES = ("atlas", "geo")  # their functools caches hold what was read from data/


def entry_name(path: Path) -> str:
    """``data/…`` for an entry of the data folder itself (a link is named as such, not by its target)."""
    return f"{data_name(path.parent).rstrip('/.')}/{path.name}"


def fingerprint(folder: Path) -> State:
    """(path, size, mtime in ns) of every file under ``folder``; DataFileError naming a link that leads nowhere
    (an editor's lock file such as ``.#plan.yaml`` is one) or an entry that cannot be read."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            try:
                st = path.stat()
            except FileNotFoundError:
                raise DataFileError(f"{entry_name(path)}: a link to a file that does not exist (an editor's lock "
                                    "file, such as .#name, is one); remove it or finish the edit") from None
            except OSError as exc:
                raise DataFileError(f"{entry_name(path)}: cannot be read ({exc.strerror})") from None
            out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def clear_loader_caches() -> int:
    """Drop every functools cache of the loaded ``atlas``/``geo`` modules; the number of caches cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in CACHED_PACKAGES:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
                cleared += 1
    return cleared
