"""The map page, slide 3, the handout and /sources say what our estimate is in plain words next to the chart, keep
the technical sentence one click away, and show the backtest that chose the method."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from app_runs import shown_folds, shown_html_texts
from streamlit.testing.v1 import AppTest

from atlas import backtest
from atlas.backtest_table import intro, record_rows
from atlas.estimate_methods import METHODS
from atlas.estimate_text import estimate_texts, method_name
from atlas.estimates import district_estimate
from atlas.handout import handout_html
from atlas.i18n import LANGS, t
from components.profile_charts import plan_points
from geo.paths import DATA_DIR

TARGET = plan_points()[1].date
SHOWN = next(s for s in backtest.area_ids() if district_estimate(s, TARGET) is not None)
HIDDEN = [s for s in backtest.area_ids() if district_estimate(s, TARGET) is None]


def _captions(at: AppTest) -> str:
    """Captions and the text of the sections drawn as one block (chart cards)."""
    return "\n".join([c.value for c in at.caption] + shown_html_texts(at)).replace("\\", "")


def _technical_in_the_card_fold(at: AppTest, lang: str, technical: str) -> None:
    """The map page's chart card (one st.html block) folds the method under its summary."""
    assert technical in shown_folds(at)[t("estimate_details", lang)]


def _technical_behind_a_click(at: AppTest, lang: str, technical: str) -> None:
    box = next(e for e in at.expander if e.label == t("estimate_details", lang))
    assert technical in "\n".join(c.value for c in box.caption).replace("\\", "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SHOWN, *HIDDEN[:1]])
def test_population_slide_says_it_plainly_with_the_method_one_click_away(open_view, lang: str, slug: str) -> None:
    at = open_view("app_pages/present.py", lang, district=slug, slide="3")
    texts = estimate_texts(slug, TARGET, lang)
    shown = _captions(at)
    assert all(sentence in shown for sentence in texts.plain)
    _technical_behind_a_click(at, lang, texts.technical)


@pytest.mark.parametrize("lang", LANGS)
def test_map_page_and_handout_say_it_plainly(open_view, lang: str) -> None:
    texts = estimate_texts(SHOWN, TARGET, lang)
    at = open_view(None, lang, district=SHOWN)
    assert texts.plain[0] in _captions(at)
    _technical_in_the_card_fold(at, lang, texts.technical)
    page = handout_html(SHOWN, lang)
    assert html.escape(texts.plain[0]) in page or texts.plain[0] in page


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_shows_the_backtest_table_and_the_choice(open_view, lang: str) -> None:
    at = open_view("app_pages/sources.py", lang)
    choice = backtest.run(TARGET)
    table = next(d.value for d in at.dataframe if t("col_coverage", lang) in d.value.columns)
    assert len(table) == len(backtest.area_ids()) * len(METHODS)
    assert table.to_dict("records") == record_rows(choice, lang)
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert method_name(choice.method, lang) in text
    covered = sum(choice.record(choice.method, a).covered for a in backtest.area_ids())
    pooled = len(choice.pooled_checks(choice.method))
    assert all(paragraph in text for paragraph in intro(choice, lang))
    assert any(f"{covered}" in p and f"{pooled}" in p for p in intro(choice, lang))  # the real coverage, stated


def test_sources_page_and_chart_show_estimate_against_a_new_actual(run_app, tmp_path: Path, monkeypatch) -> None:
    """A register row on the target date makes /sources list estimate against actual, with no code change."""
    est = district_estimate(SHOWN, TARGET)
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    csv = copy / "figures" / "population.csv"
    actual = est.high + 1000  # outside the range on purpose
    csv.write_text(csv.read_text(encoding="utf-8")
                   + f"{TARGET.isoformat()},{SHOWN},population,{actual},minato-population-2026,\n", encoding="utf-8")
    monkeypatch.setenv("MINATO_DATA_DIR", str(copy))
    at = run_app(lang="en", district=SHOWN)
    assert not at.exception
    assert f"{actual:,}" in _captions(at) and "outside its range" in _captions(at)
    at.switch_page("app_pages/sources.py").run()
    table = next(d.value for d in at.dataframe if t("col_within_band", "en") in d.value.columns)
    row = table.to_dict("records")[0]
    assert row[t("col_predicted", "en")] == f"{est.value:,}" and row[t("col_within_band", "en")] == "no"
    assert row[t("col_error", "en")] == f"−{actual - est.value:,}"
