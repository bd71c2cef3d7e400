"""The Kubernetes manifests (deploy/k8s): valid for the Kubernetes versions targeted, and consistent.

- Every manifest validates offline against the Kubernetes schemas that kubernetes-validate ships (strict: an
  unknown field fails), for each version in K8S_VERSIONS.
- The pieces agree: ports, labels, probe paths, the cookie paths of the Ingress, the upload limit, the headers
  nginx sends, and the memory the load test and ``make image`` measured.
"""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import yaml
from deploy_files import (
    AFFINITY,
    DOCKERFILE,
    HEALTH,
    K8S,
    K8S_VERSIONS,
    P95_TARGET_MS,
    ROOT,
    SESSION_PATHS,
    app_container,
    documents,
    ingresses,
    manifest_files,
    nginx_size_bytes,
    one,
    pod_labels,
    quantity_mib,
)

from atlas.upload import SERVER_UPLOAD_MB

kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate (requirements-test.txt)")


# --- schemas ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_every_manifest_validates_against_the_kubernetes_schemas(version):
    docs = documents()
    kinds = {d["kind"] for _, d in docs}
    assert {"Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler"} <= kinds
    for path, doc in docs:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{path.name}: {doc['kind']}/{doc['metadata']['name']} invalid for Kubernetes {version}: {exc}")


def test_the_schema_check_rejects_an_unknown_field_and_a_wrong_type():
    """The validation above can fail: strict mode with the shipped schemas catches a typo and a string count."""
    deployment = one("Deployment")
    typo = json.loads(json.dumps(deployment))
    typo["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["paht"] = HEALTH  # typo of path
    wrong = json.loads(json.dumps(deployment))
    wrong["spec"]["replicas"] = "2"
    for broken in (typo, wrong):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)


def test_kustomization_lists_every_manifest():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))["resources"]
    assert sorted(listed) == [p.name for p in manifest_files()]


# --- the pieces agree -------------------------------------------------------------------------------------------

