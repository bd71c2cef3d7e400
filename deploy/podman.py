"""How this project runs its image with Debian's podman (``make image``, deploy/container/smoke.py, and the
replicas of deploy/topology.py when ``MINATO_REPLICA_IMAGE`` names an image).

On this machine crun refuses the host's hybrid cgroups ("cgroups in hybrid mode not supported") and runc fails
on podman's default rlimits ("error setting rlimit type 7: operation not permitted": no CAP_SYS_RESOURCE), so
the runtime is runc with rlimits at or below the caller's. The rest is what the Deployment asks for: read-only
root, the image's user, no capabilities, a tmpfs on /tmp. ``--network host`` shares the caller's network
namespace: run the caller in one with loopback only (``unshare --net``) and the replica has no way out.
"""

from __future__ import annotations

REPLICA_IMAGE_ENV = "MINATO_REPLICA_IMAGE"
RUNTIME = ["--runtime", "runc", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096"]
HARDENED = ["--read-only", "--tmpfs", "/tmp:rw,size=64m,mode=1777", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--network", "host"]


def run_command(image: str, name: str) -> list[str]:
    """``podman run`` of ``image`` in the foreground (SIGTERM reaches Streamlit); append the command to run."""
    return ["podman", "run", "--rm", "--replace", "--name", name, *RUNTIME, *HARDENED, image]


def streamlit_command(image: str, name: str, port: int) -> list[str]:
    """One replica of the image listening on 127.0.0.1:``port``."""
    return [*run_command(image, name), "python3", "-m", "deploy.launch", "run", "app.py", "--server.address=127.0.0.1",
            f"--server.port={port}"]
