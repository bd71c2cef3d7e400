"""Bring the register figures up to date from the city's monthly page 人口・世帯数 (``make refresh-data``).

Run ``python tools/refresh_data.py SOURCE [--url URL] [--read-date YYYY-MM-DD] [--lang ja|en|zh]``, where SOURCE
is the page's address or a copy saved from a browser. The page is read and checked whole (dates, the ward and
the five districts, district sums against the ward total, months already held); new months are added to
``data/figures/population.csv`` with a source record in ``data/sources.yaml``; what changed is printed. Bad
input is refused with one message naming the table and row, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas import formatting as fmt  # noqa: E402
from atlas import freshness  # noqa: E402
from atlas.i18n import DEFAULT_LANG, LANGS, t  # noqa: E402
from atlas.register_page import RefreshError, read_page  # noqa: E402
from atlas.register_refresh import apply_refresh, plan_refresh, report  # noqa: E402
from geo.datafile import DataFileError  # noqa: E402
from geo.paths import data_dir  # noqa: E402

USER_AGENT = "minato-district-dashboard refresh-data (+https://www.city.minato.tokyo.jp/)"


def fetch(url: str, timeout: float = 30) -> bytes:
    """The page at ``url``; RefreshError (refresh_fetch_failed) when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise RefreshError("refresh_fetch_failed", url=url, reason=str(reason)) from exc


def decoded(raw: bytes, name: str) -> str:
    """The page's text: UTF-8 (the city's pages) or Shift_JIS (some saved copies)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RefreshError("refresh_not_text", path=name)


def load_source(source: str, read_date: dt.date | None) -> tuple[str, str | None, dt.date]:
    """(page text, its address if known, the day it was read) from a URL or a saved file."""
    if source.startswith(("http://", "https://")):
        return decoded(fetch(source), source), source, read_date or freshness.today()
    path = Path(source)
    if not path.is_file():
        raise RefreshError("refresh_missing_file", path=source)
    saved = dt.date.fromtimestamp(path.stat().st_mtime)
    return decoded(path.read_bytes(), source), None, read_date or saved


def run(source: str, url: str | None, read_date: dt.date | None, lang: str, data: Path) -> int:
    """Refresh ``data`` from ``source``; print what changed (stdout) or why nothing was (stderr). Exit status."""
    try:
        if not source:
            raise RefreshError("refresh_usage")
        text, fetched_from, read = load_source(source, read_date)
        page = read_page(text, freshness.today())
        address = url or fetched_from or page.saved_from
        if not address or not address.startswith(("http://", "https://")):
            raise RefreshError("refresh_no_url")
        plan = plan_refresh(page, address, read, data)
        first, last = min(m.date for m in page.months), max(m.date for m in page.months)
        print(t("refresh_read", lang, page=address, n=len(page.months), first=fmt.date(first, lang),
                last=fmt.date(last, lang), read=fmt.date(read, lang)))
        apply_refresh(plan, data)
    except RefreshError as err:
        print(t("refresh_refused", lang, reason=err.text(lang)), file=sys.stderr)
        return 1
    except DataFileError as err:
        print(t("refresh_refused", lang, reason=t("refresh_data_check", lang, detail=str(err))), file=sys.stderr)
        return 1
    print("\n".join(report(plan, lang)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default="", help="the page's address, or a copy saved from a browser")
    parser.add_argument("--url", default=None, help="the page's address, when a saved copy does not say it")
    parser.add_argument("--read-date", type=dt.date.fromisoformat, default=None,
                        help="the day the page was read (default: today for an address, the file's date for a copy)")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    args = parser.parse_args(argv)
    return run(args.source.strip(), (args.url or "").strip() or None, args.read_date, args.lang, data_dir())


if __name__ == "__main__":
    sys.exit(main())
