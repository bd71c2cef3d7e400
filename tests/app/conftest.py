"""Fixtures for Streamlit AppTest runs of the whole app."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from components.map_first import READY_KEY
from geo.paths import ROOT


def whole_map_page(at: AppTest) -> AppTest:
    """The map page's later runs (components/map_first.py): the whole page at once, as after the map has drawn."""
    at.session_state[READY_KEY] = True
    return at


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

    def run(page: str | None, lang: str, **params: str) -> AppTest:
        at = whole_map_page(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30))
        at.query_params["lang"] = lang
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        return at

    return run
