"""Count what hostile inputs do to the app (issue 11): tracebacks, injected elements, silent acceptances, absolute
paths, over the URL, upload and data cases of tests/hardening/hardening_cases.py, with AppTest.

    python tests/bench/audit_hardening.py [--only url,upload,data,edge,data_files,texts,data_edits,text_as_text]
                                          [--root CHECKOUT] [--json out.json]

Runs against the checkout it sits in, or the one ``--root`` names (its app, its hardening_cases.py; cases that
checkout lacks, such as tests/hardening/data_cases.py, come from this script's own checkout), so one file measures
before and after. It uses only the app's entry point, ``parse_upload`` and ``MINATO_DATA_DIR``.
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

HERE = Path(__file__).resolve().parents[2]
ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve() if "--root" in sys.argv[:-1] else HERE
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "hardening")]
sys.path.append(str(HERE / "tests" / "hardening"))  # cases the audited checkout may not have
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


def run_counted(page: str, query: dict[str, list[str]], counts: dict, key: str) -> AppTest | None:
    """``run`` with ``counts[key]`` and tracebacks counted; None when the run itself raised."""
    counts[key] += 1
    try:
        at = run(page, query)
    except Exception:
        counts["tracebacks"] += 1
        return None
    counts["tracebacks"] += bool(at.exception)
    return at


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
        at = run_counted(page, query, counts, "cases")
        if at is None:
            continue
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


# --- issue 22 (edge22): the edge, upload memory, a lost upload, notices and the one upload limit --------------------

EDGE_FOREIGN = "https://evil.example"


def _nginx_conf() -> str:
    """The nginx config this checkout generates (2 replicas, nginx on 127.0.0.1:8600)."""
    from deploy.topology import render_config

    return render_config([8601, 8602], "127.0.0.1:8600", Path(tempfile.mkdtemp(prefix="audit-nginx-")))


def _harden() -> None:
    """What this checkout does to Streamlit before serving (nothing before issue 22)."""
    try:
        from components.streamlit_guard import harden
    except ImportError:
        return
    harden()


def _edge_config(counts: dict[str, int]) -> None:
    conf = _nginx_conf()
    stream = conf.split("location = /_stcore/stream {")[1].split("location ")[0]
    counts["stream_without_origin_guard"] = int("return 403" not in stream)
    counts["stream_without_host_header"] = int("proxy_set_header Host" not in stream)
    counts["no_per_client_connection_limit"] = int("limit_conn " not in conf)
    counts["no_websocket_open_limit"] = int("limit_req " not in stream)
    upload = conf.split("location /_stcore/upload_file/ {")[1].split("location ")[0] if "upload_file/ {" in conf else ""
    counts["no_upload_rate_limit"] = int("limit_req " not in upload)
    import re as _re

    guard = _re.search(r"map \$http_origin \$foreign_origin \{(.*?)\}", conf, _re.S)
    allowed = _re.findall(r'"([^"]*)"\s+0;', guard.group(1)) if guard else []
    counts["foreign_origins_passed_by_nginx"] = 0 if guard else 1
    counts["other_localhost_ports_passed_by_nginx"] = 0 if guard and "http://localhost:8610" not in allowed else 1


def _lookup_calls() -> int:
    """HTTP requests Streamlit's Origin check makes for a foreign Origin once the checkout has started."""
    import requests
    from streamlit import net_util
    from streamlit.web.server import server_util

    calls: list[str] = []
    saved = requests.get, net_util.get_external_ip, net_util._external_ip
    requests.get = lambda url, **kw: calls.append(url)  # type: ignore[assignment]
    try:
        _harden()
        for _ in range(5):
            server_util.is_url_from_allowed_origins(EDGE_FOREIGN)
    finally:
        requests.get, net_util.get_external_ip, net_util._external_ip = saved  # type: ignore[assignment]
    return len(calls)


