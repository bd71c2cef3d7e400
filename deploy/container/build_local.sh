#!/usr/bin/env bash
# `make image`: build deploy/container/Dockerfile on this machine with Debian's podman, without any registry,
# then run it as the Deployment does and load the map page through it (deploy/container/smoke.py).
#   deploy/container/build_local.sh [--no-run] [--e2e]
#   --no-run  build only;  --e2e  also run tests/e2e/test_e2e_nginx.py through nginx against two containers
# Needs root (podman's rootful storage, debootstrap, unshare). What works and fails here: docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGE=${IMAGE:-localhost/minato-dashboard:dev}
BASE_IMAGE=${BASE_IMAGE:-localhost/bookworm-python3:debootstrap}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
RUN=1 E2E=0
for arg in "$@"; do
  case $arg in --no-run) RUN=0 ;; --e2e) E2E=1 ;; *) echo "unknown option $arg" >&2; exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "make image needs root (rootful podman, debootstrap, unshare)" >&2; exit 1; }

missing=""
for tool in podman runc debootstrap; do command -v $tool >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap uidmap
fi

# The base: Debian bookworm's minimal root file system with Python 3.11, made here (no registry to pull from).
if ! podman image exists "$BASE_IMAGE"; then
  rootfs=$(mktemp -d /tmp/minato-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  echo "debootstrap bookworm into $rootfs"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$rootfs" "$MIRROR" >/dev/null
  tar -C "$rootfs" -c . | podman import - "$BASE_IMAGE"
fi

# RUN steps run in a container: runc with rlimits at or below ours (crun refuses this host's hybrid cgroups).
# A machine whose egress re-signs TLS needs its CA bundle and pip settings inside the build: mounted, not copied.
mounts=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && mounts+=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
[ -f /etc/pip.conf ] && mounts+=(-v /etc/pip.conf:/etc/pip.conf:ro)
start=$(date +%s)
podman build --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 --format docker \
  --build-arg BASE="$BASE_IMAGE" "${mounts[@]}" -f deploy/container/Dockerfile -t "$IMAGE" .
echo "built $IMAGE in $(( $(date +%s) - start )) s: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes"

[ "$RUN" = 1 ] || exit 0
# Run it in a network namespace with loopback only: the container (--network host there) has no way out.
unshare --net sh -c "ip link set lo up && .venv/bin/python deploy/container/smoke.py --image '$IMAGE'"
if [ "$E2E" = 1 ]; then
  unshare --net sh -c "ip link set lo up && MINATO_REPLICA_IMAGE='$IMAGE' .venv/bin/python -m pytest -q \
    -p no:cacheprovider tests/e2e/test_e2e_nginx.py"
fi
