"""The app under AppTest for the hardening tests: opened straight on a page, and the Markdown it produced."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hardening_cases import MARKDOWN_ELEMENTS, PAGES
from streamlit.testing.v1 import AppTest

from components.map_first import READY_KEY
from geo.paths import ROOT


def open_page(page: str, query: Mapping[str, str | Sequence[str]]) -> AppTest:
    """The app's first run straight on ``page`` (as a browser opening that URL), with ``query``; the map page
    whole, as after its map has drawn (components/map_first.py)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state[READY_KEY] = True
    for key, value in query.items():
        at.query_params[key] = value if isinstance(value, str) else list(value)
    if PAGES[page]:
        at.switch_page(PAGES[page])
    return at.run()


def bodies(at: AppTest) -> list[str]:
    """Every Markdown body the run produced (markdown, captions, alerts, titles)."""
    return [str(e.value) for kind in MARKDOWN_ELEMENTS for e in at.get(kind)]
