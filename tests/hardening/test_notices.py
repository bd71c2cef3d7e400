"""Notices about URL values (issue 22): the echoed value cannot reorder or hide the app's sentence (bidirectional
and zero-width characters dropped), a NUL is shown as such, and a value repeated 998 times makes one notice."""

from __future__ import annotations

import unicodedata

import pytest
from hardening_app import open_page

from atlas.i18n import t
from atlas.state import read_view
from components.markdown import plain_echo, tm

INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b",
             "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def warnings_of(at) -> list[str]:  # noqa: ANN001 - an AppTest
    return [str(w.value) for w in at.warning]


@pytest.mark.parametrize("char", INVISIBLE)
def test_format_characters_are_dropped_from_echoed_values(char: str) -> None:
    assert plain_echo(f"ev{char}il") == "evil"


def test_a_right_to_left_override_cannot_reverse_the_apps_sentence() -> None:
    at = open_page("map", {"district": ["\u202eubaza"], "lang": ["en"]})
    (warning,) = warnings_of(at)
    assert warning == tm("unknown_district", "en", value="ubaza")
    assert not any(unicodedata.category(c) == "Cf" and c != "\u2060" for c in warning)  # U+2060: md_escape's own


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_a_nul_is_shown_as_such(lang: str) -> None:
    at = open_page("map", {"district": ["azabu\x00"], "lang": [lang]})
    (warning,) = warnings_of(at)
    assert warning == tm("unknown_district", lang, value="azabu\u2400")  # ␀: the value is not "azabu"


def test_998_repeated_values_make_one_notice_of_each_kind() -> None:
    langs = ["en"] + ["en"] * 500 + [f"x{i}" for i in range(497)]
    assert len(read_view({"lang": langs}).notices) == 997
    at = open_page("sources", {"lang": langs})
    shown = warnings_of(at)
    assert shown == [tm("param_repeated", "en", value="lang=en") + " " + tm("notices_more", "en", n=499),
                     tm("unknown_lang", "en", value="x0") + " " + tm("notices_more", "en", n=496)]
    assert t("notices_more", "ja", n=3) != t("notices_more", "en", n=3)
