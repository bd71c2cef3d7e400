"""Fixtures for Streamlit AppTest runs of the whole app."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_runs import open_app, whole_map_page
from streamlit.testing.v1 import AppTest

from geo.paths import ROOT


@pytest.fixture
def run_app() -> Callable[..., AppTest]:
    """Run app.py with the given query parameters and return the finished AppTest."""

    def run(**params: str) -> AppTest:
        at = whole_map_page(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30))
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return run


@pytest.fixture
def open_view() -> Callable[..., AppTest]:
    """Run app.py with ``?lang=`` and other query parameters, optionally switch to ``page``; no exception."""

    return open_app
