"""The page's lang and title values, and the scripts that st.html loads into the page."""

from __future__ import annotations

import pytest

from atlas.districts import district_by_id
from atlas.i18n import LANGS, t
from components.page_meta import HTML_LANG, document_title, static_script
from geo.paths import ROOT

# Scripts that components load through st.html(static_script(...), unsafe_allow_javascript=True).
SCRIPTS = ["page_meta.js", "reveal.js", "present_keys.js"]


@pytest.mark.parametrize("lang", LANGS)
def test_title_names_page_and_district_in_the_language(lang: str) -> None:
    title = document_title(t("nav_compare", lang), "azabu", lang)
    assert t("nav_compare", lang) in title
    assert district_by_id("azabu").name(lang) in title
    assert t("app_title", lang) in title
    assert t("whole_ward", lang) in document_title(t("nav_map", lang), None, lang)


def test_html_lang_codes_are_bcp47() -> None:
    assert HTML_LANG == {"ja": "ja", "en": "en", "zh": "zh-Hans"}
    assert set(HTML_LANG) == set(LANGS)


def test_static_script_loads_the_file_and_escapes_its_data() -> None:
    tag = static_script("page_meta.js", lang="zh-Hans", title='"></script><script>alert(1)</script>')
    assert tag.startswith('<script src="/app/static/page_meta.js" data-lang="zh-Hans" data-title="')
    assert tag.endswith("></script>") and tag.count("<script") == 1 and tag.count("</script>") == 1
    assert "&quot;&gt;&lt;/script&gt;" in tag


@pytest.mark.parametrize("name", SCRIPTS)
def test_page_scripts_exist_and_read_their_data_from_the_tag(name: str) -> None:
    """Scripts run through st.html are whole files (a hash-based CSP lists each file once), never templated."""
    code = (ROOT / "static" / name).read_text(encoding="utf-8")
    assert "__" + "WANT__" not in code and "__" + "TARGET__" not in code
    if name != "present_keys.js":
        assert "document.currentScript" in code
