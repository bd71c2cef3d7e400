"""Data and UI texts are plain text: spaces collapsed on load, control characters and markup refused with a message
naming the file and key (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.checks import load_all
from atlas.districts import district_by_id
from atlas.i18n import t
from components.page_meta import document_title
from geo.datafile import DataFileError
from geo.plain_text import excerpt, plain_text


@pytest.mark.parametrize(("raw", "clean"), [
    ("a  b", "a b"), ("a\tb", "a b"), ("a \t  b", "a b"), ("段落一\n\n段落二", "段落一\n\n段落二"),
    ("< 5 km", "< 5 km"), ("make x SOURCE=<the page's address>", "make x SOURCE=<the page's address>"),
    ("Tom & Jerry", "Tom & Jerry"), ("　全角　", "　全角　"),
])
def test_plain_text_collapses_spaces_and_keeps_the_rest(raw: str, clean: str) -> None:
    assert plain_text(raw) == clean


@pytest.mark.parametrize("bad", [
    "a\x00b", "a\x07b", "a\rb", "a\x1bb", "a\x85b", "a\u202eb", "a\u200bb", "a\u2066b", "a\ufeffb",
])
def test_control_characters_are_refused_by_code_point(bad: str) -> None:
    with pytest.raises(ValueError, match=r"control character U\+[0-9A-F]{4} at position 2"):
        plain_text(bad)


@pytest.mark.parametrize("bad", ["<b>x</b>", "x</div>", "<img src=x onerror=alert(1)>", "<br/>", "<!-- x",
                                 "&amp;", "&#60;", "&#x3C;"])
def test_markup_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="holds markup"):
        plain_text(bad)


def test_excerpt_is_short() -> None:
    assert len(excerpt("x" * 10_000)) <= 82 and excerpt("ok") == "'ok'"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_spaces_in_data_are_collapsed_where_the_app_reads_them(data_copy: Path) -> None:
    title = t("app_title", "en")
    _edit(data_copy / "i18n" / "en.yaml", f"app_title: {title}", "app_title: " + title.replace(" ", "   "))
    _edit(data_copy / "districts.yaml", "en: Azabu,", "en: Azabu   Hills,")
    load_all()
    assert t("app_title", "en") == title
    assert district_by_id("azabu").name("en") == "Azabu Hills"
    assert "  " not in document_title("Map", "azabu", "en")


@pytest.mark.parametrize(("file", "old", "new", "expect"), [
    ("i18n/en.yaml", "whole_ward: ", "whole_ward: <b>x</b> ", "data/i18n/en.yaml: whole_ward holds markup '<b>'"),
    ("i18n/ja.yaml", "app_title: ", "app_title: \u202e", "data/i18n/ja.yaml: app_title holds the control character "
                                                          "U+202E"),
    ("districts.yaml", "en: Azabu,", "en: \"Azabu\\a\",", "data/districts.yaml, district 2: name.en holds the control "
                                                          "character U+0007"),
    ("content/plan.yaml", "    en: ", "    en: <i>x</i> ", "data/content/plan.yaml, ward."),
    ("places/places.csv", ",東京タワー,", ",東京<b>タワー</b>,",
     "data/places/places.csv, row 44: name_ja holds markup '<b>'"),
])
def test_control_characters_and_markup_stop_the_app_naming_file_and_key(
        data_copy: Path, file: str, old: str, new: str, expect: str) -> None:
    _edit(data_copy / file, old, new)
    with pytest.raises(DataFileError) as err:
        load_all()
    assert str(err.value).startswith(expect), str(err.value)
