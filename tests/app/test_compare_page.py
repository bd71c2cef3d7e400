"""AppTest: the compare page with each indicator, URL state, selection and uploads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_runs import shown_folds
from shown_table import shown_table
from streamlit.testing.v1 import AppTest

from atlas.compare import interval, period_column, registry_view
from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.indicators import definition, district_values, indicator_ids, load_definitions, value_interval
from atlas.sources import sources
from components.map_first import READY_KEY
from components.markdown import md_escape
from components.source_note import label_markdown
from geo.paths import DATA_DIR, ROOT

FIXTURES = Path(__file__).parent.parent / "unit" / "fixtures" / "upload"


def open_compare(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state[READY_KEY] = True  # the pages whole, as after a map has drawn (components/map_first.py)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("app_pages/compare.py").run()


@pytest.mark.parametrize("ind_id", indicator_ids())
def test_each_indicator_renders(ind_id: str) -> None:
    at = open_compare(lang="en", indicator=ind_id)
    assert not at.exception
    assert at.selectbox(key="indicator").value == ind_id
    assert at.query_params["indicator"] == ind_id
    assert any(definition(ind_id).label("en") in m.value for m in at.markdown)
    assert not at.dataframe and shown_table(at).tables == 1  # one HTML table, no data grid (issue 21)
    if "chome" in definition(ind_id).levels:
        assert at.radio(key="map_level").options == [t("level_district", "en"), t("level_chome", "en")]


def test_unknown_indicator_falls_back_with_notice() -> None:
    at = open_compare(lang="en", indicator="happiness")
    assert not at.exception
    assert "happiness" in at.warning[0].value
    assert at.selectbox(key="indicator").value == "population"


def test_switching_indicator_updates_the_url() -> None:
    at = open_compare(lang="ja")
    at.selectbox(key="indicator").set_value("foreign_share").run()
    assert at.query_params["indicator"] == "foreign_share"


def test_selected_district_is_kept_in_the_url() -> None:
    at = open_compare(lang="en", district="akasaka", indicator="density")
    assert at.query_params["district"] == "akasaka"
    table = shown_table(at)
    names = [row[0] for row in table.rows]
    marked = names.index(f"▶ {district_by_id('akasaka').name('en')}")
    assert table.current == table.bold == [marked]  # a sign and bold type, not colour alone
    assert district_by_id("akasaka").name("en") in table.note


@pytest.mark.parametrize("name", ["good_district_sjis.csv", "good_chome_bom.csv"])
def test_a_good_upload_becomes_an_indicator(name: str) -> None:
    from atlas.upload import parse_upload

    at = open_compare(lang="en")
    data = (FIXTURES / name).read_bytes()
    at.session_state["upload_result"] = parse_upload(data, name)
    at.run()
    options = at.selectbox(key="indicator").options
    assert any("your upload" in o for o in options)


def test_a_broken_upload_shows_its_errors_as_text() -> None:
    from atlas.upload import parse_upload

    at = open_compare(lang="en")
    at.session_state["upload_result"] = parse_upload((FIXTURES / "unknown_names.csv").read_bytes(), "x.csv")
    at.run()
    assert not at.exception
    assert at.error[0].value == t("upload_failed", "en")
    assert all("your upload" not in o for o in at.selectbox(key="indicator").options)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_english_shelter_unit_reads_per_10000_residents() -> None:
    """Issue 8: YAML split the unquoted unit, so English read "per 10" in the picker, ranking, legend and CSV."""
    unit = "per 10,000 residents"
    at = open_compare(lang="en", indicator="shelters_per_10k")
    assert not at.exception
    d = definition("shelters_per_10k")
    assert d.unit("en") == unit
    assert f"{d.label('en')} ({unit})" in shown_table(at).headers
    assert d.label("en") in at.selectbox(key="indicator").options
    assert any(d.label("en").endswith(unit) and d.label("en") in m.value for m in at.markdown)


def test_source_lines_show_each_sources_own_date() -> None:
    """The GSI shelters and the register are each dated by their own figures, not by the value's latest date."""
    at = open_compare(lang="en", indicator="shelters_per_10k")
    view = registry_view("shelters_per_10k", "en")
    lines = captions(at)
    for sid, day in view.refs:
        assert any(label_markdown(sid, "en", day) in c for c in lines), sid
    gsi = sources()["gsi-shelters"]
    assert gsi.reference_date != view.as_of
    assert not any(label_markdown(gsi.id, "en", view.as_of) in c for c in lines)


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_change_indicator_shows_its_period(lang: str) -> None:
    at = open_compare(lang=lang, indicator="growth_last_year")
    assert not at.exception
    view = registry_view("growth_last_year", lang)
    span = interval(view, lang)
    assert t("interval_caption", lang, interval=span) in captions(at)
    table = shown_table(at)
    column = table.headers.index(period_column(lang, "growth_last_year"))
    assert [row[column] for row in table.rows] == [value_interval(v, lang) for v in district_values("growth_last_year")]


