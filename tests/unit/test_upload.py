"""Upload parser: every fixture in tests/unit/fixtures/upload/, plus generated edge cases; it must never raise."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from atlas.upload import MAX_BYTES, parse_number, parse_upload, texts
from geo.layers import chome_list

FIXTURES = Path(__file__).parent / "fixtures" / "upload"
SLUGS = ["shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"]
POPULATION = dict(zip(SLUGS, [44149.0, 61014.0, 38355.0, 65704.0, 60846.0], strict=True))


def parse(name: str):
    return parse_upload((FIXTURES / name).read_bytes(), name)


def key_code(name_ja: str) -> str:
    return next(c.key_code for c in chome_list() if c.name_ja == name_ja)


def test_good_district_utf8() -> None:
    r = parse("good_district_utf8.csv")
    assert r.ok and r.level == "district" and r.encoding == "utf-8"
    assert r.columns == ["population", "budget_oku_yen"]
    assert r.values["population"] == POPULATION  # 芝地区, Azabu, akasaka, 高輪, shibaura konan; "44,149"; full-width
    assert r.values["budget_oku_yen"] == {"shiba": 12.5, "azabu": -3.0, "akasaka": 0.5, "shibaura-konan": 7.0}
    assert texts(r.warnings) == ["Column 'budget_oku_yen': blank cells in row 5 are treated as missing."]


def test_good_district_sjis() -> None:
    assert (FIXTURES / "good_district_sjis.csv").read_bytes().startswith("地区".encode("cp932"))
    r = parse("good_district_sjis.csv")
    assert r.ok and r.level == "district" and r.encoding == "cp932"
    assert r.columns == ["人口"] and r.values["人口"] == POPULATION
    assert any("Shift_JIS" in w for w in texts(r.warnings))


def test_good_chome_bom() -> None:
    r = parse("good_chome_bom.csv")
    assert r.ok and r.level == "chome" and r.encoding == "utf-8-sig"
    assert r.key_column == "町丁目"  # the BOM is not part of the first header
    assert r.values["score"] == {
        key_code("六本木六丁目"): 1.5, key_code("六本木一丁目"): 2.5, key_code("芝五丁目"): 3.0,
        key_code("麻布狸穴町"): 4.0,
    }
    assert r.labels[key_code("六本木一丁目")] == "Roppongi 1-chome"


def test_key_code() -> None:
    r = parse("key_code.csv")
    assert r.ok and r.level == "chome"
    assert r.values["population"] == {"13103001001": 2024.0, "13103001002": 3573.0, "13103001003": 3628.0}


def test_nine_digit_key_codes_and_excel_floats() -> None:
    r = parse_upload(f"code,v\n{key_code('麻布永坂町')},1\n13103001001.0,2\n".encode(), "k.csv")
    assert r.ok and r.values["v"] == {key_code("麻布永坂町"): 1.0, "13103001001": 2.0}


def test_wrong_encoding() -> None:
    r = parse("wrong_encoding.bin")
    assert not r.ok and r.columns == [] and r.values == {}
    assert "UTF-16" in texts(r.errors)[0]


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_rejected_without_raising(seed: int) -> None:
    data = random.Random(seed).randbytes(2000)
    r = parse_upload(data, "noise.csv")
    assert not r.ok and "not text in UTF-8 or Shift_JIS" in texts(r.errors)[0]


def test_utf16_without_bom_is_rejected() -> None:
    r = parse_upload("地区,人口\n芝,1\n".encode("utf-16-le"), "x.csv")
    assert not r.ok and "not text" in texts(r.errors)[0]


def test_no_header() -> None:
    r = parse("no_header.csv")
    assert texts(r.errors) == [
        "Row 1 looks like data, not a header: the first row must name the columns (e.g. 'district,population')."]


@pytest.mark.parametrize("header", ["1,2", "district,100", "13103001001,x", "ward"])
def test_header_that_is_not_text_or_too_narrow(header: str) -> None:
    r = parse_upload(f"{header}\n芝,1\n".encode(), "x.csv")
    assert not r.ok and texts(r.errors)[0].startswith("Row 1")


def test_years_are_accepted_as_column_names() -> None:
    r = parse_upload("地区,2020,2025年\n芝,1,2\n".encode(), "x.csv")
    assert r.ok and r.columns == ["2020", "2025年"]


def test_unknown_names() -> None:
    r = parse("unknown_names.csv")
    assert texts(r.errors) == ["Unknown districts or chome in the first column: row 3 'Atlantis', row 5 '新宿'."]


def test_ambiguous_town_names_ask_for_one_chome() -> None:
    r = parse_upload("town,v\n六本木,1\n芝浦,2\n".encode(), "x.csv")
    assert texts(r.errors) == ["These names match several chome; name one chome (e.g. 六本木六丁目): "
                        "row 2 '六本木' (7 chome), row 3 '芝浦' (4 chome)."]


def test_duplicate_keys() -> None:
    r = parse("duplicate_keys.csv")  # 六本木六丁目 and 六本木6丁目
    assert texts(r.errors) == ["Duplicate key: rows 2, 3 name the same area ('六本木六丁目')."]


def test_duplicate_districts_in_different_spellings() -> None:
    r = parse_upload("d,v\n芝,1\nShiba District,2\nshiba,3\n".encode(), "x.csv")
    assert texts(r.errors) == ["Duplicate key: rows 2, 3, 4 name the same area ('芝')."]


def test_mixing_districts_and_chome() -> None:
    r = parse_upload("key,v\n芝,1\n六本木六丁目,2\n麻布,3\n".encode(), "x.csv")
    assert texts(r.errors) == ["Districts (rows 2, 4) and chome (row 3) are mixed; upload one level per file."]


def test_non_numeric() -> None:
    r = parse("non_numeric.csv")
    assert texts(r.errors) == ["Column 'value' has values that are not numbers: row 3 'abc'."]
    assert r.values == {} and r.columns == []


def test_empty() -> None:
    assert texts(parse("empty.csv").errors) == ["The file is empty."]
    for blank in (b"\n\n", b"\xef\xbb\xbf", b" \r\n\t"):
        assert texts(parse_upload(blank, "x.csv").errors) == ["The file is empty."]


def test_too_big() -> None:
    header = b"district,value\n"
    data = header + b"x" * (MAX_BYTES + 1 - len(header))
    r = parse_upload(data, "big.csv")
    assert texts(r.errors) == [f"The file is {MAX_BYTES + 1:,} bytes; the limit is 1 MB ({MAX_BYTES:,} bytes)."]
    body = b"d,v\nshiba,1\n"
    assert parse_upload(body + b"\n" * (MAX_BYTES - len(body)), "ok.csv").ok  # exactly at the limit


def test_html_cells_stay_plain_text() -> None:
    r = parse("html_cells.csv")
    assert r.ok and r.columns == ["<script>alert(1)</script>"]
    assert r.values["<script>alert(1)</script>"] == {"shiba": 100.0, "azabu": 200.0}
    assert texts(r.warnings) == ["Column 'note' has no numeric values and is left out."]  # holds <b>x</b>, <i>y</i>


def test_html_in_a_value_cell_is_quoted_verbatim_in_the_error() -> None:
    r = parse_upload("d,<img src=x onerror=alert(1)>\n芝,1\n麻布,<b>x</b>\n".encode(), "x.csv")
    assert texts(r.errors) == [
        "Column '<img src=x onerror=alert(1)>' has values that are not numbers: row 3 '<b>x</b>'."]


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1,234", 1234.0), ("１，２３４", 1234.0), ("-5", -5.0), ("▲5", -5.0), ("−2.5", -2.5), (" 7 ", 7.0),
     ("1.5e3", 1500.0), ("1,23", None), ("12%", None), ("nan", None), ("inf", None), ("1e999", None), ("", None),
     ("=1+1", None)],
)
def test_parse_number(cell: str, value: float | None) -> None:
    assert parse_number(cell) == value


def test_district_spellings() -> None:
    keys = ["芝", "麻布地区", "Akasaka", "TAKANAWA district", "Shibaura-Kōnan"]
    r = parse_upload(("d,v\n" + "".join(f"{k},{i}\n" for i, k in enumerate(keys))).encode(), "x.csv")
    assert r.ok and r.values["v"] == {slug: float(i) for i, slug in enumerate(SLUGS)}
    for spelling in ("shibaura konan", "shibaura-konan", "芝浦港南", "芝浦港南地区"):
        assert parse_upload(f"d,v\n{spelling},1\n".encode(), "x.csv").values == {"v": {"shibaura-konan": 1.0}}


def test_ward_total_rows_are_ignored_with_a_warning() -> None:
    r = parse_upload("d,v\n芝,1\n港区計,9\nMinato City,9\n".encode(), "x.csv")
    assert r.ok and r.values == {"v": {"shiba": 1.0}}
    assert texts(r.warnings) == ["Ward total rows are ignored: row 3 '港区計', row 4 'Minato City'."]


def test_whitespace_is_stripped_and_tabs_are_read() -> None:
    r = parse_upload(" district \t value \n 芝 \t 1 \n".encode(), "x.tsv")
    assert r.ok and r.key_column == "district" and r.values == {"value": {"shiba": 1.0}}


def test_header_problems_name_the_column() -> None:
    assert texts(parse_upload("d,v,,w\n芝,1,2,3\n".encode(), "x.csv").errors) == [
        "Row 1 (header): column 3 has no name."]
    assert texts(parse_upload("d,v,v\n芝,1,2\n".encode(), "x.csv").errors) == [
        "Row 1 (header): column 3 'v' repeats column 2."]


def test_extra_cells_and_missing_keys_name_the_row() -> None:
    r = parse_upload("d,v\n芝,1,9\n,2\n".encode(), "x.csv")
    assert texts(r.errors) == ["The first column (key) is empty in row 3."]
    r = parse_upload("d,v\n芝,1,9\n".encode(), "x.csv")
    assert texts(r.errors) == ["Row 2 has 3 cells but the header has 2."]


def test_trailing_empty_cells_from_spreadsheets_are_fine() -> None:
    r = parse_upload("d,v,,\n芝,1,,\n麻布,2\n".encode(), "x.csv")
    assert r.ok and r.values == {"v": {"shiba": 1.0, "azabu": 2.0}}


def test_a_file_with_only_text_columns_is_rejected() -> None:
    r = parse_upload("d,note\n芝,good\n".encode(), "x.csv")
    assert texts(r.errors) == ["No column holds numbers: every column after the first must hold numeric values."]


@pytest.mark.parametrize(
    "data",
    [b"\x00", b'"', b'd,v\n"unterminated,1\n', b"d,v\n" + b'"' + b"x" * 200_000 + b'",1\n', b"\r\r\r",
     b"d," * 100_000, b"\xef\xbb\xbf,\n,\n", "d,v\n芝,１e９９９\n".encode(), b"d,v\n\xff\xfe\n"],
)
def test_never_raises(data: bytes) -> None:
    r = parse_upload(data, "x.csv")
    assert isinstance(r.errors, list) and isinstance(r.warnings, list)
    assert not any("could not be read" in e for e in texts(r.errors))  # handled, not a caught crash


def test_wrong_argument_types_do_not_raise() -> None:
    assert texts(parse_upload(None, None).errors) == ["No file content was received."]  # type: ignore[arg-type]
    assert parse_upload(bytearray("d,v\n芝,1\n".encode()), "x.csv").values == {"v": {"shiba": 1.0}}
