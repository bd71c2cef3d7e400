"""Every plan text we translated carries its mark wherever it is shown: map page, plan page, slides, handout.

The check finds each translated text (its last paragraph) in the rendered elements and asserts that the mark of
the view's language follows it in the same element. It also asserts that the texts were found at all, so a
change in rendering cannot make the test pass by finding nothing.
"""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from atlas.content import OURS, Text, plan_content
from atlas.districts import districts
from atlas.handout import handout_html
from atlas.i18n import t
from atlas.slides import SLIDES

TRANSLATED_LANGS = ("ja", "en")
MIN_CHARS = {"ja": 8, "en": 24}  # shorter texts (港区長, Population) also occur inside other strings


def _plain(text: str) -> str:
    """Rendered Markdown/HTML source as plain text: tags, escapes and emphasis removed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text.replace("\\", "").replace("**", ""))


def _elements(at: AppTest) -> list[str]:
    parts = [e.value for kind in ("markdown", "caption", "info", "title", "subheader", "header") for e in at.get(kind)]
    parts += [m.label for m in at.metric] + [e.label for e in at.expander]
    return [_plain(p) for p in parts]


def _translated(lang: str) -> list[Text]:
    texts = plan_content().texts
    return [x for x in texts if x.is_translated(lang) and len(x[lang].split("\n\n")[-1]) >= MIN_CHARS[lang]]


def _check(elements: list[str], lang: str) -> set[Text]:
    """Assert every occurrence of a translated text is followed by the mark; return the texts found."""
    mark = t("mark_translation", lang)
    found = set()
    for text in _translated(lang):
        last = _plain(text[lang].split("\n\n")[-1]).strip()
        for element in elements:
            start = element.find(last)
            while start >= 0:
                found.add(text)
                after = element[start + len(last):].lstrip(" 」”\"")
                assert after.startswith(mark), f"{last[:40]}… shown without {mark} in: {element[:200]}"
                start = element.find(last, start + 1)
    return found


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_plan_page_marks_every_translated_text(open_view, lang: str) -> None:
    at = open_view("app_pages/plan.py", lang)
    found = _check(_elements(at), lang)
    ward_texts = {x for x in _translated(lang)} - {x for d in plan_content().districts
                                                   for x in (d.plan_name, d.aims)}
    missing = [x[lang][:30] for x in ward_texts if x not in found]
    assert not missing, f"translated texts not found on /plan: {missing}"
    labels = {m.label for m in at.metric}
    for figure in plan_content().ward.key_figures:  # short labels, checked exactly
        assert figure.label.shown(lang) in labels
        assert figure.label[lang] not in labels or not figure.label.is_translated(lang)


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
@pytest.mark.parametrize("slug", [None, "takanawa"])
def test_map_page_profile_marks_translated_texts(open_view, slug: str | None, lang: str) -> None:
    at = open_view(None, lang, **({"district": slug} if slug else {}))
    found = _check(_elements(at), lang)
    plan = plan_content()
    expected = [plan.district(slug).slogan, plan.district(slug).aims] if slug else [plan.ward.priority_issues[0].title]
    assert all(x in found for x in expected if x.is_translated(lang))
    assert found


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
@pytest.mark.parametrize("slug", [None, "akasaka"])
def test_slides_mark_translated_texts(open_view, slug: str | None, lang: str) -> None:
    found: set[Text] = set()
    for number in range(1, len(SLIDES) + 1):
        params = {"slide": str(number)} | ({"district": slug} if slug else {})
        found |= _check(_elements(open_view("app_pages/present.py", lang, **params)), lang)
    plan = plan_content()
    intro = plan.ward.district_plans_intro.text
    expected = [plan.district(slug).slogan, plan.district(slug).aims, intro] if slug else [intro]
    assert all(x in found for x in expected if x.is_translated(lang)), [x[lang][:20] for x in expected]


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
@pytest.mark.parametrize("slug", [None, *(d.id for d in districts())])
def test_handout_marks_translated_texts(slug: str | None, lang: str) -> None:
    found = _check([_plain(handout_html(slug, lang))], lang)
    plan = plan_content()
    expected = [plan.district(slug).slogan, plan.district(slug).aims] if slug else [plan.ward.cover_title]
    assert all(x in found for x in expected if x.is_translated(lang))


def test_chinese_views_carry_no_translation_mark(open_view) -> None:
    at = open_view("app_pages/plan.py", "zh")
    assert all(t("mark_translation", "zh") not in e for e in _elements(at))
    assert not any(x.is_translated("zh") for x in plan_content().texts)


def test_every_text_has_an_origin_per_language() -> None:
    plan = plan_content()
    assert len(plan.texts) > 100
    for text in plan.texts:
        assert len(text.origins) == 3
        assert all(origin == OURS or origin for origin in text.origins)
