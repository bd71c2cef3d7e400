"""Where the project's data and the shared raw sources live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SHARED = ROOT.parent / "shared"
