"""Hostile query strings on every page (AppTest): no exception, no element made from the input, one value each.

Fixed payloads (Markdown images and links, bare addresses, HTML, icons, formulas, Unicode digits, 5,000 digits)
go into all four parameters at once, on a rotating page; hypothesis adds generated strings, repeated values and
mixes of valid and invalid values (derandomized, so CI sees the same examples every run).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hardening_app import bodies, open_page
from hardening_cases import PAGES, PARAMS, URL_PAYLOADS, injected
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.i18n import LANGS, t
from atlas.indicators import indicator_ids
from atlas.slides import SLIDES
from atlas.state import INDICATOR
from components.markdown import plain_echo, tm

SLUGS = ("shiba", "azabu", "akasaka", "takanawa", "shibaura-konan")
VALID = {"district": SLUGS, "lang": LANGS, "slide": ("1", "3", "6"), "indicator": ("population", "density")}


def check(page: str, query: Mapping[str, Sequence[str]]) -> None:
    """The page ran, nothing in it came from the input as Markdown, and the URL keeps one sane value a key."""
    at = open_page(page, query)
    assert not at.exception, f"{page} {query}: exception"
    found = {b[:80]: injected(b) for b in bodies(at) if injected(b)}
    assert not found, f"{page} {query}: element from input {found}"
    params = at.query_params
    for key in PARAMS:
        value = params.get(key)
        assert not isinstance(value, list), f"{key} kept several values: {value}"
    assert params.get("district") in (None, *SLUGS)
    assert params.get("lang") in LANGS
    if "slide" in params and page == "present":
        assert params["slide"] in [str(n) for n in range(1, len(SLIDES) + 1)]
    if "indicator" in params:
        assert INDICATOR.match(params["indicator"]) and len(params["indicator"]) <= 60


@pytest.mark.parametrize("i", range(len(URL_PAYLOADS)))
def test_payload_in_every_parameter(i: int) -> None:
    payload = URL_PAYLOADS[i]
    check(list(PAGES)[i % len(PAGES)], {p: [payload] for p in PARAMS})


@pytest.mark.parametrize("value", ["²", "③", "٣", "9" * 5000, "1e3", "-1"])
def test_slide_accepts_ascii_digits_only(value: str) -> None:
    at = open_page("present", {"slide": [value], "lang": ["en"]})
    assert not at.exception
    assert at.query_params["slide"] == "1"
    assert tm("slide_out_of_range", "en", value=plain_echo(value)) in [w.value for w in at.warning]


def test_repeated_parameter_first_valid_wins_and_the_url_is_rewritten() -> None:
    at = open_page("map", {"district": ["nowhere", "azabu", "shiba"], "lang": ["en"]})
    assert at.query_params["district"] == "azabu"
    warnings = [w.value for w in at.warning]
    assert t("unknown_district", "en", value="nowhere") in warnings
    assert t("param_repeated", "en", value="district=shiba") in warnings


def test_markdown_image_in_a_notice_is_text() -> None:
    at = open_page("sources", {"district": ["![x](https://example.org/p.png)"], "lang": ["en"]})
    notice = at.warning[0].value
    assert "\\!\\[x\\]" in notice and "https://example.org" not in notice  # escaped, and the address broken


values = st.one_of(st.sampled_from(URL_PAYLOADS), st.text(max_size=30),
                   st.sampled_from(sorted({v for vs in VALID.values() for v in vs})))
queries = st.dictionaries(st.sampled_from(PARAMS), st.lists(values, min_size=1, max_size=3), max_size=4)


@settings(max_examples=40, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(page=st.sampled_from(list(PAGES)), query=queries)
def test_generated_query_strings(page: str, query: dict[str, list[str]]) -> None:
    check(page, query)


def test_every_registry_indicator_id_is_well_formed() -> None:
    assert all(INDICATOR.match(i) for i in indicator_ids())
