"""Where each plan text's wording comes from: every text records an origin per language, and the Chinese views,
being the city's own summary, carry no translation mark.

Marks and source lines on every page, slide and the handout are checked in test_marks.py.
"""

from __future__ import annotations

from atlas.content import OURS, plan_content
from atlas.i18n import t


def test_chinese_views_carry_no_translation_mark(open_view) -> None:
    at = open_view("app_pages/plan.py", "zh")
    elements = [e.value for kind in ("markdown", "caption", "info") for e in at.get(kind)]
    elements += [m.label for m in at.metric]
    assert elements
    assert all(t("mark_translation", "zh") not in e for e in elements)
    assert not any(x.is_translated("zh") for x in plan_content().texts)


def test_every_text_has_an_origin_per_language() -> None:
    plan = plan_content()
    assert len(plan.texts) > 100
    for text in plan.texts:
        assert len(text.origins) == 3
        assert all(origin == OURS or origin for origin in text.origins)
