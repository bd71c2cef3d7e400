"""Hostile URL values in Chromium: the notice shows them as text — no <img>, no link, no icon — and the URL keeps
one value per parameter (issue 11 and the repeated-parameter item of issue 12)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from harness import MAIN, wait_script_idle
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

ALERTS = f'{MAIN} [data-testid="stAlertContainer"]'


@pytest.mark.parametrize(("path", "value"), [
    ("/", "![x](https://example.org/p.png)"),
    ("/sources", "https://example.org/x"),
    ("/compare", ":material/home: www.example.org a@example.org"),
])
def test_notice_shows_the_value_as_text(page: Page, base_url: str, path: str, value: str) -> None:
    page.goto(f"{base_url}{path}?lang=en&district={quote(value)}&district=azabu")
    wait_script_idle(page)
    alert = page.locator(ALERTS).filter(has_text="Unknown district")
    expect(alert).to_have_count(1)
    assert alert.locator("img, a, [data-testid='stIconMaterial']").count() == 0
    assert "example.org" in alert.inner_text()
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url + path)}\?lang=en&district=azabu(&indicator=\w+)?$"))
