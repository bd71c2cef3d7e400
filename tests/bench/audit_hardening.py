"""Count what hostile inputs do to the app (issue 11): tracebacks, injected elements, silent acceptances, absolute
paths, over the URL, upload and data cases of tests/hardening/hardening_cases.py, with AppTest.

    python tests/bench/audit_hardening.py [--only url,upload,data] [--json out.json]

Runs against the checkout it sits in, so the same file copied into an older worktree (with hardening_cases.py)
measures the before state. It uses only the app's entry point, ``parse_upload`` and ``MINATO_DATA_DIR``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "hardening")]
logging.disable(logging.CRITICAL)

from hardening_cases import MUTATIONS, PAGES, UPLOADS, injected, url_cases  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from atlas.upload import parse_upload  # noqa: E402
from components.map_first import READY_KEY  # noqa: E402
from geo.paths import DATA_DIR  # noqa: E402

TEXT_ELEMENTS = ("markdown", "caption", "warning", "error", "info", "success", "title", "header", "subheader",
                 "exception", "text", "code")
SLUGS = {"shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def run(page: str, query: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[READY_KEY] = True  # the map page whole, as after its map has drawn
    for key, values in query.items():
        at.query_params[key] = values
    if PAGES[page]:
        at.switch_page(PAGES[page])
    return at.run()


def texts(at: AppTest) -> list[str]:
    out = []
    for kind in TEXT_ELEMENTS:
        for e in at.get(kind):
            out.append(str(getattr(e, "value", "")))
            out.extend(str(s) for s in getattr(e, "stack_trace", []) or [])
    return out


def injected_bodies(at: AppTest) -> list[str]:
    return [b for kind in TEXT_ELEMENTS[:9] for e in at.get(kind) if injected(b := str(e.value))]


def has_abs_path(at: AppTest, *roots: Path) -> bool:
    marks = [str(r) for r in roots] + ["/tmp/", "/usr/lib/python", "site-packages"]
    return any(m in t for t in texts(at) for m in marks)


def _invalid(page: str, key: str, values: list[str]) -> bool:
    valid = {"district": lambda v: v.strip().lower() in SLUGS,
             "lang": lambda v: v.strip().lower() in ("ja", "en", "zh"),
             "slide": lambda v: v.strip() in {"1", "2", "3", "4", "5", "6"},
             "indicator": lambda v: re.fullmatch(r"[a-z_]+", v) is not None}
    if key == "slide" and page != "present" or key == "indicator" and page != "compare":
        return False
    return len(values) > 1 or not all(valid[key](v) for v in values)


def audit_urls() -> dict[str, int]:
    counts = {"cases": 0, "tracebacks": 0, "injected": 0, "silent": 0, "absolute_paths": 0, "repeated_kept": 0}
    for page, query in url_cases():
        counts["cases"] += 1
        try:
            at = run(page, query)
        except Exception:
            counts["tracebacks"] += 1
            continue
        counts["tracebacks"] += bool(at.exception)
        counts["injected"] += bool(injected_bodies(at))
        counts["absolute_paths"] += has_abs_path(at, ROOT)
        expected = any(_invalid(page, k, v) for k, v in query.items())
        counts["silent"] += expected and not at.warning and not at.exception
        counts["repeated_kept"] += any(isinstance(v, list) and len(v) > 1 for v in at.query_params.values())
    return counts


def audit_uploads() -> dict[str, int]:
    counts = {"cases": 0, "tracebacks": 0, "injected": 0, "silent": 0, "wrongly_rejected": 0, "absolute_paths": 0,
              "good_upload_lost": 0, "english_on_ja": 0, "url_chars_for_5000_char_header": 0}
    good = ("good.csv", "地区,人口\n芝,44149\n麻布,61014\n".encode())
    at = run("compare", {"lang": ["ja"]})
    for case in UPLOADS:
        counts["cases"] += 1
        at.file_uploader(key="upload_file").set_value((good[0], good[1], "text/csv"))
        at.run()
        before = list(at.selectbox(key="indicator").options)
        try:
            result = parse_upload(case.data(), case.filename)
            at.file_uploader(key="upload_file").set_value((case.filename, case.data(), "text/csv"))
            at.run()
        except Exception:
            counts["tracebacks"] += 1
            at = run("compare", {"lang": ["ja"]})
            continue
        errors = [str(e) for e in result.errors]
        counts["tracebacks"] += bool(at.exception) or any("could not be read" in e for e in errors)
        counts["injected"] += bool(injected_bodies(at))
        counts["absolute_paths"] += has_abs_path(at, ROOT)
        if case.expect == "ok":
            counts["wrongly_rejected"] += not result.ok
            if case.name == "header_5000" and result.ok:
                column = result.columns[0]
                wanted = getattr(result, "ids", {}).get(column) or f"upload:{column}"  # before: the header itself
                at.selectbox(key="indicator").set_value(wanted).run()
                counts["url_chars_for_5000_char_header"] = len(quote(str(at.query_params.get("indicator", ""))))
        else:
            counts["silent"] += result.ok
            shown = " ".join(m.value for m in at.markdown if "<li>" in m.value or m.value.startswith("- "))
            counts["english_on_ja"] += not JAPANESE.search(re.sub(r"'[^']*'", "", shown))
            counts["good_upload_lost"] += list(at.selectbox(key="indicator").options) != before
    return counts


def audit_data() -> dict[str, int]:
    counts = {"cases": 0, "tracebacks": 0, "silent": 0, "absolute_paths": 0, "wrong_language": 0, "page_views": 0}
    english = "The app cannot start"
    for mutation in MUTATIONS:
        counts["cases"] += 1
        folder = Path(tempfile.mkdtemp(prefix="audit-data-"))
        copy = folder / "data"
        shutil.copytree(DATA_DIR, copy)
        os.environ["MINATO_DATA_DIR"] = str(copy)
        try:
            mutation.edit(copy / mutation.file)
            crashed = stopped = abs_path = wrong_lang = False
            for page in PAGES:
                counts["page_views"] += 1
                try:
                    at = run(page, {"lang": ["en"]})
                except Exception:
                    crashed = True
                    continue
                crashed |= bool(at.exception)
                stopped |= bool(at.error)
                abs_path |= has_abs_path(at, copy.parent, ROOT)
                wrong_lang |= bool(at.error) and not any(e.value.startswith(english) for e in at.error)
            counts["tracebacks"] += crashed
            counts["silent"] += not crashed and not stopped
            counts["absolute_paths"] += abs_path
            counts["wrong_language"] += wrong_lang
        finally:
            os.environ.pop("MINATO_DATA_DIR", None)
            shutil.rmtree(folder, ignore_errors=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="url,upload,data")
    parser.add_argument("--json")
    args = parser.parse_args()
    audits = {"url": audit_urls, "upload": audit_uploads, "data": audit_data}
    report = {name: audits[name]() for name in args.only.split(",")}
    print(json.dumps({"root": str(ROOT), **report}, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
