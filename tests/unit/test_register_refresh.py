"""`make refresh-data`: the city's register page read, checked and added to data/figures, or refused whole."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.districts import districts
from atlas.figures import load_population
from atlas.i18n import LANGS, t
from atlas.register_page import MEASURES, RefreshError, read_page
from atlas.register_refresh import REFRESH_ID, plan_refresh
from atlas.sources import load_sources
from geo.paths import DEFAULT_SHARED, ROOT
from tools import build_figures, refresh_data

PAGES = Path(__file__).parent / "fixtures" / "register_pages"
TODAY = dt.date(2026, 12, 6)
FEB = dt.date(2026, 2, 1)


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _cells(text: str, changes: dict[str, str]) -> str:
    for old, new in changes.items():
        assert text.count(f">{old}<") == 1, old
        text = text.replace(f">{old}<", f">{new}<")
    return text


def _without_area(text: str, area: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f'scope="row">{area}</th>' in line)
    return "".join(lines[:start] + lines[start + 4:])  # the area's 日本人 / 外国人 / 複数国籍世帯 / 合計 rows


def _month_twice(text: str) -> str:
    start, end = text.index('<h2 id="h_0">'), text.index("</table>") + len("</table>")
    return text[:end] + "\n" + text[start:end].replace('id="h_0"', 'id="h_1"') + text[end:]


# Broken pages, each one edit away from a real-structure fixture (see fixtures/register_pages/README.md).
BAD_PAGES: dict[str, Callable[[], str]] = {
    "missing_district": lambda: _without_area(page("jinko_2026.html"), "芝浦港南地区"),
    "sum_mismatch": lambda: _cells(page("jinko_2026.html"), {"40,391": "40,400", "44,149": "44,158"}),
    "duplicate_date": lambda: _month_twice(page("jinko_2026.html")),
    "bad_date": lambda: page("jinko_2026.html").replace("令和8年2月1日現在", "令和8年2月30日現在"),
    "conflicting_month": lambda: _cells(page("jinko_2024.html"), {
        "21,863": "21,873", "267,250": "267,260", "3,270": "3,280", "42,886": "42,896"}),
}


def held(data: Path) -> dict[tuple[dt.date, str, str], int]:
    load_population.cache_clear()
    return {(o.date, o.area, o.measure): o.value for o in load_population(data / "figures" / "population.csv")}


@pytest.fixture
def before_february(data_copy: Path) -> Path:
    """data/ as it was before the register figures of 1 Feb 2026 were added."""
    path = data_copy / "figures" / "population.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(FEB.isoformat())), encoding="utf-8")
    load_population.cache_clear()
    load_sources.cache_clear()
    return data_copy


@pytest.mark.parametrize("name", ["jinko_2026.html", "jinko_2024.html"])
def test_a_page_reads_as_the_figures_held_for_its_month(name: str) -> None:
    figures = held(ROOT / "data")
    read = read_page(page(name), TODAY)
    assert read.saved_from and read.saved_from.endswith(".html") and read.updated is not None
    for month in read.months:
        assert set(month.values) == {"ward", "shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"}
        for area, values in month.values.items():
            for measure in MEASURES:
                assert values[measure] == figures[(month.date, area, measure)], (area, measure)


def test_new_months_are_added_with_their_source_and_survive_a_rebuild(before_february: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    real = held(ROOT / "data")
    code = refresh_data.run(str(PAGES / "jinko_2026.html"), None, TODAY, "en", before_february)
    out = capsys.readouterr().out
    assert code == 0, out
    now = held(before_february)
    added = {k: v for k, v in now.items() if k[0] == FEB}
    assert added == {k: v for k, v in real.items() if k[0] == FEB}
    load_population.cache_clear()
    sids = {o.source for o in load_population(before_february / "figures" / "population.csv") if o.date == FEB}
    assert len(sids) == 1 and REFRESH_ID.match(sid := sids.pop())
    record = load_sources(before_february / "sources.yaml")[sid]
    assert record.read_date == TODAY and record.url.endswith("/jinko/jinko/2026.html")
    assert record.reference_date == dt.date(2026, 2, 10)  # the page's 更新日
    assert t("refresh_month_new", "en", date="1 Feb 2026", n=len(added)) in out
    assert f"Shiba: population {real[(FEB, 'shiba', 'population')]:,}" in out


@pytest.mark.skipif(not DEFAULT_SHARED.exists(), reason="../shared is not beside the checkout")
def test_a_rebuild_from_shared_keeps_refreshed_rows_and_refuses_conflicts(before_february: Path) -> None:
    assert refresh_data.run(str(PAGES / "jinko_2026.html"), None, TODAY, "en", before_february) == 0
    table = before_february / "figures" / "population.csv"
    facts = [r for r in build_figures.population_rows(DEFAULT_SHARED) if r[0] != FEB.isoformat()]  # facts lack Feb
    kept = [r for r in build_figures.with_refreshed(facts, table) if r[0] == FEB.isoformat()]
    assert kept and all(REFRESH_ID.match(r[4]) for r in kept)
    assert {(r[1], r[2]): int(r[3]) for r in kept} == {(a, m): v for (d, a, m), v in held(table.parent.parent).items()
                                                       if d == FEB}
    # where the facts give the month too, theirs is kept when equal, and a different value stops the build
    agreeing = build_figures.with_refreshed(build_figures.population_rows(DEFAULT_SHARED), table)
    assert agreeing == build_figures.population_rows(DEFAULT_SHARED)
    other = [[*r[:3], str(int(r[3]) + 1), *r[4:]] if r[0] == FEB.isoformat() else r
             for r in build_figures.population_rows(DEFAULT_SHARED)]
    with pytest.raises(SystemExit, match="refreshed value"):
        build_figures.with_refreshed(other, table)


def test_a_second_run_changes_nothing(before_february: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refresh_data.run(str(PAGES / "jinko_2026.html"), None, TODAY, "ja", before_february) == 0
    files = {p: p.read_bytes() for p in (before_february / "sources.yaml", before_february / "figures/population.csv")}
    capsys.readouterr()
    assert refresh_data.run(str(PAGES / "jinko_2026.html"), None, TODAY, "ja", before_february) == 0
    out = capsys.readouterr().out
    assert t("refresh_nothing_new", "ja") in out
    assert all(path.read_bytes() == content for path, content in files.items())


@pytest.mark.parametrize(("bad", "key", "names"), [
    ("missing_district", "refresh_missing_area", ("芝浦港南地区",)),
    ("sum_mismatch", "refresh_sum_mismatch", ("270,077", "270,068")),
    ("duplicate_date", "refresh_duplicate_date", ("2026年2月1日", "表2")),
    ("bad_date", "refresh_bad_date", ("令和8年2月30日現在",)),
    ("conflicting_month", "refresh_conflict", ("267,260", "267,250", "minato-population-2024")),
])
def test_bad_input_is_refused_whole_naming_the_row(before_february: Path, capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, bad: str, key: str, names: tuple[str, ...]) -> None:
    saved = tmp_path / f"{bad}.html"
    saved.write_text(BAD_PAGES[bad](), encoding="utf-8")
    files = {p: p.read_bytes() for p in before_february.rglob("*") if p.is_file()}
    with pytest.raises(RefreshError) as err:
        refresh_data.load_source(str(saved), TODAY)  # readable as a file
        parsed = read_page(saved.read_text(encoding="utf-8"), TODAY)
        plan_refresh(parsed, parsed.saved_from or "", TODAY, before_february)
    assert err.value.key == key
    message = err.value.text("ja")
    assert all(word in message for word in names), message
    assert refresh_data.run(str(saved), None, TODAY, "ja", before_february) == 1
    shown = capsys.readouterr()
    assert shown.err.strip() == t("refresh_refused", "ja", reason=message) and not shown.out
    assert {p: p.read_bytes() for p in before_february.rglob("*") if p.is_file()} == files, "something was written"
    for lang in LANGS:  # every language words it without a raw key
        assert key not in err.value.text(lang)


def test_a_page_without_the_table_or_address_is_refused(before_february: Path, tmp_path: Path) -> None:
    with pytest.raises(RefreshError) as err:
        read_page("<html><body><h2>令和8年2月1日現在</h2><p>お知らせ</p></body></html>", TODAY)
    assert err.value.key == "refresh_no_table"
    anonymous = tmp_path / "saved.html"
    anonymous.write_text(page("jinko_2026.html").split("\n", 2)[2], encoding="utf-8")  # no 'saved from' line
    assert refresh_data.run(str(anonymous), None, TODAY, "en", before_february) == 1
    assert refresh_data.run(str(tmp_path / "missing.html"), None, TODAY, "en", before_february) == 1
    assert refresh_data.run("http://127.0.0.1:9/jinko/2026.html", None, TODAY, "en", before_february) == 1


def test_a_future_month_is_refused() -> None:
    with pytest.raises(RefreshError) as err:
        read_page(page("jinko_2026.html"), FEB - dt.timedelta(days=1))
    assert err.value.key == "refresh_future_date"


def test_make_refresh_data_prints_what_changed(before_february: Path) -> None:
    env = os.environ | {"MINATO_DATA_DIR": str(before_february), "MINATO_TODAY": TODAY.isoformat()}
    make = shutil.which("make")
    cmd = ([make, "-s", "refresh-data", f"SOURCE={PAGES / 'jinko_2026.html'}", "REFRESH_ARGS=--read-date 2026-12-06"]
           if make else [sys.executable, "tools/refresh_data.py", str(PAGES / "jinko_2026.html")])
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert t("refresh_done", "ja", n=(len(districts()) + 1) * len(MEASURES)) in done.stdout
