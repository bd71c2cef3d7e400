"""Floor page for tests/bench/bench_phone.py: the map page's own Streamlit controls and nothing else.

The language switch, four page links, the title and caption, the district picker, the town search and a
download button, with the app's labels (atlas.i18n, Japanese) and its ``.streamlit`` config, but no map, no
HTML block, no data and no app.css. What Lighthouse measures here is what those controls cost a phone in
Streamlit itself: a floor under which the map page cannot go while it keeps them.
"""

import streamlit as st

from atlas.i18n import LANGS, t


def other() -> None:
    st.write(t("app_title", "ja"))


def home() -> None:
    st.title(t("map_heading", "ja"), anchor=False)
    st.caption(t("map_caption", "ja"))
    st.radio(t("district_select", "ja"), ["", "shiba", "azabu", "akasaka", "takanawa", "shibaura"],
             format_func=lambda slug: slug or t("whole_ward_option", "ja"), horizontal=True)
    st.text_input(t("town_search", "ja"), placeholder=t("town_search_help", "ja"))
    st.download_button(t("download_csv", "ja"), data="year,value\n2024,1\n", file_name="floor.csv")


pages = [st.Page(home, title="map", url_path="map", default=True)] + [
    st.Page(other, title=name, url_path=name) for name in ("plan", "compare", "present", "sources")]
page = st.navigation(pages, position="hidden")
st.radio("Language / 言語 / 语言", list(LANGS), format_func=lambda code: t("language_name", code), horizontal=True,
         label_visibility="collapsed")
for link in pages[1:]:
    st.page_link(link)
page.run()
