"""The container recipe (deploy/container/Dockerfile, .dockerignore) and checkov's scan of deploy/.

- The image copies what the app imports and nothing else (no tests, tools, docs, venvs or ../shared).
- checkov (its own venv, ``make checkov``) scans the Dockerfile and the manifests: no failed check, and every
  skipped one carries its one-line reason next to it.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from deploy_files import DOCKERFILE, ROOT, documents

DOCKERIGNORE = ROOT / ".dockerignore"
CHECKOV = Path(os.environ.get("CHECKOV", ROOT / ".venv-checkov" / "bin" / "checkov"))


# --- the image's files ------------------------------------------------------------------------------------------

def copied_sources() -> list[str]:
    sources = []
    for line in re.findall(r"^COPY\s+(.+)$", DOCKERFILE.read_text(), re.M):
        words = [w for w in line.split() if not w.startswith("--")]
        sources += words[:-1]
    return sources


def ignored(path: str, patterns: list[str]) -> bool:
    """Docker's .dockerignore rule: the last matching pattern wins; ``!`` re-includes (parents count)."""
    result = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pat = pattern[1:] if negate else pattern
        parts = path.split("/")
        hit = any(fnmatch.fnmatch("/".join(parts[:i]), pat) for i in range(1, len(parts) + 1))
        if pat.startswith("**/"):
            hit = hit or fnmatch.fnmatch(parts[-1], pat[3:])
        if hit:
            result = not negate
    return result


def local_imports(files: list[Path]) -> set[str]:
    """Top-level packages of this checkout that ``files`` import, followed through the checkout's modules."""
    local = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    local |= {p.stem for p in ROOT.glob("*.py")}
    seen: set[Path] = set()
    found: set[str] = set()
    todo = list(files)
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top in local:
                    found.add(top)
                    module = ROOT.joinpath(*name.split("."))
                    todo += [module.with_suffix(".py"), module / "__init__.py"]
    return found


def test_the_image_copies_what_the_app_imports_and_nothing_else():
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    sources = copied_sources()
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: not in the checkout"
        assert not ignored(source, patterns), f"COPY {source}: excluded by .dockerignore"
    for outside in ("tests", "tools", "docs", ".venv", ".git", "../shared"):
        assert outside not in sources
        assert ignored(outside + "/x", patterns) or outside.startswith(".."), f"{outside} is in the build context"
    needed = local_imports([ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))])
    assert needed and needed <= set(sources) | {"app"}, f"the app imports {sorted(needed - set(sources))}"
    assert {"data", "static", ".streamlit", "requirements.txt"} <= set(sources)


# --- checkov ----------------------------------------------------------------------------------------------------

def checkov_results() -> list[dict]:
    if not CHECKOV.exists():
        pytest.skip(f"checkov is not installed at {CHECKOV}: `make checkov` (called by `make test`) installs it")
    out = subprocess.run(
        [str(CHECKOV), "-d", str(ROOT / "deploy"), "--framework", "kubernetes", "dockerfile", "--compact",
         "--skip-download", "--output", "json"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
    )
    assert out.stdout.strip(), f"checkov printed nothing (exit {out.returncode}): {out.stderr[-2000:]}"
    report = json.loads(out.stdout)
    return report if isinstance(report, list) else [report]


def test_checkov_finds_nothing_unjustified():
    reports = {r["check_type"]: r for r in checkov_results()}
    assert {"kubernetes", "dockerfile"} <= set(reports), f"checkov scanned {sorted(reports)}"
    assert reports["kubernetes"]["summary"]["resource_count"] >= len(documents())
    problems = []
    for kind, report in reports.items():
        summary, results = report["summary"], report["results"]
        if summary["parsing_errors"]:
            problems.append(f"{kind}: {summary['parsing_errors']} file(s) checkov could not parse")
        problems += [f"{kind}: {c['check_id']} {c['check_name']} at {c['file_path']}:{c['file_line_range']}"
                     for c in results.get("failed_checks", [])]
        for check in results.get("skipped_checks", []):
            reason = (check.get("check_result", {}).get("suppress_comment") or "").strip()
            if len(reason) < 20:
                problems.append(f"{kind}: {check['check_id']} skipped without a reason next to it ({reason!r})")
        assert summary["passed"] > 0
    assert not problems, "\n".join(problems)


def test_checkov_is_isolated_from_the_app_venv():
    if not CHECKOV.exists():
        pytest.skip(f"checkov is not installed at {CHECKOV}: `make checkov` (called by `make test`) installs it")
    assert shutil.which("checkov", path=str(ROOT / ".venv" / "bin")) is None, "checkov must not be in .venv"
