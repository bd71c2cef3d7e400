"""Running the whole app in AppTest, shared by the fixtures in conftest.py and tests that cache whole views."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.map_first import READY_KEY
from geo.paths import ROOT


def whole_map_page(at: AppTest) -> AppTest:
    """The map page's later runs (components/map_first.py): the whole page at once, as after the map has drawn."""
    at.session_state[READY_KEY] = True
    return at


def open_app(page: str | None, lang: str, timeout: float = 30, **params: str) -> AppTest:
    """Run app.py with ``?lang=`` and other query parameters, optionally switch to ``page``; no exception."""
    at = whole_map_page(AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout))
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def shown_key_figures(at: AppTest) -> list[tuple[str, str]]:
    """(label, value) of each key figure on the map page (components/key_figures.py), as the browser shows them."""
    import html
    import re

    blocks = [h.value for h in at.get("html") if h.value.startswith('<dl class="key-figures">')]
    assert len(blocks) <= 1, "the key figures are one block"

    def plain(part: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", part))

    return [(plain(label), plain(value)) for block in blocks for label, value in
            re.findall(r'<div class="kf"><dt>(.*?)</dt><dd class="kf-value">(.*?)</dd>', block)]


def shown_svgs(at: AppTest, css_class: str = "chart-box") -> list[str]:
    """The SVG of each block of ``css_class`` (components/inline_svg.py), as static/inline_svg.js puts it in."""
    import html
    import re

    found = []
    for block in at.get("html"):
        for data in re.findall(rf"<div class=\"{re.escape(css_class)}\" data-svg='([^']*)'", block.value):
            found.append(html.unescape(data.replace("\u00b6", "<")))
    return found
