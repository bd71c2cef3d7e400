"""A replica's memory under the 300-file upload test (issue 22): one session PUTs 300 files of 1,000,000 bytes to
``/_stcore/upload_file/<its id>/<new id>`` that no widget uses, and the server's RSS is read before, during
and after.

    python tests/bench/bench_upload_memory.py [--root /work/before] [--files 300] [--json out.json]

``--root`` runs another checkout's app.py with ``python -m streamlit run`` (this venv), so the same script
measures before and after. Figures depend on the machine's load: compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bench")]

from load_ws import http_get  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from deploy.topology import free_ports, stop_group, wait_healthy  # noqa: E402

SIZE = 1_000_000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def put(port: int, session: str, xsrf: str, data: bytes) -> int:
    body = (b'--mzb\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\n'
            + data + b"\r\n--mzb--\r\n")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}", body=body, headers={
            "Content-Type": "multipart/form-data; boundary=mzb", "X-Xsrftoken": xsrf,
            "Cookie": f"_streamlit_xsrf={xsrf}"})
        return conn.getresponse().status
    finally:
        conn.close()


async def flood(port: int, pid: int, files: int) -> dict:
    base = f"http://127.0.0.1:{port}"
    cookies: dict[str, str] = {}
    for path in ("/?lang=en", "/_stcore/health"):  # as the browser: the page, then the health check (XSRF cookie)
        cookies.update(http_get(base + path, cookies, 60)[1])
    xsrf = cookies.get("_streamlit_xsrf", "")
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin=base,  # type: ignore[arg-type]
                       subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],  # type: ignore[list-item]
                       additional_headers={"Cookie": f"_streamlit_xsrf={xsrf}"}, max_size=None,
                       ping_interval=None) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = "lang=en"
        await ws.send(msg.SerializeToString())
        session = ""
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv())
            if fwd.WhichOneof("type") == "new_session":
                session = fwd.new_session.initialize.session_id
            if fwd.WhichOneof("type") == "script_finished":
                break
        await asyncio.sleep(2)
        before = rss_mb(pid)
        start, statuses, peak = time.monotonic(), [], before
        data = b"a,b\n" + b"1" * (SIZE - 4)
        for _ in range(files):
            statuses.append(await asyncio.to_thread(put, port, session, xsrf, data))
            peak = max(peak, rss_mb(pid))
        seconds = time.monotonic() - start
        await asyncio.sleep(2)
        after = rss_mb(pid)
    return {"files": files, "accepted": statuses.count(204), "statuses": sorted(set(statuses)),
            "rss_before_mb": round(before), "rss_peak_mb": round(peak), "rss_after_mb": round(after),
            "growth_mb": round(after - before), "seconds": round(seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app.py is served")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    port = free_ports(1)
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
           "true", "--server.maxUploadSize", "2"]  # 1,000,000-byte files pass in every version's limit
    proc = subprocess.Popen(cmd, cwd=a.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", 90, proc)
        report = {"root": str(a.root), **asyncio.run(flood(port, proc.pid, a.files))}
    finally:
        stop_group(proc)
    print(json.dumps(report, indent=1))
    if a.json:
        a.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
