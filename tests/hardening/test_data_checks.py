"""Broken data files: each gives one clear message at start-up, naming the data-relative file and the row/field,
in the view's language (?lang=), never a traceback or the server's absolute path; plus the i18n placeholder check
and the settings that keep tracebacks and upload sizes honest."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hardening_app import open_page
from hardening_cases import FILES, MUTATIONS, Mutation

from atlas.checks import error_message, load_all
from atlas.i18n import LANGS, t
from atlas.schemas.catalog import Call, check_catalogs, code_calls, placeholders
from atlas.schemas.common import is_mathtext
from atlas.upload import MAX_BYTES, MAX_UPLOAD_MB
from components.markdown import md_escape
from geo.datafile import DataFileError
from geo.paths import DATA_DIR, ROOT


def test_the_committed_data_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINATO_DATA_DIR", raising=False)
    load_all()


def test_every_data_file_is_covered_by_a_mutation() -> None:
    on_disk = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    assert on_disk == set(FILES), "a data file is not checked at start-up (add it to FILES and to atlas/checks.py)"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_a_broken_file_gives_one_clear_message(data_copy: Path, mutation: Mutation) -> None:
    mutation.edit(data_copy / mutation.file)
    with pytest.raises(DataFileError) as err:
        load_all()
    message = str(err.value)
    assert message.startswith(f"data/{mutation.file}"), message
    assert mutation.expect in message, message
    assert str(data_copy.parent) not in message and str(ROOT) not in message, "an absolute path in the message"
    assert "Traceback" not in message and "\n" not in message


@pytest.mark.parametrize("mutation", MUTATIONS[::4], ids=[m.name for m in MUTATIONS[::4]])
def test_the_browser_sees_only_that_message_in_its_language(data_copy: Path, mutation: Mutation) -> None:
    lang = LANGS[MUTATIONS.index(mutation) % len(LANGS)]
    mutation.edit(data_copy / mutation.file)
    with pytest.raises(DataFileError) as err:
        load_all()
    at = open_page("map", {"lang": ["xx", lang]})  # the first valid ?lang= value, read before any data
    assert not at.exception
    assert [e.value for e in at.error] == [md_escape(error_message(err.value, lang))]
    assert len(at.main.children) == 1, "the app went on after the data error"


@pytest.mark.parametrize("lang", LANGS)
def test_start_up_error_follows_the_url_language(data_copy: Path, lang: str) -> None:
    (data_copy / "indicators.yaml").unlink()
    at = open_page("compare", {"lang": lang})
    prefix = t("data_error", lang, detail="")
    assert at.error[0].value.startswith(md_escape(prefix)) and "data/indicators.yaml" in at.error[0].value


def test_a_broken_catalog_still_gives_a_message_in_the_view_language(data_copy: Path) -> None:
    (data_copy / "i18n" / "zh.yaml").write_text("whole_ward: [", encoding="utf-8")
    at = open_page("map", {"lang": "zh"})
    assert not at.exception
    assert at.error[0].value.startswith("由于数据文件缺失或损坏") and "data/i18n/zh.yaml" in at.error[0].value


def test_placeholders_parse_names_and_reject_stray_braces() -> None:
    assert placeholders("{a} and {{b}} of {c}") == {"a", "c"}
    for bad in ("{", "}", "{0}", "{a.b}", "{a!r}", "{a:>3}", "{}"):
        with pytest.raises(ValueError):
            placeholders(bad)
    assert is_mathtext("$x$") and not is_mathtext("US$ 5") and not is_mathtext(r"\$5 \$6")


def test_code_calls_are_found_with_their_keyword_names() -> None:
    calls = {(c.key, c.names) for c in code_calls() if not c.prefix}
    assert ("source_label", frozenset({"title", "publisher", "date"})) in calls
    assert ("upload_e_too_big", frozenset({"size", "mb", "limit"})) in calls  # Msg("key", ...) counts too
    assert any(c.prefix and c.key == "level_" for c in code_calls())


def test_check_catalogs_names_the_file_key_and_call() -> None:
    files = {lang: f"data/i18n/{lang}.yaml" for lang in LANGS}
    good = {lang: {"k": "{a} x"} for lang in LANGS}
    check_catalogs(good, files, [Call("k", frozenset({"a", "b"}), "x.py:1")])
    with pytest.raises(DataFileError, match=r"^data/i18n/en.yaml, k: placeholder \{a\} is not given by the code "
                                             r"\(x.py:3 gives \{b\}\)$"):
        check_catalogs(good, files, [Call("k", frozenset({"b"}), "x.py:3")])
    with pytest.raises(DataFileError, match=r"^data/i18n/en.yaml: no key 'gone' \(used at y.py:2\)$"):
        check_catalogs(good, files, [Call("gone", frozenset(), "y.py:2")])
    odd = {**good, "zh": {"k": "x"}}
    with pytest.raises(DataFileError, match=r"^data/i18n/zh.yaml, k: placeholders none differ from \{a\}"):
        check_catalogs(odd, files, [])


def test_upload_limit_shown_by_the_widget_is_the_one_enforced() -> None:
    """Streamlit's limit lies above the app's, so the app's check and message are reached (issue 22; the rest in
    tests/hardening/test_upload_limit.py)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] > MAX_UPLOAD_MB
    assert MAX_BYTES == MAX_UPLOAD_MB * 1024 * 1024  # Streamlit counts a MB as 2**20 bytes


def test_no_error_details_reach_the_browser() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
