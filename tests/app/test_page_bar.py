"""AppTest: every page starts with the page bar (components/navigation.py): links to the other pages in page order
with the view's ``?lang=`` and ``?district=``, the current page as text marked ``aria-current="page"``."""

from __future__ import annotations

import html

import pytest

from atlas.i18n import LANGS, t
from components.navigation import PAGES


def bar(at) -> list[tuple[str, str]]:
    """(label, target url path) of the bar's links: the first len(PAGES) - 1 page links of the run."""
    return [(link.proto.label, link.proto.page) for link in at.get("page_link")[: len(PAGES) - 1]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("current", list(PAGES))
def test_the_bar_links_every_other_page_and_marks_this_one(open_view, current: str, lang: str) -> None:
    script = PAGES[current][0]
    at = open_view(None if current == "map" else script, lang, district="azabu")
    others = [(t(f"nav_bar_{name}", lang), path) for name, (_s, _t, _i, path) in PAGES.items() if name != current]
    assert bar(at) == others
    for link in at.get("page_link")[: len(others)]:
        assert link.proto.query_string == f"lang={lang}&district=azabu", link.proto.label
        assert not link.proto.icon.strip(), "the bar's links carry no icon (no icon font before the map)"
    marked = [h.proto.body for h in at.get("html") if 'aria-current="page"' in h.proto.body]
    assert marked == [f'<span class="nav-current" aria-current="page">{html.escape(t(f"nav_bar_{current}", lang))}'
                      "</span>"]
