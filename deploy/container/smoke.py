"""Run the built image as the cluster would and load the map page through it in headless Chromium.

    unshare --net deploy/container/smoke.py [--image localhost/minato-dashboard:dev]

Meant to run in a network namespace of its own with loopback only (``make image`` does that): the container
shares it (``--network host`` inside the namespace), so it has no way out, and Chromium reaches it on 127.0.0.1.
The container runs read-only, as its image user, with every capability dropped and a tmpfs on /tmp, like the
Deployment. It prints the container's memory at rest and after the page, and each step's result; exit 1 on failure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from harness import CHROMIUM, CHROMIUM_ARGS, H3, RequestLog, wait_map_ready  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from atlas.districts import district_by_id  # noqa: E402
from deploy.podman import streamlit_command  # noqa: E402


def rss_mb(name: str) -> float:
    """Resident memory of the container's main process (the Streamlit server), in MB."""
    pid = subprocess.run(["podman", "inspect", "--format", "{{.State.Pid}}", name], capture_output=True, text=True,
                         check=True).stdout.strip()
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1000


HANDOUT_PEAK = """
import resource
from atlas.handout import build_handout
from atlas.profile import key_figures  # noqa: F401 - the modules a replica has loaded before a handout
def rss(): return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1000
before = rss()
pdf = build_handout({district!r}, 'ja')
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
print(f'{{before:.0f}} {{peak:.0f}} {{len(pdf)}}')
"""


def handout_peak(name: str, district: str) -> str:
    """RSS before and peak during one handout PDF built inside the container (its fonts, its Pango)."""
    code = HANDOUT_PEAK.format(district=district)
    out = subprocess.run(["podman", "exec", "-w", "/app", name, "python3", "-c", code], capture_output=True, text=True,
                         timeout=300)
    if out.returncode != 0:
        return f"failed: {out.stderr.strip().splitlines()[-1:]}"
    before, peak, size = out.stdout.split()
    return f"{before} MB before, peak {peak} MB (+{int(peak) - int(before)} MB), PDF {int(size) // 1024} KB"


def wait_health(url: str, proc: subprocess.Popen, timeout: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the container exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} not healthy after {timeout} s")


def no_egress() -> bool:
    """True when this namespace cannot reach outside (the container shares it)."""
    try:
        urllib.request.urlopen("http://deb.debian.org/", timeout=3)
    except OSError:
        return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="localhost/minato-dashboard:dev")
    parser.add_argument("--port", type=int, default=18501)
    parser.add_argument("--district", default="azabu")
    args = parser.parse_args()
    print(f"network namespace without egress: {no_egress()}")
    name = f"minato-smoke-{args.port}"
    subprocess.run(["podman", "rm", "-f", name], capture_output=True)
    proc = subprocess.Popen(streamlit_command(args.image, name, args.port), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{args.port}"
    try:
        print(f"healthy after {wait_health(base + '/_stcore/health', proc):.1f} s")
        user = subprocess.run(["podman", "exec", name, "id", "-u"], capture_output=True, text=True).stdout.strip()
        print(f"runs as uid {user}")
        print(f"rss at rest: {rss_mb(name):.0f} MB")
        expected = district_by_id(args.district).name("en")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            requests = RequestLog(context)
            page = context.new_page()
            t0 = time.monotonic()
            page.goto(f"{base}/?district={args.district}&lang=en")
            wait_map_ready(page, 90_000)
            page.locator(H3).filter(has_text=expected).wait_for(timeout=60_000)
            print(f"map page drawn with {expected!r} selected in {time.monotonic() - t0:.1f} s")
            print(f"requests outside 127.0.0.1 that succeeded: {requests.external_succeeded() or 'none'}")
            page.screenshot(path=str(Path("/tmp") / "minato-smoke.png"))
            browser.close()
        print(f"rss after one browser session: {rss_mb(name):.0f} MB")
        print(f"handout PDF in a process of the container: {handout_peak(name, args.district)}")
        return 0
    except Exception as exc:  # noqa: BLE001 - the report says what failed
        print(f"FAILED: {type(exc).__name__}: {exc}")
        return 1
    finally:
        subprocess.run(["podman", "stop", "-t", "10", name], capture_output=True)
        out = proc.communicate(timeout=30)[0]
        print("container log (last lines):\n  " + "\n  ".join(out.strip().splitlines()[-6:]))


if __name__ == "__main__":
    raise SystemExit(main())
