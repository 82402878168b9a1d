#!/usr/bin/env bash
# Issue 3's side-by-side benchmark, calibrated: runs the shared proxy-peers.sh alternately with a clone of
# its own HAProxy peer as the candidate (bench/haproxy-clone.sh) and with Shoal (as bench/proxy-peers.sh
# does), both sizes, N times, and tells for each run whether the issue's bar held: ratio_vs_best_peer at
# least 1.0 and the candidate's p99 at most 1.1 times the better peer's. How often HAProxy itself meets the
# bar on a machine is the yardstick for Shoal's count (docs/benchmarks.md, "calibration").
#
#   bench/calibrated-peers.sh [--runs N (3)] [proxy-peers.sh options]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
peers=${PROXY_PEERS:-$root/../shared/bench/proxy-peers.sh}
[[ -f $peers ]] || { echo "no proxy-peers.sh at $peers; set PROXY_PEERS to its path" >&2; exit 2; }
runs=3
if [[ ${1:-} == --runs ]]; then runs=$2; shift 2; fi
"$root/shoal" --version >/dev/null   # builds the jar first if it is missing or stale
declare -A met=()
for run in $(seq 1 "$runs"); do
  for candidate in haproxy-clone shoal; do
    both=yes
    for size in 20 16384; do
      if [[ $candidate == shoal ]]; then
        cmd=("$root/shoal" proxy --listen '127.0.0.1:{port}' --backend '{b1}' --backend '{b2}' --threads 1)
      else
        cmd=("$root/bench/haproxy-clone.sh" '{port}' '{b1}' '{b2}')
      fi
      out=$(bash "$peers" --size "$size" "$@" -- "${cmd[@]}")
      line=$(awk '
        { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1 "." kv[1]] = kv[2] } }
        /^ratio_vs_best_peer=/ { split($1, kv, "="); ratio = kv[2] }
        END {
          better = v["nginx.p99_ms"] < v["haproxy.p99_ms"] ? v["nginx.p99_ms"] : v["haproxy.p99_ms"]
          p99 = v["candidate.p99_ms"] / better
          printf "ratio_vs_best_peer=%s p99_vs_better_peer=%.2f bar=%s", ratio, p99, (ratio >= 1.0 && p99 <= 1.1) ? "met" : "missed"
        }' <<<"$out")
      echo "$(date -u +%H:%M:%S) run $run $candidate size=$size $line"
      [[ $line == *bar=met ]] && met[$candidate.$size]=$(( ${met[$candidate.$size]:-0} + 1 )) || both=no
    done
    [[ $both == yes ]] && met[$candidate.both]=$(( ${met[$candidate.both]:-0} + 1 ))
  done
done
for candidate in haproxy-clone shoal; do
  echo "$candidate met the bar: size 20 in ${met[$candidate.20]:-0}/$runs runs, size 16384 in ${met[$candidate.16384]:-0}/$runs, both sizes in ${met[$candidate.both]:-0}/$runs"
done
