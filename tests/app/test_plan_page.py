"""AppTest: the plan page shows the seed's vision, 8 priority issues, policy areas and key figures."""

from __future__ import annotations

import pytest
from app_runs import shown_district_name
from streamlit.testing.v1 import AppTest

from atlas import formatting as fmt
from atlas.content import plan_content
from atlas.i18n import LANGS, t
from geo.paths import ROOT


def open_plan(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/plan.py").run()
    return at


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [at.title[0].value]
    return "\n".join(parts).replace("\\", "")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_shows_all_priority_issues_and_key_figures(lang: str) -> None:
    at = open_plan(lang)
    assert not at.exception
    assert at.title[0].value == t("plan_page_heading", lang)
    text = page_text(at)
    ward = plan_content().ward
    assert len(ward.priority_issues) == 8
    for issue in ward.priority_issues:
        assert issue.title.shown(lang) in text, issue.n
    for area in ward.policy_areas:
        assert area.name.shown(lang) in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[ward.key_figure("population_projection_2027").label.shown(lang)] == fmt.people(282317, lang)
    assert metrics[ward.key_figure("plan_budget_fy2024_2026").label.shown(lang)] == fmt.oku_yen(5739, lang)
    forum = ward.participation.forum
    assert metrics[t("forum_proposals", lang)] == str(forum.proposals)
    for picture in ward.participation.children_survey.pictures:
        assert picture.title.shown(lang) in text


def test_plan_page_flags_translations() -> None:
    assert t("unofficial_translation", "en") in " ".join(c.value for c in open_plan("en").caption)
    assert t("official_text", "zh") in " ".join(c.value for c in open_plan("zh").caption)


def test_opening_a_district_from_the_plan_page_selects_it() -> None:
    at = open_plan("en")
    at.button(key="open-azabu").click().run()
    assert not at.exception
    assert shown_district_name(at) == "Azabu"  # the map page names the selected district in its h2
    assert at.query_params["district"] == "azabu"