def test_one_namespace_and_the_pod_labels_select_the_pods():
    docs = documents()
    namespace = one("Namespace")["metadata"]["name"]
    assert {d["metadata"].get("namespace", namespace) for _, d in docs if d["kind"] != "Namespace"} == {namespace}
    labels = pod_labels()
    deployment = one("Deployment")
    selectors = {
        "Deployment": deployment["spec"]["selector"]["matchLabels"],
        "Service": one("Service")["spec"]["selector"],
        "PodDisruptionBudget": one("PodDisruptionBudget")["spec"]["selector"]["matchLabels"],
        "NetworkPolicy": one("NetworkPolicy")["spec"]["podSelector"]["matchLabels"],
    }
    for kind, selector in selectors.items():
        assert selector and selector.items() <= labels.items(), f"{kind} selector {selector} misses pods {labels}"
    target = one("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])


def test_ports_agree_from_the_dockerfile_to_the_ingress():
    container = app_container()
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    exposed = [int(p) for p in re.findall(r"^EXPOSE\s+(\d+)", DOCKERFILE.read_text(), re.M)]
    cmd_port = re.search(r'"--server\.port=(\d+)"', DOCKERFILE.read_text())
    assert exposed == list(ports.values()) == [int(cmd_port.group(1))]
    service = one("Service")
    service_ports = {p["name"]: p for p in service["spec"]["ports"]}
    for port in service_ports.values():
        assert port["targetPort"] in ports or port["targetPort"] in ports.values()
    backends = [path["backend"]["service"] for ing in ingresses() for rule in ing["spec"]["rules"]
                for path in rule["http"]["paths"]]
    assert backends
    for backend in backends:
        assert backend["name"] == service["metadata"]["name"]
        assert backend["port"].get("name") in service_ports or backend["port"].get("number") in {
            p["port"] for p in service_ports.values()}
    policy_ports = [p["port"] for rule in one("NetworkPolicy")["spec"]["ingress"] for p in rule["ports"]]
    assert policy_ports and all(p in ports.values() or p in ports for p in policy_ports)


def test_probes_and_the_image_healthcheck_ask_streamlit_health():
    container = app_container()
    ports = {p["name"] for p in container["ports"]} | {p["containerPort"] for p in container["ports"]}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == HEALTH and get["port"] in ports, probe
    healthcheck = re.search(r"^HEALTHCHECK .*?(?=^\S)", DOCKERFILE.read_text(), re.M | re.S).group(0)
    assert HEALTH in healthcheck


def test_the_pod_runs_as_the_image_user_read_only_without_privileges():
    user = re.findall(r"^USER\s+(\S+)", DOCKERFILE.read_text(), re.M)
    assert user and user[-1].isdigit() and int(user[-1]) != 0
    pod = one("Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == int(user[-1])
    assert pod["automountServiceAccountToken"] is False
    security = app_container()["securityContext"]
    assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    # What must be written (HOME, matplotlib's and fontconfig's caches) lives on the emptyDir.
    mounts = {m["mountPath"]: m["name"] for m in app_container()["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    writable = [path for path, name in mounts.items() if "emptyDir" in volumes[name]]
    env = {e["name"]: e["value"] for e in app_container()["env"]}
    for var in ("HOME", "MPLCONFIGDIR", "XDG_CACHE_HOME"):
        assert any(env[var].startswith(path + "/") for path in writable), var
        assert f"{var}={env[var]}" in DOCKERFILE.read_text(), f"the image sets {var} as the pod does"


def test_every_session_path_follows_the_cookie_to_one_pod():
    from deploy.topology import COOKIE

    sticky = [i for i in ingresses() if i["metadata"].get("annotations", {}).get(AFFINITY + "affinity") == "cookie"]
    assert len(sticky) == 1, "one Ingress carries the cookie affinity (ingress-nginx applies it per Ingress)"
    notes = sticky[0]["metadata"]["annotations"]
    assert notes[AFFINITY + "session-cookie-name"] == COOKIE  # the same cookie as `make serve`
    assert notes[AFFINITY + "session-cookie-path"] == "/"
    assert notes[AFFINITY + "affinity-mode"] == "persistent"
    assert notes[AFFINITY + "session-cookie-change-on-failure"] == "true"
    assert int(notes[AFFINITY + "proxy-read-timeout"]) >= 3600  # the websocket of a quiet tab stays open
    routed = {p["path"] for rule in sticky[0]["spec"]["rules"] for p in rule["http"]["paths"]}
    assert set(SESSION_PATHS) | {"/"} <= routed
    name = sticky[0]["metadata"]["name"]
    others = {p["path"] for i in ingresses() if i["metadata"]["name"] != name for rule in i["spec"]["rules"]
              for p in rule["http"]["paths"]}
    assert not any(o == s or o.startswith(s + "/") or o == "/" for o in others for s in SESSION_PATHS), (
        "a session path on another Ingress would be load-balanced without the cookie")


def test_the_ingress_body_limit_fits_streamlit_upload_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limit = int(config["server"]["maxUploadSize"]) * 2**20
    notes = next(i for i in ingresses() if AFFINITY + "affinity" in i["metadata"].get("annotations", {}))
    body = nginx_size_bytes(notes["metadata"]["annotations"][AFFINITY + "proxy-body-size"])
    buffer = nginx_size_bytes(notes["metadata"]["annotations"][AFFINITY + "client-body-buffer-size"])
    assert body == limit == SERVER_UPLOAD_MB * 2**20, "the same body limit as Streamlit's and nginx's (deploy/edge.py)"
    assert buffer == body, "uploads stay in memory, as in deploy/nginx.conf.template"


def test_the_ingress_sends_the_headers_nginx_sends():
    from deploy import k8s_headers

    text = (K8S / "headers.yaml").read_text(encoding="utf-8")
    assert text == k8s_headers.configmap_text(), "stale: run .venv/bin/python -m deploy.k8s_headers"
    configmap = one("ConfigMap")
    assert set(configmap["data"]) == set(k8s_headers.HEADERS)
    assert "'unsafe-eval'" not in configmap["data"]["Content-Security-Policy"]
    sticky = next(i for i in ingresses() if AFFINITY + "affinity" in i["metadata"].get("annotations", {}))
    ref = sticky["metadata"]["annotations"][AFFINITY + "custom-headers"]
    assert ref == f"{configmap['metadata']['namespace']}/{configmap['metadata']['name']}"
    metrics = [i for i in ingresses() if any(p["path"] == "/_stcore/metrics" for r in i["spec"]["rules"]
                                             for p in r["http"]["paths"])]
    assert len(metrics) == 1 and metrics[0]["metadata"]["annotations"][AFFINITY + "denylist-source-range"]


def handout_increment_mb() -> float:
    """The handout PDF's extra memory (peak minus before), as ``make image`` measured it in the container."""
    text = (ROOT / "tests" / "bench" / "results" / "image-smoke.txt").read_text(encoding="utf-8")
    return float(re.search(r"^handout PDF .*\(\+(\d+) MB\)", text, re.M).group(1))


def test_memory_request_covers_the_measured_replica_at_its_session_count():
    """Request >= RSS at rest + sessions x RSS per session + one handout PDF being built, at the most sessions one
    replica held at p95 <= 1 s (tests/bench/results: load.json from `make load`, image-smoke.txt from `make image`)."""
    runs = json.loads((ROOT / "tests" / "bench" / "results" / "load.json").read_text(encoding="utf-8"))["runs"]
    single = [r for r in runs if r["replicas"] == 1 and r["errors"] == 0 and r["change_ms"]["p95"] <= P95_TARGET_MS]
    assert single, "load.json has no 1-replica run within the p95 target"
    sessions = max(r["sessions"] for r in single)
    base = max(r["rss_base_mb"] / r["replicas"] for r in runs)  # the sum over the replicas of a run
    per_session = max(r["rss_mb_per_session"] for r in runs)
    needed_mib = (base + sessions * per_session + handout_increment_mb()) * 10**6 / 2**20
    resources = app_container()["resources"]
    request = quantity_mib(resources["requests"]["memory"])
    assert request >= needed_mib, f"{request} MiB < {needed_mib:.0f} MiB measured for {sessions} sessions"
    assert quantity_mib(resources["limits"]["memory"]) >= needed_mib + handout_increment_mb(), "room for 2 handouts"
    assert resources["requests"]["cpu"] and resources["limits"]["cpu"]
    hpa = one("HorizontalPodAutoscaler")["spec"]
    assert hpa["metrics"][0]["resource"]["name"] == "cpu" and hpa["minReplicas"] >= 2
    assert one("PodDisruptionBudget")["spec"].get("maxUnavailable", 0) < hpa["minReplicas"]
