"""Root conftest: makes pytest put the repository root on sys.path so ``geo`` imports in tests; shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of data/ that the loaders read instead of the real one (to break it on purpose)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setenv("MINATO_DATA_DIR", str(copy))
    return copy