def test_mangled_unit_stops_the_app_naming_file_and_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setenv("MINATO_DATA_DIR", str(copy))
    committed = load_definitions(DATA_DIR / "indicators.yaml")
    row, d = next((i, d) for i, d in enumerate(committed, start=1) if "," in d.unit("en"))
    path = copy / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = f'en: "{d.unit("en")}"'
    assert quoted in text
    path.write_text(text.replace(quoted, f"en: {d.unit('en')}", 1), encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    assert at.error, "the app went on with a mangled unit"
    assert md_escape(f"data/indicators.yaml, indicator {row} ({d.id})") in at.error[0].value


@pytest.mark.parametrize("level", ["district", "chome"])
def test_a_click_shows_each_value_under_its_own_name(level: str) -> None:
    """Issue 17, item 6: at the district level a click in 東麻布二丁目 showed Azabu's value under the chome's name."""
    from atlas.compare import click_caption
    from geo.layers import chome_list
    from geo.lookup import locate

    chome = next(c for c in chome_list() if c.name_ja == "東麻布二丁目")
    point = chome.geometry.representative_point()
    at = open_compare(lang="ja", indicator="census_density")
    at.session_state["click_hit"] = locate(point.y, point.x)
    at.radio(key="map_level").set_value(level).run()
    assert not at.exception
    view = registry_view("census_density", "ja")
    expected = click_caption(view, level, locate(point.y, point.x), "ja")
    chome_value = view.format(view.chome[chome.key_code])
    assert expected is not None and f"東麻布二丁目：{chome_value}" in expected
    assert md_escape(expected) in captions(at)
    assert not any(f"東麻布二丁目：{view.format(view.district['azabu'])}" in c for c in captions(at))


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
@pytest.mark.parametrize("level", ["district", "chome"])
def test_download_buttons_at_each_map_level(level: str, lang: str) -> None:
    """The district CSV, the chome CSV and the GeoJSON are offered whichever level the map shows."""
    from geo.layers import chome_list

    at = open_compare(lang=lang, indicator="census_density")
    at.radio(key="map_level").set_value(level).run()
    assert not at.exception
    html_files = {md_escape(t("download_map_html", lang)), md_escape(t("download_chart_html", lang))}  # issue 20
    labels = [b.proto.label for b in at.get("download_button") if b.proto.label not in html_files]
    assert labels == [md_escape(t("download_table_csv", lang)),
                      md_escape(t("download_chome_csv", lang, n=len(chome_list()))),
                      md_escape(t("download_geojson", lang))]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_definitions_fold_names_every_indicator_with_its_sources(lang: str) -> None:
    """One fold (one st.html block, issue 21) gives each registry indicator's label, unit and its sources' titles."""
    at = open_compare(lang=lang)
    assert not at.exception
    folds = shown_folds(at)
    body = folds[t("definitions_heading", lang)]
    for ind_id in indicator_ids():
        d = definition(ind_id)
        assert f"{d.label(lang)} ({d.unit(lang)})" in body, ind_id
    titles = {sources()[sid].titles[lang] for ind_id in indicator_ids() for sid in definition(ind_id).sources}
    assert titles and all(title in body for title in titles), [x for x in titles if x not in body]
