"""E2E fixtures: one ``streamlit run app.py`` per session, one offline headless Chromium, a fresh page per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from a11y import PHONE
from harness import ROOT, VIEWPORT, RequestLog, Server, launch_browser, start_streamlit
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a free port (own process group); stopped by its process id at the end of the session."""
    try:
        server = start_streamlit("app.py", cwd=ROOT, timeout=60, log_dir=tmp_path_factory.mktemp("streamlit"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(app_server: Server) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium that can resolve only localhost (Playwright gives it a fresh temporary profile)."""
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.fixture
def request_log(context: BrowserContext) -> RequestLog:
    """Every request the test's pages and frames make (attach before the page exists)."""
    return RequestLog(context)


@pytest.fixture
def page(context: BrowserContext, request_log: RequestLog, app_server: Server) -> Iterator[Page]:
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture
def make_context(browser: Browser) -> Iterator:
    """Contexts with a given viewport (phones with touch), closed after the test: ``make_context(PHONE)``."""
    made: list[BrowserContext] = []

    def make(viewport: dict[str, int]) -> BrowserContext:
        ctx = browser.new_context(viewport=viewport, has_touch=viewport == PHONE, locale="en-GB")
        ctx.set_default_timeout(20_000)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def make_page(make_context) -> Callable[[dict[str, int]], Page]:
    """A page in its own context with the given viewport: ``make_page(PHONE)``."""
    return lambda viewport: make_context(viewport).new_page()


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A touch phone (390x844, mobile) context."""
    ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()
