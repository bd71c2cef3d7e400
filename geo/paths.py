"""Where the project's data and the shared raw sources live."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SHARED = ROOT.parent / "shared"


def data_dir() -> Path:
    """The data folder: ``$MINATO_DATA_DIR`` if set (tests use broken copies), else ``data/``."""
    return Path(os.environ.get("MINATO_DATA_DIR") or DATA_DIR)
