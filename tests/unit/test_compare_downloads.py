"""The compare page's CSV downloads (district and chome level): rounded as shown, every value column crediting its
sources from data/sources.yaml, one clean table for Excel and pandas; the GeoJSON credits the same sources."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from atlas.compare import upload_column, upload_views
from atlas.download_csv import SOURCE_FIELDS, chome_refs, chome_table, district_table, source_header
from atlas.downloads import boundaries_geojson
from atlas.i18n import LANGS, t
from atlas.indicators import (
    FORMULA_PREFIXES,
    area_name,
    areas,
    chome_values,
    column_labels,
    csv_bytes,
    definitions,
    district_values,
    format_number,
    source_date,
)
from atlas.sources import sources
from atlas.upload import parse_upload
from geo.layers import chome_list

BOM = "\ufeff".encode()
PARKS = "地区,公園の数\n芝,10\n麻布,12\n赤坂,8\n高輪,9\n芝浦港南,11\n".encode()
CHOME_INDICATORS = [d for d in definitions() if "chome" in d.levels]


def rows_of(raw: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and body as the csv module reads the bytes (BOM stripped as Excel does)."""
    header, *body = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return header, body


def check_one_clean_table(raw: bytes, rows: int) -> pd.DataFrame:
    """A BOM, one header row, the same number of cells on every row, unique headers; pandas reads it as is."""
    assert raw.startswith(BOM)
    header, body = rows_of(raw)
    assert len(body) == rows
    assert {len(r) for r in body} == {len(header)}, "ragged rows"
    assert len(set(header)) == len(header), "duplicate headers (pandas would rename them)"
    df = pd.read_csv(io.BytesIO(raw))  # no special arguments
    assert list(df.columns) == header and len(df) == rows  # the BOM did not stick to the first header
    return df


def shown(fmt: str, value: float | None) -> float | None:
    text = format_number(fmt, value)
    return None if text == "—" else float(text.replace(",", ""))


def expected_date(ref: tuple, lang: str) -> str:
    day = source_date(ref)
    src = sources()[ref[0]]
    return day.isoformat() if day else src.undated_text(lang, iso=True)


def check_credits(df: pd.DataFrame, label: str, refs_per_row: list[tuple], lang: str) -> None:
    """The source columns of ``label`` hold, row by row, each source's title, URL, licence, credit and date."""
    slots = max(len(r) for r in refs_per_row)
    assert slots >= 1, label
    assert source_header(label, slots + 1, "title", lang) not in df.columns
    for n in range(1, slots + 1):
        columns = {f: df[source_header(label, n, f, lang)].fillna("").tolist() for f in SOURCE_FIELDS}
        for i, refs in enumerate(refs_per_row):
            if len(refs) < n:
                assert all(columns[f][i] == "" for f in SOURCE_FIELDS), (label, n, i)
                continue
            src = sources()[refs[n - 1][0]]  # resolves to data/sources.yaml
            cells = {f: columns[f][i] for f in SOURCE_FIELDS}
            assert cells == {"title": src.titles[lang], "url": src.url, "license": src.license_in(lang),
                             "credit": src.credit, "date": expected_date(refs[n - 1], lang)}, (label, n, i)
            assert all(cells[f] for f in ("title", "url", "license", "credit")), (label, n, i)


def value_columns(header: list[str], lang: str) -> list[str]:
    """The registry's value columns present in a CSV header."""
    labels = column_labels(lang)
    return [labels[d.id] for d in definitions() if labels[d.id] in header]


@pytest.mark.parametrize("lang", LANGS)
def test_district_csv_rounds_as_shown_and_credits_every_value(lang: str) -> None:
    df = check_one_clean_table(csv_bytes(district_table(lang, [])), len(areas()))
    labels = column_labels(lang)
    assert df[labels["area"]].tolist() == list(areas())
    assert df[labels["name"]].tolist() == [area_name(a, lang) for a in areas()]
    assert value_columns(list(df.columns), lang) == [labels[d.id] for d in definitions()]
    for d in definitions():
        values = district_values(d.id)
        assert df[labels[d.id]].tolist() == [shown(d.format, v.value) for v in values], d.id
        if d.digits == 0:
            assert pd.api.types.is_integer_dtype(df[labels[d.id]]), d.id  # 44149, not 44149.0
        check_credits(df, d.label(lang), [v.refs for v in values], lang)
        if any(v.base_date for v in values):
            period = df[t("column_period", lang, label=d.label(lang))].tolist()
            assert period == [f"{v.base_date.isoformat()} → {v.as_of.isoformat()}" for v in values], d.id


