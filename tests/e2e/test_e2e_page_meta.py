"""Nothing in data can hang a page (issue 22): titles with double spaces or markup settle in Chromium.

A server runs on a copy of data/ whose app title and an English district name hold double spaces (the start-up
check collapses them); a raw title with double spaces, a newline and markup is also handed to static/page_meta.js
directly, bypassing that check. Either way the title is written once, the page's <head> stops changing and the
page answers.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import ROOT, Server, start_streamlit, wait_script_idle
from playwright.sync_api import Page

from geo.paths import DATA_DIR

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(90)]  # a looping page hangs Playwright itself

APP_TITLE = "Minato  district   dashboard"
AZABU = "Azabu  Hills"
RAW_TITLE = "  Map  (Azabu\n  Hills) – <b>Minato</b>  &amp;  co  "
# Resolves with the number of title writes once <head> and <html lang> have been quiet for 500 ms and 30 animation
# frames (the app may still add a stylesheet or two while it settles); -1 if they never are within 10 s. A loop of
# page_meta.js never lets the page run a frame (the evaluate times out) or never goes quiet.
QUIET_JS = """
async function quiet() {
  let last = performance.now(), titles = 0;
  const watch = new MutationObserver(records => {
    last = performance.now();
    titles += records.filter(r => r.target.nodeName === 'TITLE' || r.target.parentNode?.nodeName === 'TITLE').length;
  });
  watch.observe(document.head, {childList: true, subtree: true, characterData: true});
  watch.observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  const t0 = performance.now();
  let frames = 0;
  while (frames < 30 || performance.now() - last < 500) {
    if (performance.now() - t0 > 10000) { watch.disconnect(); return -1; }
    await new Promise(r => requestAnimationFrame(r));
    frames = performance.now() - last < 500 ? 0 : frames + 1;
  }
  watch.disconnect();
  return titles;
}
"""
# Polled by wait_for_function, whose timeout holds even when the page hangs (page.evaluate would wait forever):
# the first call of a round starts the count, later calls return it (as text, so that 0 counts as an answer).
POLL_QUIET_JS = "round => {" + QUIET_JS + """
  window.__quiet = window.__quiet || {};
  if (!(round in window.__quiet)) {
    window.__quiet[round] = null;
    quiet().then(n => { window.__quiet[round] = String(n); });
  }
  return window.__quiet[round];
}
"""
INJECT_JS = """
title => {
  const s = document.createElement('script');
  s.src = '/app/static/page_meta.js';
  s.setAttribute('data-lang', 'en');
  s.setAttribute('data-title', title);
  document.body.appendChild(s);  // no waiting here: a looping script would hang this call
}
"""


ROUNDS = itertools.count()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def spaced_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a copy of data/ with double spaces in the English app title and Azabu's English name."""
    copy = tmp_path_factory.mktemp("spaced") / "data"
    shutil.copytree(DATA_DIR, copy)
    _edit(copy / "i18n" / "en.yaml", "app_title: Minato district dashboard", f"app_title: {APP_TITLE}")
    _edit(copy / "districts.yaml", "en: Azabu,", f"en: {AZABU},")
    before = os.environ.get("MINATO_DATA_DIR")
    os.environ["MINATO_DATA_DIR"] = str(copy)  # the server inherits it at start
    try:
        server = start_streamlit("app.py", cwd=ROOT, timeout=60, log_dir=tmp_path_factory.mktemp("streamlit"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    finally:
        if before is None:
            os.environ.pop("MINATO_DATA_DIR", None)
        else:
            os.environ["MINATO_DATA_DIR"] = before
    yield server
    server.stop()


def _settles(page: Page, max_title_writes: int = 0) -> None:
    """<head> goes quiet with at most ``max_title_writes`` title writes meanwhile, and the page answers."""
    writes = int(page.wait_for_function(POLL_QUIET_JS, arg=next(ROUNDS), timeout=20_000).json_value())
    assert 0 <= writes <= max_title_writes, f"<head> never went quiet or the title was written {writes} times"
    assert page.wait_for_function("() => 6 * 7", timeout=5_000).json_value() == 42  # the page still answers


def test_spaced_data_titles_settle(page: Page, spaced_server: Server) -> None:
    page.set_default_timeout(20_000)
    page.goto(f"{spaced_server.url}/compare?lang=en&district=azabu")
    wait_script_idle(page)
    page.wait_for_function("() => document.title.includes('Azabu Hills')")
    _settles(page, max_title_writes=20)  # a late rerun sets the title (Streamlit) and page_meta.js sets it back
    title = page.title()
    assert "Minato district dashboard" in title and "  " not in title
    assert page.evaluate("() => document.documentElement.lang") == "en"


def test_a_title_the_browser_reads_back_differently_is_written_once(page: Page, spaced_server: Server) -> None:
    page.set_default_timeout(20_000)
    page.goto(f"{spaced_server.url}/?lang=en")
    wait_script_idle(page)
    page.wait_for_function("() => !!window.__minatoMeta")
    _settles(page, max_title_writes=20)  # the map page reruns once its map has drawn
    page.evaluate(INJECT_JS, RAW_TITLE)
    page.wait_for_function("t => window.__minatoMeta.title === t", arg=RAW_TITLE)
    _settles(page)
    assert page.title() == " ".join(RAW_TITLE.split())  # set once, as the browser normalises it
    # what Streamlit does on a page switch:
    page.wait_for_function("() => { document.title = 'Streamlit'; return true; }", timeout=5_000)
    page.wait_for_function("t => document.title === t", arg=" ".join(RAW_TITLE.split()))
    _settles(page)
