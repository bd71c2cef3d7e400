"""Accessibility figures in one run: Tab presses to the district picker, axe-core serious/critical
violations per page (ja, en, zh at 1440×900 and 390×844, every frame), the phone's first screen.

    .venv/bin/python tests/bench/bench_a11y.py [--root DIR]   # DIR: a checkout to serve (default: this one)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from a11y import DESKTOP, LANGS, PAGES, PHONE, axe_violations, first_screen, load, tab_count_to  # noqa: E402
from harness import ROOT, launch_browser, start_streamlit, wait_map_ready  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def measure(url: str) -> dict[str, object]:
    """All figures against the server at ``url``."""
    out: dict[str, object] = {"axe": {}}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for lang in LANGS:
            for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                ctx = browser.new_context(viewport=viewport, has_touch=label == "phone", locale="en-GB")
                page = ctx.new_page()
                for path in PAGES:
                    load(page, f"{url}/{path}?lang={lang}&district=azabu")
                    if path == "":
                        wait_map_ready(page)
                    found = axe_violations(page)
                    out["axe"][f"/{path} {lang} {label}"] = {
                        where: sorted({f"{v['id']}×{len(v['nodes'])}" for v in vs}) for where, vs in found.items()}
                if lang == "ja":
                    load(page, f"{url}/?lang=ja")
                    if label == "desktop":
                        out["tabs_to_picker_desktop"] = tab_count_to(page)
                    else:
                        wait_map_ready(page)
                        out["phone_first_screen"] = first_screen(page)
                        load(page, f"{url}/?lang=ja")
                        out["tabs_to_picker_phone"] = tab_count_to(page)
                ctx.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    server = start_streamlit("app.py", cwd=args.root, timeout=90)
    try:
        print(json.dumps(measure(server.url), ensure_ascii=False, indent=1))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
