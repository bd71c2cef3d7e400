"""The app's pages, built once per run with titles in the current language."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import t
from components.state import view_params

# name -> (script, title key, icon, url path)
PAGES = {
    "map": ("app_pages/map.py", "nav_map", ":material/map:", ""),
    "plan": ("app_pages/plan.py", "nav_plan", ":material/menu_book:", "plan"),
    "compare": ("app_pages/compare.py", "nav_compare", ":material/bar_chart:", "compare"),
    "present": ("app_pages/present.py", "nav_present", ":material/slideshow:", "present"),
    "sources": ("app_pages/sources.py", "nav_sources", ":material/description:", "sources"),
}


def build_pages(lang: str) -> dict[str, st.Page]:
    """One st.Page per entry of PAGES; the map page is the default."""
    return {
        name: st.Page(script, title=t(title, lang), icon=icon, url_path=path or None, default=(name == "map"))
        for name, (script, title, icon, path) in PAGES.items()
    }


def page_link(name: str, label: str) -> None:
    """A link to another page of the app (the URL state is restored there from the session)."""
    st.page_link(PAGES[name][0], label=label, icon=PAGES[name][2], query_params=view_params())
