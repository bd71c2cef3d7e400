"""AppTest: the district profile in each language — slogan, translation flag, figures with sources."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from app_runs import shown_html_texts, shown_key_figures, shown_source_lines, shown_svgs

from atlas.content import plan_content
from atlas.districts import districts
from atlas.i18n import LANGS, t
from atlas.profile import key_figures
from atlas.sources import sources
from components.chart_card import table_html
from components.profile_charts import cached_chart_svg, cached_table

SLUGS = [d.id for d in districts()]


def all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + []
    parts += [s.value for s in at.subheader] + shown_html_texts(at)
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
    metrics = shown_key_figures(at)
    assert metrics, "the profile shows key figures"
    titles = {sources()[sid].titles["en"] for line in key_figures(slug, "en") for sid, _ in line.refs}
    lines = [c.value for c in at.caption] + shown_source_lines(at)
    citing = [c for c in lines if any(title in c for title in titles)]
    assert any(all(title in c for title in titles) for c in citing), "one block names every key-figure source"
    assert len(citing) < len(metrics), f"{len(citing)} source captions for {len(metrics)} figures"


def test_district_profile_says_budget_has_no_district_breakdown(run_app) -> None:
    at = run_app(district="takanawa", lang="en")
    assert any(t("budget_no_district", "en") in i.value for i in at.info)
    assert any(t("no_district_projects", "en") in text for text in shown_html_texts(at))


def chart_svgs(at) -> list[str]:
    """The inline chart SVGs the run produced (components/inline_svg.py); no chart is raw-HTML Markdown."""
    assert not any("<svg" in m.value for m in at.markdown), "an SVG sent as raw-HTML Markdown"
    return [svg for svg in shown_svgs(at) if '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg' in svg]


def test_charts_have_data_tables_and_downloads(run_app) -> None:
    at = run_app(district="akasaka", lang="ja")
    svgs = chart_svgs(at)
    assert len(svgs) == 2
    assert all('role="figure"' in svg and "<title" in svg and "<desc" in svg for svg in svgs)
    assert cached_chart_svg("population", "akasaka", "ja") in svgs[0]
    assert cached_chart_svg("budget", None, "ja") in svgs[1]
    assert not at.get("plotly_chart") and not at.dataframe and not at.table  # no Plotly.js, no data-grid chunk
    tables = [t for block in at.get("html") for t in re.findall(r'<div class="table-box">.*?</div>', block.value)]
    assert tables == [cached_table("population", "akasaka", "ja"), cached_table("budget", None, "ja")]
    keys = [b.key for b in at.get("download_button") if b.key.startswith("csv-")]
    assert [k.split("-")[1] for k in keys] == ["population", "budget"]


def test_chart_svg_is_drawn_once_per_chart_and_language() -> None:
    assert cached_chart_svg("population", "azabu", "en") is cached_chart_svg("population", "azabu", "en")
    assert cached_chart_svg("budget", None, "zh", "wide") is cached_chart_svg("budget", None, "zh", "wide")


def test_chart_table_cells_are_text_not_markup() -> None:
    """The data table is HTML: headers and texts escaped (the CSV keeps raw text), numbers grouped and aligned right,
    years as written."""
    name = "a ![x](https://e.org/p.png) <b>"
    table = pd.DataFrame([{name: "<img src=x> **b|c**", "n": 61234, "year": 2024, "x": 1203.25},
                          {name: None, "n": 5, "year": 2025, "x": 2.0}])
    shown = table_html(table)
    head = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", shown)
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(<td.*?)</tr>", shown)]
    assert head == [html.escape(name), "n", "year", "x"]
    assert rows == [[html.escape("<img src=x> **b|c**"), "61,234", "2024", "1,203.25"], ["—", "5", "2025", "2.00"]]
    assert shown.count('<td class="num">') == 6 and "<img" not in shown
