"""Shared by the tests of deploy/container and deploy/k8s: paths, the manifests' documents, size parsing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
DOCKERFILE = ROOT / "deploy" / "container" / "Dockerfile"
# Kubernetes minor versions the manifests target: the upstream-supported ones and the older ones managed
# clusters still run (kubernetes-validate 1.37.0 ships 1.25-1.37).
K8S_VERSIONS = ("1.30.0", "1.31.0", "1.32.0", "1.33.0", "1.34.0", "1.35.0", "1.36.0", "1.37.0")
HEALTH = "/_stcore/health"
# Paths whose requests belong to one Streamlit process: the websocket, uploads, generated files, component frames.
SESSION_PATHS = ("/_stcore/stream", "/_stcore/upload_file", "/media", "/component")
AFFINITY = "nginx.ingress.kubernetes.io/"
P95_TARGET_MS = 1000.0


def manifest_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def documents() -> list[tuple[Path, dict]]:
    return [(p, d) for p in manifest_files() for d in yaml.safe_load_all(p.read_text(encoding="utf-8")) if d]


def one(kind: str) -> dict:
    found = [d for _, d in documents() if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def ingresses() -> list[dict]:
    return [d for _, d in documents() if d["kind"] == "Ingress"]


def app_container() -> dict:
    return one("Deployment")["spec"]["template"]["spec"]["containers"][0]


def pod_labels() -> dict:
    return one("Deployment")["spec"]["template"]["metadata"]["labels"]


def quantity_mib(value: str) -> float:
    """A Kubernetes memory quantity (512Mi, 1Gi, 600M) in MiB."""
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1000 / 2**20, "M": 10**6 / 2**20, "G": 10**9 / 2**20}
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", str(value)).groups()
    return float(number) * units[unit] if unit else float(number) / 2**20


def nginx_size_bytes(value: str) -> int:
    """An nginx size (1100k, 2m, 1048576) in bytes."""
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 2**20, "g": 2**30}[unit.lower()]
