"""AppTest: the district profile in each language — slogan, translation flag, figures with sources."""

from __future__ import annotations

import pytest

from atlas.content import plan_content
from atlas.districts import districts
from atlas.i18n import LANGS, t
from atlas.profile import key_figures
from atlas.sources import sources

SLUGS = [d.id for d in districts()]


def all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader]
    return "\n".join(parts)


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_profile_shows_the_official_slogan(run_app, slug: str) -> None:
    at = run_app(district=slug, lang="zh")
    assert not at.exception
    text = all_text(at)
    slogan = plan_content().district(slug).slogan["zh"]
    assert slogan.replace("*", "") in text.replace("\\", "")
    assert t("official_text", "zh") in text
    assert t("unofficial_translation", "zh") not in text


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("slug", ["shiba", "shibaura-konan"])
def test_translations_are_flagged(run_app, slug: str, lang: str) -> None:
    at = run_app(district=slug, lang=lang)
    text = all_text(at).replace("\\", "")
    assert t("unofficial_translation", lang) in text
    assert plan_content().district(slug).slogan[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_ward_profile_shows_vision_and_priority_issues(run_app, lang: str) -> None:
    at = run_app(lang=lang)
    text = all_text(at).replace("\\", "")
    ward = plan_content().ward
    assert ward.vision[lang] in text
    for issue in ward.priority_issues:
        assert issue.title[lang] in text


@pytest.mark.parametrize("slug", [None, "azabu"])
def test_key_figure_sources_are_one_block_naming_every_source(run_app, slug) -> None:
    """The key-figure card cites its sources in one block, not a source line under each figure."""
    at = run_app(**({"district": slug} if slug else {}), lang="en")
    metrics = list(at.metric)
    assert metrics, "the profile shows key figures"
    titles = {sources()[sid].titles["en"] for line in key_figures(slug, "en") for sid, _ in line.refs}
    citing = [c.value for c in at.caption if any(title in c.value for title in titles)]
    assert any(all(title in c for title in titles) for c in citing), "one caption names every key-figure source"
    assert len(citing) < len(metrics), f"{len(citing)} source captions for {len(metrics)} figures"


def test_district_profile_says_budget_has_no_district_breakdown(run_app) -> None:
    at = run_app(district="takanawa", lang="en")
    assert any(t("budget_no_district", "en") in i.value for i in at.info)
    assert any(t("no_district_projects", "en") in i.value for i in at.info)


def test_charts_have_data_tables_and_downloads(run_app) -> None:
    at = run_app(district="akasaka", lang="ja")
    assert len(at.get("plotly_chart")) == 2
    assert len(at.dataframe) >= 2
    assert len(at.get("download_button")) >= 2
