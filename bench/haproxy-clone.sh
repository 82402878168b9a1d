#!/usr/bin/env bash
# HAProxy with the shared benchmark's own peer configuration, as a candidate for it: shows what the
# issue-3 bar gives a proxy exactly as fast as its HAProxy peer (docs/benchmarks.md, "calibration").
#
#   ../shared/bench/proxy-peers.sh --size 20 -- bench/haproxy-clone.sh '{port}' '{b1}' '{b2}'
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 PORT BACKEND1 BACKEND2" >&2; exit 2; }
dir=$(mktemp -d -t haproxy-clone.XXXX)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 4000
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend f
  bind 127.0.0.1:$1
  default_backend b
backend b
  balance roundrobin
  http-reuse always
  server s1 $2
  server s2 $3
CONF
haproxy -f "$dir/haproxy.cfg" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT TERM INT
wait $pid
