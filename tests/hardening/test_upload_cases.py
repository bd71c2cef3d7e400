"""The 33 upload cases of issue 11 (parser and page), and the upload items of issue 12: messages in the view's
language, a failed file keeps the earlier good one, a short id in the URL, what is loaded shown after navigation,
CSV syntax errors named as such, variant kanji normalised."""

from __future__ import annotations

import pytest
from hardening_app import bodies, open_page
from hardening_cases import UPLOADS, Upload, injected
from streamlit.testing.v1 import AppTest

from atlas.i18n import LANGS, t
from atlas.upload import UPLOAD_PREFIX, column_id, parse_upload
from atlas.upload_keys import normalise
from components.markdown import md_echo, md_escape

GOOD = ("good.csv", "地区,人口\n芝,44149\n麻布,61014\n".encode())


@pytest.mark.parametrize("case", UPLOADS, ids=[u.name for u in UPLOADS])
def test_parser_case(case: Upload) -> None:
    result = parse_upload(case.data(), case.filename)
    if case.expect == "ok":
        assert result.ok, result.error_texts("en")
        assert result.columns and all(i.startswith(UPLOAD_PREFIX) and len(i) <= 20 for i in result.ids.values())
    else:
        assert [m.key for m in result.errors][:1] == [case.expect], result.error_texts("en")
        assert not result.columns and not result.values
    for lang in LANGS:  # every message can be worded in every language
        assert all(result.error_texts(lang)) and all(result.warning_texts(lang))
    if result.errors:
        assert result.error_texts("ja") != result.error_texts("en")


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, "text/csv"))
    return at.run()


def options(at: AppTest) -> list[str]:
    return list(at.selectbox(key="indicator").options)


def test_every_case_on_the_page_keeps_the_last_good_upload() -> None:
    at = open_page("compare", {"lang": "ja"})
    upload(at, *GOOD)
    baseline = options(at)
    assert len(baseline) == len(options(open_page("compare", {"lang": "ja"}))) + 1
    for case in UPLOADS:
        result = parse_upload(case.data(), case.filename)
        upload(at, case.filename, case.data())
        assert not at.exception, case.name
        assert not [b for b in bodies(at) if injected(b)], f"{case.name}: an element from the file"
        if case.expect == "ok":
            assert at.success and not at.error, case.name
            assert all(any(c[:30] in o for o in options(at)) for c in result.columns), case.name
            baseline = options(at)
            upload(at, *GOOD)  # back to the known good file for the next case
            baseline = options(at)
        else:
            assert at.error[0].value == t("upload_failed", "ja"), case.name
            listed = [m.value for m in at.markdown if m.value.startswith("- ")]
            assert listed == ["\n".join(f"- {md_escape(e)}" for e in result.error_texts("ja"))], case.name
            assert options(at) == baseline, f"{case.name}: the earlier upload was dropped"
            assert at.info[-1].value == t("upload_kept", "ja", name=md_echo(GOOD[0], 60))


def test_the_url_carries_a_short_id_not_the_header() -> None:
    header = "長" * 5000
    at = upload(open_page("compare", {"lang": "en"}), "long.csv", f"d,{header}\n芝,1\n麻布,2\n".encode())
    at.selectbox(key="indicator").set_value(column_id(header)).run()
    assert at.query_params["indicator"] == column_id(header)
    assert len(at.query_params["indicator"]) <= 20


def test_after_map_and_back_the_panel_names_what_is_loaded() -> None:
    at = upload(open_page("compare", {"lang": "en"}), *GOOD)
    at.switch_page("app_pages/map.py").run()
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    loaded = t("upload_loaded", "en", name=md_echo(GOOD[0], 60), n=1, level=t("level_district", "en"))
    assert loaded in [c.value for c in at.caption]
    assert any("人口" in o for o in options(at))
    at.button(key="upload_remove").click().run()
    assert loaded not in [c.value for c in at.caption] and not any("人口" in o for o in options(at))


def test_messages_follow_the_view_language() -> None:
    data = b'd,v\n"shiba,1\n'
    for lang in LANGS:
        at = upload(open_page("compare", {"lang": lang}), "q.csv", data)
        message = parse_upload(data, "q.csv").errors[0].text(lang)
        assert [m.value for m in at.markdown if m.value.startswith("- ")] == [f"- {md_escape(message)}"]
    assert "CSV syntax error" in parse_upload(data, "q.csv").error_texts("en")[0]
    assert "CSVの構文エラー" in parse_upload(data, "q.csv").error_texts("ja")[0]


@pytest.mark.parametrize(("written", "slug"), [("髙輪", "takanawa"), ("髙輪地区", "takanawa"), ("ＳＨＩＢＡ", "shiba")])
def test_variant_forms_are_normalised(written: str, slug: str) -> None:
    assert parse_upload(f"d,v\n{written},1\n".encode(), "v.csv").values == {"v": {slug: 1.0}}


def test_variant_chome_names_match() -> None:
    result = parse_upload("町丁目,v\n髙輪一丁目,1\n".encode(), "v.csv")
    assert result.ok and result.level == "chome", result.error_texts("en")
    assert normalise("﨑") == "崎"
