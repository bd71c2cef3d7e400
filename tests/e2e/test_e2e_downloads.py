"""Every download button (but the handout PDF, tested elsewhere) on a fresh session in ja, en and zh, in Chromium:
the file arrives and holds what it should. Each test gets a fresh browser context, so a fresh Streamlit session.

- /compare: the district and chome CSVs (Excel-ready, rounded as shown, each value with its sources' title, URL,
  licence, credit and date) and the GeoJSON (with a ``metadata`` member citing every source); the GeoJSON used
  to fail on a fresh page (session_state has no "lang").
- /?district=…: the CSV under each profile chart's "show data".
- /sources: the data files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from harness import MAIN, Server, wait_map_ready, wait_script_idle
from playwright.sync_api import Locator, Page, expect

from atlas.districts import districts
from atlas.download_csv import chome_table, district_table, source_header
from atlas.downloads import BOUNDARY_SOURCE, boundaries_geojson
from atlas.i18n import LANGS, t
from atlas.indicators import column_labels, csv_bytes, definitions, district_values, format_number, indicator_ids
from atlas.sources import sources
from components.profile_charts import cached_budget_chart, cached_population_chart
from components.sources_view import DOWNLOADS
from geo.layers import chome_list
from geo.paths import data_dir

pytestmark = pytest.mark.e2e

BOM = b"\xef\xbb\xbf"
DISTRICT = "azabu"
SERVER_ERRORS = ("Traceback", "Exception", "Error executing", "has no key")


def receive(page: Page, button: Locator) -> tuple[str, bytes]:
    """Click a download button; the received file's suggested name and bytes.

    Streamlit ignores a click on a disabled download button (no download, nothing said), so the click waits
    for the script run to be over and the button to be enabled."""
    expect(button).to_be_visible()
    wait_script_idle(page)
    expect(button).to_be_enabled()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None, download.failure()
    return download.suggested_filename, Path(download.path()).read_bytes()


def new_server_errors(server: Server, since: int) -> list[str]:
    """Lines of the server log written after offset ``since`` that report an error."""
    return [line for line in server.log()[since:].splitlines() if any(e in line for e in SERVER_ERRORS)]


def open_page(page: Page, url: str, ready: Locator) -> None:
    page.goto(url)
    expect(ready).to_be_visible(timeout=30_000)
    wait_script_idle(page)


def open_map_page(page: Page, url: str, ready: Locator) -> None:
    """Open the map page on a fresh session and wait until its map-first runs are over.

    A fresh session's first run draws the map alone (components/map_first.py); the rest comes with the run the
    map frame's report starts, or with the fallback timer's run when the frame is slow (a busy machine). In that
    case the frame's report still comes and starts one more run after the profile is shown: a download clicked
    during it never started (the test timed out after 20 s). So: the frame has drawn (its report is sent), the
    profile is there, and the script is idle."""
    page.goto(url)
    wait_map_ready(page, timeout_ms=60_000)
    expect(ready).to_be_visible(timeout=30_000)
    wait_script_idle(page)


def check_csv(data: bytes, expected: bytes, rows: int, lang: str) -> None:
    """The file is the table the app builds: a BOM, one table of ``rows`` rows that pandas reads as is, every value
    column's sources (title, URL, licence, credit) resolving to data/sources.yaml (details: tests/unit)."""
    assert data.startswith(BOM), data[:20]
    assert data == expected, "download differs from the table the app builds"
    header, *body = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(body) == rows and len({len(r) for r in [header, *body]}) == 1, "ragged CSV"
    df = pd.read_csv(io.BytesIO(data))
    assert list(df.columns) == header
    records = {(s.titles[lang], s.url, s.license_in(lang), s.credit) for s in sources().values()}
    for d in definitions():
        if column_labels(lang)[d.id] not in header:
            continue
        cited = df[[source_header(d.label(lang), 1, f, lang) for f in ("title", "url", "license", "credit")]]
        assert {tuple(r) for r in cited.itertuples(index=False)} <= records, d.id


