"""The deck in AppTest (issue 19): h2 titles, the bar with its menu, the QR code or the presenter's message why there
is none (MINATO_PUBLIC_URL), and the take-part slide's contact lines."""

from __future__ import annotations

import re

import pytest
from app_runs import shown_svgs
from streamlit.testing.v1 import AppTest

from atlas.i18n import LANGS, t
from atlas.office_contacts import contacts_of
from atlas.offices import branch_office
from atlas.public_url import SETTING, district_link
from atlas.slides import SLIDES
from components.markdown import html_text, plain_echo, tm

BASE = "https://dashboard.example.jp"
TAKE_PART = SLIDES.index("take_part") + 1


def _html(at: AppTest) -> str:
    """Every Markdown and st.html body of the run, as sent (raw HTML included), and the SVGs its blocks hold."""
    bodies = [m.value for m in at.markdown]
    bodies += [re.sub(r"data-svg='[^']*'", "data-svg=''", node.value) for node in at.get("html")]  # SVGs below
    bodies += [svg for kind in ("qr-box", "slide-map", "slide-svg") for svg in shown_svgs(at, kind)]
    return "\n".join(bodies)


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGS)
def test_without_the_setting_the_presenter_is_told_why_there_is_no_qr_code(open_view, monkeypatch, lang: str) -> None:
    monkeypatch.delenv(SETTING, raising=False)
    at = open_view("app_pages/present.py", lang, district="azabu", slide="1")
    assert tm("qr_missing", lang) in _captions(at)
    assert 'class="qr-code"' not in _html(at)


def test_a_setting_that_is_no_address_is_named(open_view, monkeypatch) -> None:
    monkeypatch.setenv(SETTING, "dashboard.example.jp")
    at = open_view("app_pages/present.py", "en", district="azabu", slide=str(TAKE_PART))
    assert tm("qr_invalid", "en", value=plain_echo("dashboard.example.jp")) in _captions(at)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", [1, len(SLIDES)])
def test_first_and_last_slide_carry_the_qr_code_and_its_address(open_view, monkeypatch, lang: str,
                                                                number: int) -> None:
    monkeypatch.setenv(SETTING, BASE + "/")
    at = open_view("app_pages/present.py", lang, district="takanawa", slide=str(number))
    page = _html(at)
    url = district_link(BASE, "takanawa", lang)
    assert page.count('class="qr-code"') == 1
    assert all(html_text(part) in page for part in url.split("?", 1))  # written under the code
    assert tm("qr_missing", lang) not in _captions(at)


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_title_is_an_h2_and_the_bar_has_its_menu(open_view, lang: str) -> None:
    for number in range(1, len(SLIDES) + 1):
        at = open_view("app_pages/present.py", lang, district="shiba", slide=str(number))
        page = _html(at)
        assert len(re.findall(r'<h2 class="slide-title">', page)) == 1, number
        assert f'{t("slide_counter_short", lang, n=number, total=len(SLIDES))}</span>' in page
        labels = {b.label for b in at.button}
        assert {tm("slide_prev", lang), tm("slide_next", lang)} <= labels
        assert t("slide_fullscreen", lang) in page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("district", ["azabu", "shibaura-konan"])
def test_take_part_slide_gives_the_office_numbers_and_says_what_was_not_found(open_view, lang: str,
                                                                            district: str) -> None:
    at = open_view("app_pages/present.py", lang, district=district, slide=str(TAKE_PART))
    page = _html(at)
    found = contacts_of(branch_office(district))
    assert found["phone"]
    assert all(html_text(c.value) in page for c in found["phone"])
    assert html_text(t("office_not_found", lang)) in page
    assert html_text(t("forum_dates", lang)).lower() in page.lower()


def test_the_menu_switches_the_language_and_keeps_the_slide(open_view) -> None:
    at = open_view("app_pages/present.py", "ja", district="akasaka", slide="4")
    at.radio(key="slide_lang").set_value("zh").run()
    assert not at.exception
    assert at.session_state["lang"] == "zh" and at.session_state["slide"] == 4
    assert f'<h2 class="slide-title">{t("slide_budget", "zh")}</h2>' in _html(at)
