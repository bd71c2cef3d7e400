"""Hostile inputs shared by the hardening tests and tests/bench/audit_hardening.py (issue 11, uploads of 12).

Three families: URL query strings (payloads per parameter and page), uploaded files (the 33 cases of the issue)
and broken data files (mutations of a copy of ``data/``). Nothing here imports the app, so the audit can run the
same cases against an older checkout.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAGES = {"map": None, "plan": "app_pages/plan.py", "compare": "app_pages/compare.py",
         "present": "app_pages/present.py", "sources": "app_pages/sources.py"}
PARAMS = ("district", "lang", "slide", "indicator")

# --- URLs --------------------------------------------------------------------------------------------------------

URL_PAYLOADS = (
    "![x](https://example.org/p.png)", "[click](https://example.org/)", "https://example.org/x",
    "www.example.org", "user@example.org", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
    ":material/home:", "$x^2$", ":red[alert]", "**bold** _it_", "# heading", "line\n- item\n\n![x](https://example.org/p.png)",
    "²", "③", "٣", "9" * 5000, "-1", "0", "1e3", " 2 ", "\x00", "%3Cb%3E", "azabu\u200b", "ＡＺＡＢＵ", "x" * 300,
)
INJECTED = (
    re.compile(r"!\["),  # a Markdown image (escaped it reads \!\[)
    re.compile(r"(?<!\\)\]\((?:https?://)?(?:www\.)?example\.org"),  # a Markdown link to the payload's host
    re.compile(r"https?://example\.org"), re.compile(r"(?i)www\.example\.org"), re.compile(r"\w@example\.org"),
    re.compile(r"(?<!\\)<(?:img|script|a)\b", re.I), re.compile(r":material/"), re.compile(r"(?<!\\)\$x\^2(?<!\\)\$"),
    re.compile(r":red(?<!\\)\["), re.compile(r"(?<!\\)\*\*bold(?<!\\)\*\*"), re.compile(r"(?m)^\s*- item"),
)
MARKDOWN_ELEMENTS = ("markdown", "caption", "warning", "error", "info", "success", "title", "header", "subheader")


def injected(body: str) -> list[str]:
    """The patterns of :data:`INJECTED` found in a Markdown body (each would become an element or a link)."""
    return [p.pattern for p in INJECTED if p.search(body)]


def url_cases() -> list[tuple[str, dict[str, list[str]]]]:
    """(page, query) pairs: every payload in every parameter on a rotating page, and repeated values."""
    out = []
    pages = list(PAGES)
    for i, payload in enumerate(URL_PAYLOADS):
        for j, param in enumerate(PARAMS):
            out.append((pages[(i + j) % len(pages)], {param: [payload]}))
    out += [
        ("map", {"district": ["nowhere", "azabu"]}), ("map", {"district": ["azabu", "shiba"], "lang": ["en", "zh"]}),
        ("present", {"slide": ["③", "2"], "district": ["shiba"]}), ("compare", {"indicator": ["density", "x y"]}),
        ("sources", {"lang": ["xx", "zh", "en"]}), ("plan", {"district": ["![x](https://example.org/p.png)"] * 3}),
    ]
    return out


# --- uploads -----------------------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@dataclass(frozen=True)
class Upload:
    """An uploaded file and what must come of it: ``ok`` (usable) or the first error's i18n key."""

    name: str
    filename: str
    data: Callable[[], bytes]
    expect: str  # "ok" or an upload_e_* key


