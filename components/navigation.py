"""The app's pages, built once per run with titles in the current language, and the page bar at the top.

Streamlit's own navigation (sidebar, or ``position="top"``) hides behind a 28 px "»" on phones: its top
navigation falls back to the collapsed sidebar below its ``md`` breakpoint. So ``st.navigation`` is hidden and
every page starts with our own bar: short names, one row from 390 px up, 44 px targets (static/app.css), in the
page order, the current page as text marked ``aria-current="page"`` (not a link to itself, not a tab stop).
"""

from __future__ import annotations

import html

import streamlit as st

from atlas.i18n import t
from components.markdown import md_escape
from components.state import view_params

# name -> (script, title key, icon, url path)
PAGES = {
    "map": ("app_pages/map.py", "nav_map", ":material/map:", ""),
    "plan": ("app_pages/plan.py", "nav_plan", ":material/menu_book:", "plan"),
    "compare": ("app_pages/compare.py", "nav_compare", ":material/bar_chart:", "compare"),
    "present": ("app_pages/present.py", "nav_present", ":material/slideshow:", "present"),
    "sources": ("app_pages/sources.py", "nav_sources", ":material/description:", "sources"),
}
NO_ICON = " "  # whitespace: no icon (None would take the page's own)
NAV_KEY = "page_nav"  # the bar's container: .st-key-page_nav in static/app.css


def build_pages(lang: str) -> dict[str, st.Page]:
    """One st.Page per entry of PAGES; the map page is the default."""
    return {
        name: st.Page(script, title=t(title, lang), icon=icon, url_path=path or None, default=(name == "map"))
        for name, (script, title, icon, path) in PAGES.items()
    }


def current_page_name(pages: dict[str, st.Page], page: st.Page) -> str:
    """The PAGES name of the page ``st.navigation`` chose."""
    return next((name for name, candidate in pages.items() if candidate.url_path == page.url_path), "map")


def nav_bar(pages: dict[str, st.Page], current: str, lang: str) -> None:
    """Every page by its short name in one row: links (keeping ``?lang=`` and ``?district=``) and the current
    page as marked text. No icons: their font and code would come before the map on a first open."""
    with st.container(key=NAV_KEY, horizontal=True, gap=None):
        for name, page in pages.items():
            label = t(f"nav_bar_{name}", lang)
            if name == current:
                st.html(f'<span class="nav-current" aria-current="page">{html.escape(label)}</span>')
            else:  # a link's label is Markdown
                st.page_link(page, label=md_escape(label), icon=NO_ICON, query_params=view_params())


def page_link(name: str, label: str) -> None:
    """A link to another page of the app (the URL state is restored there from the session)."""
    st.page_link(PAGES[name][0], label=label, icon=PAGES[name][2], query_params=view_params())