@pytest.mark.parametrize("lang", LANGS)
def test_chome_csv_has_the_117_land_chome_and_credits_every_value(lang: str) -> None:
    chome = chome_list()
    df = check_one_clean_table(csv_bytes(chome_table(lang, [])), len(chome))
    assert len(df) == 117 == len(chome)
    assert df[t("column_chome_code", lang)].astype(str).tolist() == [c.key_code for c in chome]
    assert df[t("column_chome", lang)].tolist() == [c.name(lang) for c in chome]
    assert df[column_labels(lang)["name"]].tolist() == [area_name(c.district, lang) for c in chome]
    labels = column_labels(lang)
    assert value_columns(list(df.columns), lang) == [labels[d.id] for d in CHOME_INDICATORS]
    for d in CHOME_INDICATORS:
        values = chome_values(d.id)
        assert df[labels[d.id]].tolist() == [shown(d.format, values.get(c.key_code)) for c in chome], d.id
        check_credits(df, d.label(lang), [chome_refs(d.id)] * len(chome), lang)
    estat = sources()["estat-boundaries-2020"].credit
    assert (df[source_header(CHOME_INDICATORS[0].label(lang), 1, "credit", lang)] == estat).all()


@pytest.mark.parametrize("lang", LANGS)
def test_source_headers_are_in_the_views_language(lang: str) -> None:
    def words(code: str) -> set[str]:
        return {t(f"column_source_{f}", code, label="", n=1) for f in SOURCE_FIELDS}

    others = set().union(*(words(o) for o in LANGS if o != lang)) - words(lang)
    for table in (district_table(lang, []), chome_table(lang, [])):
        assert not [h for h in table.columns for other in others if other in h]
        assert any(w in h for h in table.columns for w in words(lang))


def test_csv_module_and_pandas_read_the_same_cells() -> None:
    raw = csv_bytes(chome_table("ja", []))
    header, body = rows_of(raw)
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    assert df.values.tolist() == body and list(df.columns) == header


def test_uploaded_columns_join_their_level_credited_as_the_users_own() -> None:
    (district_view,) = upload_views(parse_upload(PARKS, "parks.csv"), "en")
    chome = chome_list()[0]
    (chome_view,) = upload_views(parse_upload(f"町丁目,値\n{chome.name_ja},42\n".encode(), "x.csv"), "en")
    district_df = district_table("en", [district_view, chome_view])
    label = upload_column(district_view, "en")
    assert district_df[label].tolist()[:5] == [10, 12, 8, 9, 11]
    assert set(district_df[source_header(label, 1, "title", "en")]) == {t("uploaded_label", "en")}
    assert upload_column(chome_view, "en") not in district_df.columns
    chome_df = chome_table("en", [district_view, chome_view])
    assert chome_df[upload_column(chome_view, "en")].tolist()[0] == 42
    assert upload_column(district_view, "en") not in chome_df.columns
    check_one_clean_table(csv_bytes(chome_df), len(chome_list()))


def test_formulas_stay_neutralised() -> None:
    """An uploaded header or a cell a spreadsheet would run gets a leading quote; negative numbers stay numbers."""
    data = "地区,=HYPERLINK(\"http://x\")\n芝,-1\n麻布,2\n赤坂,3\n高輪,4\n芝浦港南,5\n".encode()
    views = upload_views(parse_upload(data, "evil.csv"), "en")
    raw = csv_bytes(district_table("en", views))
    header, body = rows_of(raw)
    for cell in [*header, *(c for row in body for c in row)]:
        if cell.startswith(FORMULA_PREFIXES):
            float(cell)  # only numbers may start with "-" or "+"
    assert any(h.startswith("'=HYPERLINK") for h in header)
    assert float(body[0][header.index(next(h for h in header if h.startswith("'=HYPERLINK")))]) == -1


def credit_cells(table: pd.DataFrame, lang: str) -> set[str]:
    """Every credit line a CSV table carries."""
    out: set[str] = set()
    for d in definitions():
        n = 1
        while (column := source_header(d.label(lang), n, "credit", lang)) in table.columns:
            out |= {c for c in table[column] if c}
            n += 1
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_geojson_credits_every_source_the_csvs_cite(lang: str) -> None:
    doc = json.loads(boundaries_geojson(lang, []))
    meta = doc["metadata"]
    cited = credit_cells(district_table(lang, []), lang) | credit_cells(chome_table(lang, []), lang)
    assert sources()["estat-boundaries-2020"].credit in cited
    assert cited <= set(meta["credits"])
    assert meta["boundaries"]["credit"] == sources()["estat-boundaries-2020"].credit
    for entry in meta["indicators"]:
        assert entry["sources"], entry["id"]
        for record in entry["sources"]:
            src = sources()[record["id"]]
            assert (record["title"], record["url"], record["license"], record["credit"]) == (
                src.titles[lang], src.url, src.license_in(lang), src.credit)
