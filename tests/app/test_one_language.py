"""One language per view: the ja and zh pages, their data tables and chart CSVs hold no English developer text, no
raw codes, no source ids and no ISO dates.

What counts as developer text comes from the data, not from a list written here: the source ids of sources.yaml,
the codes the schemas allow (measures, budget kinds, reliability), the raw ``derived`` cells of population.csv and
the raw notes of budget.csv. On top, a run of three or more lowercase ASCII words ("sum over land chome") and an
ISO date ("2024-03-01") are errors in a ja or zh view. Each check also asserts that it read the tables at all, so a
change in rendering cannot make it pass by finding nothing.
"""

from __future__ import annotations

import html
import re

import pytest
from app_runs import shown_html_tables, shown_html_texts
from streamlit.testing.v1 import AppTest

from atlas.figures import BUDGET_KINDS, MEASURES, RELIABILITY, budget, budget_notes, population
from atlas.handout import handout_html
from atlas.slides import SLIDES
from atlas.sources import sources
from components.profile_charts import cached_csv

LANGS = ("ja", "zh")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
ENGLISH_RUN = re.compile(r"\b[a-z]{2,}(?:[ ,;]+[a-z]{2,}){2,}\b")
URL = re.compile(r"https?://[^\s)\]）]+")


def _plain(text: str) -> str:
    """Page text as a reader sees it: tags, link targets, URLs and Markdown escapes removed."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a Markdown link keeps its words, not its address
    text = re.sub(r'<span lang="[a-zA-Z-]+">|</span>', "", text)  # a language mark adds no space
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return URL.sub(" ", text.replace("\\", "").replace("\u2060", ""))


def _texts(at: AppTest) -> list[str]:
    """Every text element of the page, table cells included."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "title", "subheader", "header")
             for e in at.get(kind)]
    parts += [m.label for m in at.metric] + [str(m.value) for m in at.metric] + [e.label for e in at.expander]
    for frame in [*at.dataframe, *at.table]:
        df = frame.value
        parts += [str(c) for c in df.columns] + [str(i) for i in df.index]
        parts += [str(v) for row in df.itertuples(index=False) for v in row]
    return [_plain(p) for p in parts] + shown_html_texts(at)  # sections drawn as one st.html block


def _codes() -> list[str]:
    """Codes and raw cells that belong to the data files, never to a view."""
    raw = {o.derived for o in population() if o.derived} | {b.note for b in budget() if b.note}
    return [*sources(), *MEASURES, *BUDGET_KINDS, *RELIABILITY, *sorted(raw)]


def _problems(texts: list[str], lang: str = "ja") -> list[str]:
    """ISO dates, codes and raw cells in ``texts``; in ja and zh also runs of English words."""
    words = [c for c in _codes() if lang != "en" or not c.isalpha()]  # in en "population" is a word, not a code
    codes = [re.compile(rf"(?<![\w-]){re.escape(c)}(?![\w-])") for c in words]
    patterns = (ISO_DATE, *codes) if lang == "en" else (ISO_DATE, ENGLISH_RUN, *codes)
    out = []
    for text in texts:
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                out.append(f"{found.group(0)!r} in: {text[max(0, found.start() - 60):found.end() + 60]}")
    return out


def _tables(texts: list[str]) -> int:
    """How many Markdown or data tables the texts hold (a header rule line, or a data frame's cells)."""
    return sum(1 for x in texts if re.search(r"\|\s*-{3}", x))


@pytest.mark.parametrize("lang", (*LANGS, "en"))
@pytest.mark.parametrize("district", [None, "azabu"])
def test_map_page_and_its_data_tables_speak_the_view_language(open_view, lang: str, district: str | None) -> None:
    """ja and zh: no English developer text; every language: no ISO dates, source ids or codes."""
    at = open_view(None, lang, **({"district": district} if district else {}))
    texts = _texts(at)
    assert _tables(texts) + shown_html_tables(at) >= 2  # the population and budget tables were read
    assert not _problems(texts, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_speaks_the_view_language(open_view, lang: str) -> None:
    at = open_view("app_pages/sources.py", lang)
    texts = _texts(at)
    assert any(src.titles[lang] in " ".join(texts) for src in sources().values())
    assert not _problems(texts, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_speaks_the_view_language(open_view, lang: str) -> None:
    assert not _problems(_texts(open_view("app_pages/plan.py", lang)), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_compare_page_speaks_the_view_language(open_view, lang: str) -> None:
    texts = _texts(open_view("app_pages/compare.py", lang))
    assert len(texts) > 5
    assert not _problems(texts, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("district", [None, "shiba"])
def test_handout_speaks_the_view_language(lang: str, district: str | None) -> None:
    page = re.sub(r"<style.*?</style>", " ", handout_html(district, lang), flags=re.S)
    assert "<table" in page  # the key-figures table was read
    assert not _problems([_plain(page)], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_speaks_the_view_language(open_view, lang: str) -> None:
    problems, frames = [], 0
    for number in range(1, len(SLIDES) + 1):
        at = open_view("app_pages/present.py", lang, district="takanawa", slide=str(number))
        frames += len(at.table) + len(at.dataframe)
        problems += [f"slide {number}: {p}" for p in _problems(_texts(at), lang)]
    assert frames  # the key-figures slide's table was read
    assert not problems


@pytest.mark.parametrize("lang", (*LANGS, "en"))
@pytest.mark.parametrize(("kind", "district"), [("population", "shibaura-konan"), ("population", None),
                                                ("budget", None)])
def test_chart_csv_downloads_speak_the_view_language(lang: str, kind: str, district: str | None) -> None:
    text = cached_csv(kind, district, lang).decode("utf-8-sig")
    rows = text.splitlines()
    assert len(rows) > 3
    assert not _problems(rows, lang)


@pytest.mark.parametrize("lang", ("en", "zh"))
def test_budget_notes_are_translated_and_marked_in_en_and_zh(open_view, lang: str) -> None:
    """Every raw budget note is shown in the view's words (and marked as our translation), never as written."""
    page = " ".join(_texts(open_view(None, lang)))
    noted = [b for b in budget() if b.note]
    assert noted
    for row in noted:
        note = next(n for n in budget_notes() if (n.fiscal_year, n.kind) == (row.fiscal_year, row.kind))
        assert note.shown(lang) in page and row.note not in page