def _u(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


UPLOADS = (
    Upload("empty", "e.csv", lambda: b"", "upload_e_empty"),
    Upload("blank_lines", "b.csv", lambda: b" \r\n\t\n", "upload_e_empty"),
    Upload("bom_only", "b.csv", lambda: b"\xef\xbb\xbf", "upload_e_empty"),
    Upload("header_only", "h.csv", _u("district,population\n"), "upload_e_no_rows"),
    Upload("utf16_bom", "u.csv", lambda: "地区,人口\n芝,1\n".encode("utf-16"), "upload_e_utf16"),
    Upload("utf16_no_bom", "u.csv", _u("地区,人口\n芝,1\n", "utf-16-le"), "upload_e_not_text"),
    Upload("png_renamed", "photo.csv", lambda: PNG + bytes(range(256)) * 4, "upload_e_not_text"),
    Upload("rows_200k", "big.csv", lambda: b"district,v\n" + b"shiba,1\n" * 200_000, "upload_e_too_big"),
    Upload("rows_6k_small", "many.csv", lambda: b"d,v\n" + b"x,1\n" * 6_000, "upload_e_too_many_rows"),
    Upload("over_1mb", "big.csv", lambda: b"d,v\n" + b"x" * (1024 * 1024), "upload_e_too_big"),
    Upload("duplicate_keys", "d.csv", _u("d,v\n芝,1\nShiba,2\n"), "upload_e_duplicate"),
    Upload("unknown_keys", "u.csv", _u("d,v\nAtlantis,1\n芝,2\n"), "upload_e_unknown"),
    Upload("ambiguous_town", "a.csv", _u("d,v\n六本木,1\n"), "upload_e_ambiguous"),
    Upload("formula_values", "f.csv", _u("d,v\n芝,=1+1\n麻布,=HYPERLINK(\"https://example.org\")\n赤坂,3\n"),
           "upload_e_not_numbers"),
    Upload("formula_header", "f.csv", _u("d,=cmd|' /C calc'!A0\n芝,1\n麻布,2\n"), "ok"),
    Upload("html_header", "h.csv", _u("d,<img src=x onerror=alert(1)>\n芝,1\n麻布,<b>x</b>\n"), "upload_e_not_numbers"),
    Upload("html_ok", "h.csv", _u("d,<script>alert(1)</script>\n芝,1\n麻布,2\n"), "ok"),
    Upload("markdown_header", "m.csv", _u("d,![x](https://example.org/p.png) www.example.org\n芝,1\n麻布,2\n"), "ok"),
    Upload("header_5000", "long.csv", _u("d," + "長" * 5000 + "\n芝,1\n麻布,2\n"), "ok"),
    Upload("mixed_levels", "m.csv", _u("key,v\n芝,1\n六本木六丁目,2\n"), "upload_e_mixed"),
    Upload("tsv", "t.tsv", _u("district\tvalue\n芝\t1\n麻布\t2\n"), "ok"),
    Upload("semicolons", "s.csv", _u("district;value\n芝;1\n"), "upload_e_narrow"),
    Upload("shift_jis", "s.csv", _u("地区,人口\n芝,1\n麻布,2\n", "cp932"), "ok"),
    Upload("no_header", "n.csv", _u("芝,1\n麻布,2\n"), "upload_e_no_header"),
    Upload("unclosed_quote", "q.csv", _u('d,v\n"芝,1\n麻布,2\n'), "upload_e_unclosed_quote"),
    Upload("stray_quote", "q.csv", _u('d,v\n"芝"x,1\n'), "upload_e_csv_syntax"),
    Upload("variant_kanji", "v.csv", _u("d,v\n髙輪,1\n芝,2\n"), "ok"),
    Upload("nul_bytes", "n.csv", lambda: b"d,v\n\x00\x00,1\n", "upload_e_not_text"),
    Upload("columns_101", "w.csv", _u(",".join(["d", *(f"c{i}" for i in range(101))]) + "\n芝" + ",1" * 101 + "\n"),
           "upload_e_too_many_columns"),
    Upload("extra_cells", "x.csv", _u("d,v\n芝,1,9\n"), "upload_e_extra_cells"),
    Upload("text_only", "t.csv", _u("d,note\n芝,good\n"), "upload_e_no_numbers"),
    Upload("nan_inf", "n.csv", _u("d,v\n芝,nan\n麻布,inf\n赤坂,1\n"), "upload_e_not_numbers"),
    Upload("filename_markdown", "![x](https:__example.org_p.png).csv", _u("d,v\n芝,1\n"), "ok"),
)

# --- broken data files -------------------------------------------------------------------------------------------


def _replace(old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def _write(text: str | bytes) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return edit


def _header_only(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _one_row_per_area(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    keep, seen = [lines[0]], set()
    for line in lines[1:]:
        cells = line.split(",")
        if (cells[1], cells[2]) not in seen:
            seen.add((cells[1], cells[2]))
            keep.append(line)
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _delete(path: Path) -> None:
    path.unlink()


@dataclass(frozen=True)
class Mutation:
    """A broken copy of one data file and words its one message must hold (after the file's data path)."""

    name: str
    file: str  # relative to data/
    edit: Callable[[Path], None]
    expect: str


FILES = ("districts.yaml", "sources.yaml", "indicators.yaml", "content/plan.yaml", "i18n/ja.yaml", "i18n/en.yaml",
         "i18n/zh.yaml", "figures/population.csv", "figures/budget.csv", "figures/budget_notes.yaml",
         "figures/derivations.yaml", "names.yaml",
         "geo/districts.geojson", "geo/chome.geojson", "geo/ward_outline.geojson", "geo/offices.csv",
         "facilities/shelters.csv", "facilities/evacuation_sites.csv", "facilities/nurseries.csv",
         "places/places.csv", "facilities/office_contacts.csv")
POINT = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name_ja":"港区",'
         '"name_en":"Minato"},"geometry":{"type":"Point","coordinates":[139.75,35.65]}}]}')

MUTATIONS = (
    *(Mutation(f"missing:{f}", f, _delete, "file is missing") for f in FILES),
    Mutation("empty:population", "figures/population.csv", _write(""), "the file is empty"),
    Mutation("header_only:population", "figures/population.csv", _header_only, "no data rows"),
    Mutation("empty:budget", "figures/budget.csv", _write(""), "the file is empty"),
    Mutation("header_only:budget", "figures/budget.csv", _header_only, "no data rows"),
    Mutation("one_row_per_area", "figures/population.csv", _one_row_per_area, "at least 2 are needed"),
    Mutation("header_only:shelters", "facilities/shelters.csv", _header_only, "no data rows"),
    Mutation("header_only:nurseries", "facilities/nurseries.csv", _header_only, "no data rows"),
    Mutation("header_only:places", "places/places.csv", _header_only, "no data rows"),
    Mutation("place_outside", "places/places.csv", _replace("35.666195,139.758587", "35.600000,139.850000", 1),
             "row 2: point (35.6, 139.85) lies outside Minato's chome"),
    Mutation("place_unknown_source", "places/places.csv", _replace(",page-mita-tokyo-tower", ",no-such-source"),
             "row 44: unknown source 'no-such-source'"),
    Mutation("truncated:population", "figures/population.csv", _truncate, "row"),
    Mutation("truncated:chome", "geo/chome.geojson", _truncate, "not valid GeoJSON"),
    Mutation("truncated:indicators", "indicators.yaml", _truncate, "indicator"),
    Mutation("outline_point", "geo/ward_outline.geojson", _write(POINT),
             "feature 1: geometry type must be 'Polygon', 'MultiPolygon', not 'Point'"),
    Mutation("districts_point", "geo/districts.geojson", _replace('"type":"Polygon"', '"type":"Point"'),
             "feature 1: geometry"),
    Mutation("chome_no_district", "geo/chome.geojson", _replace('"district":"shiba",', '', 1),
             "missing field 'properties.district'"),
    Mutation("i18n_open_brace", "i18n/en.yaml", _replace("whole_ward: ", "whole_ward: ward {", 1), "stray brace"),
    Mutation("i18n_close_brace", "i18n/zh.yaml", _replace("whole_ward: ", 'whole_ward: "}"  # ', 1), "stray brace"),
    Mutation("i18n_mathtext", "i18n/ja.yaml", _replace("whole_ward: ", "whole_ward: $x$ ", 1), "holds $…$"),
    Mutation("i18n_number", "i18n/ja.yaml", _replace("whole_ward: 区全体（全地区）", "whole_ward: 12345"),
             "whole_ward must be text, not 12345"),
    Mutation("i18n_list", "i18n/en.yaml",
             _replace("whole_ward: ", "whole_ward: [a, b]  # ", 1), "whole_ward must be text"),
    Mutation("i18n_placeholder_typo", "i18n/ja.yaml",
             _replace("「{value}」は不明です。区全体", "「{vaule}」は不明です。区全体"),
             "unknown_district: placeholders {vaule} differ from {value} in data/i18n/en.yaml"),
    Mutation("i18n_placeholder_typo_en", "i18n/en.yaml", _replace("Source: {title}", "Source: {titel}"),
             "source_label: placeholder {titel} is not given by the code (atlas/sources.py:"),
    Mutation("i18n_placeholder_dropped", "i18n/zh.yaml", _replace("应用无法启动：{detail}", "应用无法启动"),
             "data_error: placeholders none differ from {detail}"),
    Mutation("i18n_positional", "i18n/en.yaml",
             _replace('km2: "{value} km²"', 'km2: "{0} km²"'), "must be a plain name"),
    Mutation("source_date_text", "sources.yaml", _replace("reference_date: 2020-10-01", "reference_date: 1 Oct 2020"),
             "source 1: reference_date must be a YYYY-MM-DD date"),
    Mutation("source_date_quoted", "sources.yaml",
             _replace("reference_date: 2020-10-01", 'reference_date: "2020-10-01"'),
             "source 1: reference_date must be a YYYY-MM-DD date"),
    Mutation("source_publisher_number", "sources.yaml", _replace("publisher: 総務省統計局 / e-Stat", "publisher: 42"),
             "source 1: publisher must be text, not 42"),
    Mutation("source_title_list", "sources.yaml",
             _replace("en: 2020 Census small-area (chome) boundary data, Minato City (r2ka13103)", "en: [a, b]"),
             "source 1: title.en must be text"),
    Mutation("source_misspelt_key", "sources.yaml",
             _replace("    credit: 出典：政府統計", "    credits: 出典：政府統計"),
             "source 1: missing field 'credit'"),
    Mutation("source_mathtext", "sources.yaml", _replace("publisher: 総務省統計局 / e-Stat", "publisher: $a$ b"),
             "holds $…$"),
    Mutation("district_colour", "districts.yaml", _replace('colour: "#56B4E9"', "colour: blue"),
             "district 2: colour 'blue' is not a #RRGGBB colour"),
    Mutation("district_area_text", "districts.yaml", _replace("official_area_km2: 4.45", "official_area_km2: lots"),
             "district 1: official_area_km2 must be a number"),
    Mutation("indicator_format", "indicators.yaml", _replace("format: decimal2", "format: thousands"),
             "format must be 'int'"),
    Mutation("indicator_unit_comma", "indicators.yaml",
             _replace('en: "per 10,000 residents", zh', "en: per 10,000 residents, zh"),
             "unit has unknown key(s) '000 residents'"),
    Mutation("indicator_unknown_source", "indicators.yaml",
             _replace("sources: [minato-population-2026]", "sources: [nope]"),
             "unknown source 'nope'"),
    Mutation("population_value_text", "figures/population.csv", _replace(",19816,", ",lots,"),
             "row 2: value must be a whole number, not 'lots'"),
    Mutation("population_date_text", "figures/population.csv", _replace("2020-10-01,akasaka,census_households",
                                                                         "1 Oct 2020,akasaka,census_households"),
             "row 2: date must be a YYYY-MM-DD date"),
    Mutation("population_derived_unknown", "figures/population.csv",
             _replace("sum over land chome", "sum over everything", 1),
             "row 2: derived 'sum over everything' matches no pattern in data/figures/derivations.yaml"),
    Mutation("derivation_placeholder", "figures/derivations.yaml", _replace("{date}の値から", "{day}の値から"),
             "derivation 1, text.ja: placeholder {day} is not in match"),
    Mutation("name_twice", "names.yaml", _replace("  - ja: 国土地理院\n", "  - ja: 港区\n"),
             "name 5: '港区' is given twice"),
    Mutation("budget_amount_text", "figures/budget.csv", _replace("1203.3", "much"),
             "row 2: amount_oku_yen must be a number, not 'much'"),
    Mutation("budget_note_no_zh", "figures/budget_notes.yaml",
             _replace("      zh: 含向震灾复兴基金的380亿日元储备\n", ""),
             "note 1: missing field 'text.zh'"),
    Mutation("shelter_lat_text", "facilities/shelters.csv", _replace("35.657226", "north"), "lat must be a number"),
    Mutation("nursery_category", "facilities/nurseries.csv",
             _replace("芝保育園,shiba,認可保育園", "芝保育園,shiba,幼稚園"),
             "category must be"),
    Mutation("office_lng_text", "geo/offices.csv", _replace("139.75163", "east"), "lng must be a number"),
    Mutation("office_phone_text", "facilities/office_contacts.csv", _replace("03-3578-3192", "call us"),
             "row 2: value: 'call us' is not a phone number"),
    Mutation("office_contact_unknown_office", "facilities/office_contacts.csv",
             _replace("芝地区総合支所,phone,03-3578-3192", "渋谷区役所,phone,03-3578-3192"),
             "row 2: office: '渋谷区役所' is not an office"),
    Mutation("office_contact_unknown_source", "facilities/office_contacts.csv",
             _replace("koho-minato-2007-06-01,2007-06-01", "nowhere,2007-06-01", 1), "source: no record 'nowhere'"),
    Mutation("plan_missing_en", "content/plan.yaml", _replace("    en: ", "    xx: ", 1), "unknown language(s) ['xx']"),
    Mutation("yaml_syntax", "districts.yaml", _replace("districts:", "districts: [", 1), "not valid YAML"),
    Mutation("csv_unclosed_quote", "geo/offices.csv", _replace(",港区役所,", ',"港区役所,'), "CSV syntax error"),
    Mutation("binary_yaml", "indicators.yaml", _write(b"\xff\xfe\x00garbage"), "not UTF-8 text"),
)
