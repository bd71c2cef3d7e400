"""Failover says what it lost (issue 22): a session that opens /compare with ``?indicator=upload:…`` (the URL of a
session whose upload lived in another server process) says so in the view's language, and its picker, URL and
page agree on the indicator shown instead."""

from __future__ import annotations

import pytest
from hardening_app import open_page

from atlas.compare import all_views
from atlas.upload import parse_upload
from components.compare_view import DEFAULT_INDICATOR
from components.markdown import tm

GOOD = ("good.csv", "地区,人口\n芝,44149\n麻布,61014\n".encode(), "text/csv")


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_an_upload_gone_with_its_replica_is_reported(lang: str) -> None:
    before = open_page("compare", {"lang": [lang]})  # the old replica: upload, pick its column
    before.file_uploader(key="upload_file").set_value(GOOD).run()
    (column,) = parse_upload(GOOD[1], GOOD[0]).ids.values()
    before.selectbox(key="indicator").set_value(column).run()
    url = {k: [v] for k, v in before.query_params.items()}
    assert url["indicator"] == [column] and not before.warning
    after = open_page("compare", url)  # the new replica: a new session with the same URL, no upload
    assert [w.value for w in after.warning] == [tm("upload_lost", lang)]
    picker = after.selectbox(key="indicator")
    assert picker.value == DEFAULT_INDICATOR == after.query_params["indicator"]
    label = all_views(lang, None)[DEFAULT_INDICATOR].label
    assert any(label in str(m.value) for m in after.markdown), "the page does not show what the picker says"