def _files_kept(files: int = 300, size: int = 100_000) -> int:
    """Files one session holds after PUTting ``files`` files no widget uses."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    _harden()
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for i in range(files):
        manager.add_file("s", UploadedFileRec(file_id=f"f{i}", name="f.csv", type="text/csv", data=b"x" * size))
    return len(manager.file_storage["s"])


def _upload_limits(counts: dict[str, int]) -> None:
    import tomllib

    from atlas.upload import MAX_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    streamlit_mb = int(config["server"]["maxUploadSize"])
    match = re.search(r"client_max_body_size (\d+)m;", _nginx_conf())
    nginx_mb = int(match.group(1)) if match else 0
    browser = min(streamlit_mb * 10**6, streamlit_mb * 2**20)  # the browser's check: 10**6 per MB (2**20 on Windows)
    counts["app_limit_unreachable"] = int(browser <= MAX_BYTES)
    counts["file_at_app_limit_refused_by_server"] = int(streamlit_mb * 2**20 < MAX_BYTES + 200)
    counts["nginx_and_streamlit_disagree"] = int(nginx_mb != streamlit_mb)
    counts["nginx_comment_wrong"] = int(bool(re.search(r"client_max_body_size.*# .*is (\d+) MB", _nginx_conf()))
                                        and f"is {streamlit_mb} MB" not in _nginx_conf())
    css = (ROOT / "static" / "app.css").read_text(encoding="utf-8")
    counts["streamlit_english_limit_shown"] = int("stFileUploaderDropzoneInstructions" not in css)


def _notices(counts: dict[str, int]) -> None:
    from atlas.i18n import t

    for lang in ("ja", "en", "zh"):
        shown = [str(w.value) for w in run("map", {"district": ["azabu\x00"], "lang": [lang]}).warning]
        counts["nul_hidden"] += not any("\u2400" in w or "\\0" in w or "U+0000" in w for w in shown)
        shown = [str(w.value) for w in run("map", {"district": ["\u202eubaza\u2066"], "lang": [lang]}).warning]
        counts["bidi_or_zero_width_echoed"] += any(c in w for w in shown for c in "\u202e\u2066\u200b")
        shown = [str(w.value) for w in run("map", {"district": ["a\u200bzabu"], "lang": [lang]}).warning]
        counts["bidi_or_zero_width_echoed"] += any("\u200b" in w for w in shown)
    at = run("sources", {"lang": ["en"] + [f"x{i}" for i in range(997)]})
    counts["warning_boxes_for_998_lang"] = len(at.warning)
    for lang in ("ja", "en", "zh"):
        at = run("compare", {"lang": [lang], "indicator": ["upload:4f9edc4d"]})
        try:
            expected = t("upload_lost", lang)
        except Exception:  # noqa: BLE001 - no such message in this checkout
            expected = None
        said = [str(w.value) for w in at.warning]
        counts["lost_upload_not_named"] += expected is None or not any(
            expected.split("。")[0].split(":")[0].split("：")[0] in w for w in said)
        picker = at.selectbox(key="indicator").value
        counts["picker_url_disagree_after_loss"] += picker != at.query_params.get("indicator")


def audit_edge() -> dict[str, int]:
    """Issue 22 (edge22): counts of what is still open; every count is 0 when all is done."""
    counts = {"nul_hidden": 0, "bidi_or_zero_width_echoed": 0, "lost_upload_not_named": 0,
              "picker_url_disagree_after_loss": 0}
    _edge_config(counts)
    counts["external_ip_lookups_for_5_foreign_origins"] = _lookup_calls()
    counts["files_kept_of_300_unused_uploads"] = _files_kept()
    _upload_limits(counts)
    _notices(counts)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="url,upload,data,edge,data_files,texts,data_edits,text_as_text")
    parser.add_argument("--root", help="the checkout to audit (default: this script's own)")
    parser.add_argument("--json")
    args = parser.parse_args()
    audits = {"url": audit_urls, "upload": audit_uploads, "data": audit_data, "edge": audit_edge}
    audits |= DATA22_AUDITS
    report = {name: audits[name]() for name in args.only.split(",")}
    print(json.dumps({"root": str(ROOT), **report}, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")


# --- issue 22, items 2, 5, 6 (data22): data files, texts, text as text ------------------------------------------

CASE_SECONDS = 120  # a case still running then counts as hung (the alias bomb took 2 minutes per view before)
CASE_BYTES = 3 * 2**30  # address space of a case's process; beyond it the case counts as out of memory


def _data_copy(edit: object = None, file: str = "") -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="audit-data22-"))
    shutil.copytree(DATA_DIR, folder / "data", symlinks=True)
    if edit is not None:
        edit(folder / "data" / file)
    return folder, folder / "data"


def _in_child(work, *args: object) -> dict[str, object]:
    """``work(*args)`` in a forked process bounded in time and memory: its dict, or {"hung"} / {"out_of_memory"}."""
    import multiprocessing
    import resource

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CASE_BYTES, CASE_BYTES))
        try:
            queue.put(work(*args))
        except MemoryError:
            queue.put({"out_of_memory": 1})

    proc = ctx.Process(target=child)
    proc.start()
    try:
        return queue.get(timeout=CASE_SECONDS)
    except Exception:
        return {"hung": 1}
    finally:
        if proc.is_alive():
            proc.kill()  # this audit's own child, by its handle
        proc.join(5)


def _two_views(copy: Path, file: str) -> dict[str, object]:
    """Two page views on a broken copy: what the first shows, and how long each took (the second: cached?)."""
    import time

    os.environ["MINATO_DATA_DIR"] = str(copy)
    out: dict[str, object] = {}
    for view in (1, 2):
        started = time.perf_counter()
        try:
            at = run("map", {"lang": ["en"]})
        except Exception:
            return {"traceback": 1}
        out[f"seconds_view_{view}"] = round(time.perf_counter() - started, 2)
        if view == 1:
            errors = [e.value for e in at.error]
            out.update(traceback=int(bool(at.exception)), silent=int(not errors and not at.exception),
                       named=int(any(f"data/{file}" in e.replace("\\", "") for e in errors)),
                       longest=max((len(e) for e in errors), default=0))
    return out


def audit_data_files() -> dict[str, object]:
    """Issue 22 item 5: each broken file of data_cases.BROKEN must stop the app with a short message naming it,
    costing one check (the second view is fast); each of ACCEPTED must load."""
    from data_cases import ACCEPTED, BROKEN, MAX_MESSAGE

    counts: dict[str, object] = {"cases": 0, "tracebacks": 0, "silent": 0, "file_not_named": 0, "long_messages": 0,
                                 "hung": 0, "out_of_memory": 0, "slow_repeat_views": 0, "wrongly_rejected": 0}
    per_case: dict[str, object] = {}
    for case in (*BROKEN, *ACCEPTED):
        counts["cases"] += 1
        folder, copy = _data_copy(case.edit, case.file)
        try:
            result = _in_child(_two_views, copy, case.file)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        per_case[case.name] = result
        counts["hung"] += result.get("hung", 0)
        counts["out_of_memory"] += result.get("out_of_memory", 0)
        counts["tracebacks"] += result.get("traceback", 0)
        if case in ACCEPTED:
            counts["wrongly_rejected"] += result.get("silent", 1) == 0
            continue
        if "silent" not in result:
            continue
        counts["silent"] += result["silent"]
        counts["file_not_named"] += not result["silent"] and not result["named"]
        counts["long_messages"] += result["longest"] > MAX_MESSAGE
        counts["slow_repeat_views"] += result["seconds_view_2"] > 5
    counts["per_case"] = per_case
    return counts


def _texts_view(copy: Path) -> dict[str, object]:
    os.environ["MINATO_DATA_DIR"] = str(copy)
    from components.page_meta import document_title

    try:
        at = run("compare", {"lang": ["en"], "district": ["azabu"]})
    except Exception:
        return {"traceback": 1}
    errors = [e.value for e in at.error]
    out: dict[str, object] = {"traceback": int(bool(at.exception)), "stopped": int(bool(errors)),
                              "message": errors[0][:160] if errors else ""}
    if not errors and not at.exception:
        title = document_title("Compare", "azabu", "en")
        out["title_differs_when_read_back"] = int(title != " ".join(title.split()))
    return out


def audit_texts() -> dict[str, object]:
    """Issue 22 item 2: texts the browser would read back differently (a title that never settled) are collapsed
    at start-up; control characters and markup stop the app naming file and key. (static/page_meta.js itself is
    tested in Chromium: tests/e2e/test_e2e_page_meta.py.)"""
    from data_cases import Case, _replace

    collapsed = (Case("app_title_double_space", "i18n/en.yaml", _replace("app_title: Minato district dashboard",
                                                                          "app_title: Minato  district dashboard"), ""),
                 Case("district_double_space", "districts.yaml", _replace("en: Azabu,", "en: Azabu  Hills,"), ""),
                 Case("app_title_tab", "i18n/en.yaml", _replace("app_title: Minato district dashboard",
                                                                "app_title: \"Minato\\tdistrict dashboard\""), ""))
    refused = (Case("whole_ward_markup", "i18n/en.yaml", _replace("whole_ward: ", "whole_ward: <b>x</b> "),
                    "whole_ward"),
               Case("app_title_bidi", "i18n/en.yaml", _replace("app_title: Minato", 'app_title: "Minato\u202e"  #'),
                    "app_title"),
               Case("district_name_nul_byte", "districts.yaml", _replace("en: Azabu,", 'en: "Azabu\0",'),
                    "line 16: holds the control character U+0000"),
               Case("district_name_nul_escape", "districts.yaml", _replace("en: Azabu,", 'en: "Azabu\\0",'),
                    "name.en"),
               Case("district_name_return", "districts.yaml", _replace("en: Azabu,", 'en: "Azabu\\rX",'),
                    "name.en"))
    counts: dict[str, object] = {"cases": 0, "tracebacks": 0, "titles_read_back_differently": 0,
                                 "wrongly_rejected": 0, "silent": 0, "key_not_named": 0}
    per_case: dict[str, object] = {}
    for case in (*collapsed, *refused):
        counts["cases"] += 1
        folder, copy = _data_copy(case.edit, case.file)
        try:
            result = _in_child(_texts_view, copy)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        per_case[case.name] = result
        counts["tracebacks"] += result.get("traceback", 0) + result.get("hung", 0)
        if case in collapsed:
            counts["wrongly_rejected"] += result.get("stopped", 0)
            counts["titles_read_back_differently"] += result.get("title_differs_when_read_back", 0)
        else:
            counts["silent"] += not result.get("stopped", 0)
            message = str(result.get("message")).replace("\\", "")  # as escaped for Markdown
            counts["key_not_named"] += bool(result.get("stopped")) and case.expect not in message
    counts["per_case"] = per_case
    return counts


def _edit_view(copy: Path) -> dict[str, int]:
    """One process (a running server): a view, an edit, a view, a broken edit, a view, the edit undone, a view."""
    import time

    os.environ["MINATO_DATA_DIR"] = str(copy)
    path = copy / "districts.yaml"
    original = path.read_text(encoding="utf-8")

    def write(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        later = time.time_ns() + 1_000_000_000
        os.utime(path, ns=(later, later))  # a new modification time even on a coarse clock

    def azabu_name() -> tuple[str, bool]:
        at = run("map", {"lang": ["en"], "district": ["azabu"]})
        return " ".join(str(m.value) for m in at.markdown) + " ".join(str(h.value) for h in at.get("header")), \
            bool(at.error)

    first, _ = azabu_name()
    write(original.replace("en: Azabu,", "en: Azabu Hills,", 1))
    second, _ = azabu_name()
    write(original.replace("en: Azabu,", "en: [Azabu,", 1))
    _, stopped = azabu_name()
    write(original)
    _, stopped_after_fix = azabu_name()
    return {"edit_applied": int("Azabu Hills" in second and "Azabu Hills" not in first),
            "broken_edit_checked": int(stopped), "fixed_edit_recovered": int(not stopped_after_fix)}


def audit_data_edits() -> dict[str, object]:
    """Issue 22 item 5: an edit of data/ under a running server is read and checked."""
    folder, copy = _data_copy()
    try:
        return {"cases": 3, **_in_child(_edit_view, copy)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _poisoned_views(copy: Path) -> dict[str, int]:
    os.environ["MINATO_DATA_DIR"] = str(copy)
    counts = {"views": 0, "tracebacks": 0, "tables_with_markdown": 0, "page_links_with_markdown": 0}
    views = [("present", {"lang": [lang], "district": ["azabu"], "slide": [str(n)]}) for lang in ("ja", "en", "zh")
             for n in range(1, 7)] + [(page, {"lang": ["en"]}) for page in ("map", "plan", "compare", "sources")]
    for page, query in views:
        at = run_counted(page, query, counts, "views")
        if at is None:
            continue
        cells = []
        for table in at.table:
            frame = table.value
            cells += [str(c) for c in frame.columns] + [str(i) for i in frame.index] + [str(frame.index.name)]
            cells += [str(v) for v in frame.to_numpy().ravel()]
        counts["tables_with_markdown"] += any(injected(c) for c in cells)
        counts["page_links_with_markdown"] += any(injected(link.proto.label) for link in at.get("page_link"))
    return counts


def audit_text_as_text() -> dict[str, object]:
    """Issue 22 item 6: Markdown in district names and UI strings stays text in st.table (slide 5) and the page bar."""
    import yaml

    payload = " [click](https://example.org/) :red[alert] **bold**"
    folder, copy = _data_copy()
    try:
        for lang in ("ja", "en", "zh"):
            path = copy / "i18n" / f"{lang}.yaml"
            strings = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump({k: v + payload for k, v in strings.items()}, allow_unicode=True),
                            encoding="utf-8")
        path = copy / "districts.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for row in doc["districts"]:
            row["name"] = {lang: text + payload for lang, text in row["name"].items()}
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return _in_child(_poisoned_views, copy)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


DATA22_AUDITS = {"data_files": audit_data_files, "texts": audit_texts, "data_edits": audit_data_edits,
                 "text_as_text": audit_text_as_text}


if __name__ == "__main__":
    main()
