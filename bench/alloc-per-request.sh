#!/usr/bin/env bash
# Garbage per proxied request: runs the built jar (or JAR) as `shoal proxy --threads 1` in front of two
# nginx backends (20-byte answers), loads it with `wrk -t1 -c50` twice for 8 s, and divides the bytes
# its event-loop thread allocated (JFR's jdk.ThreadAllocationStatistics) by the requests wrk counted.
# Allocation decides how often the young generation is collected, hence part of the tail latency.
#
#   bench/alloc-per-request.sh [JAR]
#
# Proxy pinned to CPU 0, wrk and nginx to CPU 1. Needs nginx, wrk (apt-get install nginx wrk).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${1:-$root/shoal-cli/target/shoal.jar}
[[ $# -gt 0 ]] || "$root/shoal" --version >/dev/null   # builds the jar when it is stale
dir=$(mktemp -d -t alloc-per-request.XXXX); chmod 755 "$dir"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
b1=$(freeport); b2=$(freeport); port=$(freeport)
mkdir -p "$dir/www"; printf 'xxxxxxxxxxxxxxxxxxxx' > "$dir/www/body"
cat > "$dir/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $dir/nginx.pid; error_log $dir/nginx.err;
events { worker_connections 1024; }
http { access_log off;
  server { listen 127.0.0.1:$b1; location / { root $dir/www; default_type text/plain; rewrite ^ /body break; } }
  server { listen 127.0.0.1:$b2; location / { root $dir/www; default_type text/plain; rewrite ^ /body break; } } }
CONF
taskset -c 1 nginx -c "$dir/nginx.conf" & pids+=($!)
taskset -c 0 java -XX:StartFlightRecording=filename="$dir/run.jfr" -jar "$jar" proxy --listen "127.0.0.1:$port" \
    --backend "127.0.0.1:$b1" --backend "127.0.0.1:$b2" --threads 1 >/dev/null 2>&1 & pid=$!; pids+=($pid)
for _ in $(seq 100); do curl -sf "127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
requests=0
for _ in 1 2; do
  n=$(taskset -c 1 wrk -t1 -c50 -d8s "http://127.0.0.1:$port/" | awk '/requests in/{print $1}')
  requests=$((requests + n))
done
jcmd "$pid" JFR.dump filename="$dir/run.jfr" >/dev/null
jfr print --events jdk.ThreadAllocationStatistics "$dir/run.jfr" | python3 -c '
import re, sys
units = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
most = 0
for event in sys.stdin.read().split("jdk.ThreadAllocationStatistics")[1:]:
    a = re.search(r"allocated = ([\d.]+) (\w+)", event)
    if a and "shoal-proxy" in event:
        most = max(most, float(a.group(1)) * units[a.group(2)])
requests = int(sys.argv[1])
print(f"requests={requests} event_loop_bytes={most:.0f} bytes_per_request={most / requests:.0f}")' "$requests"
