"""The deck's slim control bar, fixed at the bottom of the screen in the same place on every slide.

Prev, the counter ("3 / 6"), Next, full screen and a menu holding what the app shows elsewhere: language,
handout, all sources, the way out and the keys. Keys, full screen, black screen and the live region that
announces each slide are in static/present_keys.js; the bar's place and sizes in static/present.css.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from atlas.i18n import LANGS, t
from atlas.slides import SLIDES, step
from components.handout_button import handout_button
from components.markdown import md_escape, tm
from components.navigation import page_link
from components.page_meta import PRESENT_CSS, page_stylesheet, static_script
from components.slide_qr import qr_problem
from components.state import LANG, district, lang

SLIDE_KEY = "slide"
MENU_LANG_KEY = "slide_lang"
APP_LANG_KEY = "lang_switch"  # the app's own language switch (components/language_switch.py), hidden in the deck


def _move(delta: int) -> None:
    st.session_state[SLIDE_KEY] = step(st.session_state[SLIDE_KEY], delta)


def _go(number: int) -> None:
    st.session_state[SLIDE_KEY] = number


def _change_language() -> None:
    chosen = st.session_state[MENU_LANG_KEY]
    st.session_state[LANG] = chosen
    st.session_state[APP_LANG_KEY] = chosen


def deck_setup() -> None:
    """Hide the app's chrome (static/present.css), load the keys, and keep the ways the keys need that the bar
    does not show: first and last slide (Home, End) and the way out (Escape). All hidden, never tab stops."""
    page_stylesheet(PRESENT_CSS)
    with st.container(key="present_keys"):  # display: none (present.css)
        st.html(static_script("present_keys.js"), unsafe_allow_javascript=True)
        st.button("⏮", key="slide_first", on_click=_go, args=(1,))
        st.button("⏭", key="slide_last", on_click=_go, args=(len(SLIDES),))
        with st.container(key="slide_leave"):
            page_link("map", tm("slide_exit", lang()))


def _menu(number: int, extra: Callable[[], None] | None) -> None:
    """The menu's content: language, handout, the slide's extra (e.g. a chart's method), sources, way out, keys."""
    if st.session_state.get(MENU_LANG_KEY) != lang():
        st.session_state[MENU_LANG_KEY] = lang()
    st.radio(tm("slide_language", lang()), options=list(LANGS), key=MENU_LANG_KEY, horizontal=True,
             format_func=lambda code: md_escape(t("language_name", code)), on_change=_change_language)
    handout_button(district(), lang())
    if extra is not None:
        extra()
    page_link("plan", tm("open_plan_page", lang()))
    page_link("sources", tm("slide_all_sources", lang()))
    page_link("map", tm("slide_exit", lang()))
    st.caption(tm("slide_keys_hint", lang()))
    if (problem := qr_problem(lang())) is not None:  # the presenter's reason for the missing QR code
        st.caption(problem)


def slide_bar(number: int, title: str, extra: Callable[[], None] | None = None) -> None:
    """The bar for slide ``number`` (whose title is ``title``); keeps ``?slide=`` in the URL.

    The counter carries the sentence the live region reads out ("Slide 3 of 6: …").
    """
    st.query_params[SLIDE_KEY] = str(number)
    total = len(SLIDES)
    announce = f"{t('slide_counter', lang(), n=number, total=total)}: {title}"
    with st.container(key="slide_bar", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(tm("slide_prev", lang()), key="slide_prev", on_click=_move, args=(-1,), disabled=number == 1)
        st.html(f'<div class="slide-counter" data-announce="{html.escape(announce, quote=True)}">'
                f'<span aria-hidden="true">{html.escape(t("slide_counter_short", lang(), n=number, total=total))}'
                f'</span><span class="slide-sr-only">{html.escape(t("slide_counter", lang(), n=number, total=total))}'
                "</span></div>")
        st.button(tm("slide_next", lang()), key="slide_next", on_click=_move, args=(1,), disabled=number == total,
                  type="primary")
        with st.container(key="slide_tools", horizontal=True, vertical_alignment="center", gap="small"):
            st.html(f'<button type="button" class="slide-fullscreen" aria-pressed="false">'
                    f'{html.escape(t("slide_fullscreen", lang()))}</button>')
            with st.container(key="slide_menu"), st.popover(tm("slide_menu", lang()), icon=":material/menu:"):
                _menu(number, extra)
