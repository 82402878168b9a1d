#!/usr/bin/env bash
# Shoal side by side with nginx and HAProxy on this machine: runs the shared benchmark
# (../shared/bench/proxy-peers.sh beside the repo, or the file PROXY_PEERS names) on `./shoal proxy`
# (the launcher, as issue 3 names it: it maps the AppCDS archive), with one event-loop thread; that script pins every proxy to the same single CPU. It runs twice:
# 20-byte responses (per-request cost) and 16 KiB responses (copying cost).
#
#   bench/proxy-peers.sh [proxy-peers.sh options]   e.g. --rounds 5 --duration 10
#
# Options are passed to both runs. The shared script installs nginx, haproxy and wrk with apt-get
# when they are missing. Results are recorded in docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
peers=${PROXY_PEERS:-$root/../shared/bench/proxy-peers.sh}
[[ -f $peers ]] || { echo "no proxy-peers.sh at $peers; set PROXY_PEERS to its path" >&2; exit 2; }
"$root/shoal" --version >/dev/null   # builds the jar first if it is missing or stale
for size in 20 16384; do
  echo "== --size $size"
  bash "$peers" --size "$size" "$@" -- \
    "$root/shoal" proxy --listen '127.0.0.1:{port}' \
    --backend '{b1}' --backend '{b2}' --threads 1
done