def check_district_csv(data: bytes, lang: str) -> None:
    check_csv(data, csv_bytes(district_table(lang, [])), len(districts()) + 1, lang)
    df = pd.read_csv(io.BytesIO(data))
    assert set(df[column_labels(lang)["name"]]) == {d.name(lang) for d in districts()} | {t("whole_ward", lang)}
    for d in definitions():
        shown = [float(format_number(d.format, v.value).replace(",", "")) for v in district_values(d.id)]
        assert df[column_labels(lang)[d.id]].tolist() == shown, d.id  # rounded as the page shows it


def check_chome_csv(data: bytes, lang: str) -> None:
    check_csv(data, csv_bytes(chome_table(lang, [])), len(chome_list()), lang)


def check_geojson(data: bytes, lang: str) -> None:
    doc = json.loads(data)
    assert doc == json.loads(boundaries_geojson(lang, [])), "download differs from the GeoJSON the app builds"
    meta = doc["metadata"]
    assert sources()[BOUNDARY_SOURCE].credit in meta["credits"]
    assert [i["id"] for i in meta["indicators"]] == indicator_ids()
    for entry in meta["indicators"]:
        assert entry["sources"], entry["id"]
        for cited in entry["sources"]:
            record = sources()[cited["id"]]
            expected = (record.url, record.license_in(lang), record.credit)
            assert (cited["url"], cited["license"], cited["credit"]) == expected
            assert "reference_date" in cited
    assert len(doc["features"]) == len(districts()) + len(chome_list())


@pytest.mark.parametrize("lang", LANGS)
def test_compare_downloads_on_a_fresh_session(page: Page, base_url: str, app_server: Server, lang: str) -> None:
    since = len(app_server.log())
    main = page.locator(MAIN)
    csv_button = main.get_by_role("button", name=t("download_table_csv", lang))
    open_page(page, f"{base_url}/compare?lang={lang}", csv_button)

    name, data = receive(page, csv_button)
    assert name == f"minato-indicators-{lang}.csv"
    check_district_csv(data, lang)

    name, data = receive(page, main.get_by_role("button", name=t("download_chome_csv", lang, n=len(chome_list()))))
    assert name == f"minato-indicators-chome-{lang}.csv"
    check_chome_csv(data, lang)

    name, data = receive(page, main.get_by_role("button", name=t("download_geojson", lang)))
    assert name.endswith(".geojson")
    check_geojson(data, lang)
    assert new_server_errors(app_server, since) == []


@pytest.mark.parametrize("lang", LANGS)
def test_profile_chart_csvs_on_a_fresh_session(page: Page, base_url: str, app_server: Server, lang: str) -> None:
    since = len(app_server.log())
    charts = [cached_population_chart(DISTRICT, lang), cached_budget_chart(lang)]
    main = page.locator(MAIN)
    buttons = main.get_by_role("button", name=t("download_csv", lang))  # one under each chart card
    open_map_page(page, f"{base_url}/?district={DISTRICT}&lang={lang}", buttons.first)
    expect(buttons).to_have_count(len(charts))
    received: dict[str, bytes] = {}
    for i in range(len(charts)):
        name, data = receive(page, buttons.nth(i))
        received[name] = data
    expected = {f"minato-{c.key}-{lang}.csv": c.table for c in charts}
    assert set(received) == set(expected)
    for name, data in received.items():
        assert data.startswith(BOM), name
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        table = expected[name]
        assert list(df.columns) == [str(c) for c in table.columns] and len(df) == len(table), name
    assert new_server_errors(app_server, since) == []


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_files_on_a_fresh_session(page: Page, base_url: str, app_server: Server, lang: str) -> None:
    since = len(app_server.log())
    main = page.locator(MAIN)
    open_page(page, f"{base_url}/sources?lang={lang}", main.get_by_role("button", name=DOWNLOADS[0]))
    for rel in DOWNLOADS:
        name, data = receive(page, main.get_by_role("button", name=rel, exact=True))
        assert name == Path(rel).name
        assert data == (data_dir() / rel).read_bytes(), rel
    assert new_server_errors(app_server, since) == []
