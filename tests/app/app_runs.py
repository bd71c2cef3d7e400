"""Running the whole app in AppTest, shared by the fixtures in conftest.py and tests that cache whole views."""

from __future__ import annotations

import html
import re

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
    blocks = [h.value for h in at.get("html") if '<dl class="key-figures">' in h.value]
    assert len(blocks) <= 1, "the key figures are one block"

    def plain(part: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", part))

    return [(plain(label), plain(value)) for block in blocks for label, value in
            re.findall(r'<div class="kf"><dt>(.*?)</dt><dd class="kf-value">(.*?)</dd>', block)]


def shown_svgs(at: AppTest, css_class: str = "chart-box") -> list[str]:
    """The SVG of each block of ``css_class`` (components/inline_svg.py), as static/inline_svg.js puts it in."""
    found = []
    for block in at.get("html"):
        for data in re.findall(rf"<div class=\"{re.escape(css_class)}\" data-svg='([^']*)'", block.value):
            found.append(html.unescape(data.replace("\u00b6", "<")))
    return found


def plain_text(fragment: str) -> str:
    """An HTML fragment's text as the browser shows it: tags dropped (a ``<br>`` is a line break), entities decoded."""
    fragment = re.sub(r" data-svg='[^']*'", "", fragment)  # an inline SVG's markup (its text is its fallback)
    fragment = re.sub(r"<(style|script)\b.*?</\1>", "", fragment, flags=re.S)  # not text
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>", "\n", fragment)))


def shown_html_texts(at: AppTest) -> list[str]:
    """The text of each ``st.html`` block (sections drawn as one block: chart cards, aims, initiatives, key figures)."""
    return [plain_text(block.value) for block in at.get("html")]


def shown_html_tables(at: AppTest) -> int:
    """How many HTML tables the ``st.html`` blocks hold (the chart cards' data tables)."""
    return sum(block.value.count("<table") for block in at.get("html"))


def shown_source_lines(at: AppTest) -> list[str]:
    """Each source-lines paragraph inside an ``st.html`` block (components/source_note.py ``source_lines_html``)."""
    return [plain_text(p) for block in at.get("html")
            for p in re.findall(r'<p class="small-print source-lines">(.*?)</p>', block.value)]


def shown_headings(at: AppTest) -> list[str]:
    """Subheaders and the section headings inside ``st.html`` blocks (components/source_note.py
    ``section_heading``)."""
    inside = [plain_text(h) for block in at.get("html") for h in re.findall(r"<h3[^>]*>(.*?)</h3>", block.value)]
    return [s.value for s in at.subheader] + inside


def shown_folds(at: AppTest) -> dict[str, str]:
    """Each ``<details>`` fold inside an ``st.html`` block: its summary's text -> its body's text."""
    return {plain_text(summary): plain_text(body) for block in at.get("html")
            for summary, body in re.findall(r"<details[^>]*><summary>(.*?)</summary>(.*?)</details>", block.value)}


def shown_district_name(at: AppTest) -> str:
    """The summary's heading: the selected district's name, or the whole ward (components/district_summary.py)."""
    names = [plain_text(h) for block in at.get("html")
             for h in re.findall(r'<h2 id="selected-district"[^>]*>(.*?)</h2>', block.value)]
    assert len(names) == 1, names
    return names[0]


def shown_office_card(at: AppTest) -> list[str]:
    """The office card's lines as the browser shows them (components/district_summary.py)."""
    cards = [card for block in at.get("html") for card in re.findall(r'<div class="office-card"><p>(.*?)</p></div>',
                                                                       block.value)]
    assert len(cards) == 1, cards
    return [plain_text(line) for line in cards[0].split("<br>")]
