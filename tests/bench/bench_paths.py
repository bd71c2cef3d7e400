"""Imported first by the bench scripts: the repository root (the app's packages) and tests/e2e (the browser
harness) on ``sys.path``, whichever folder the script is started from."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
