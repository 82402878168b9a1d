#!/usr/bin/env bash
# Issue 3 memory check: Shoal holding 10,000 idle keep-alive client connections.
# Starts an nginx backend and the proxy (one event-loop thread, a small heap), measures the proxy's
# resident memory (VmRSS), serves a wrk run as a baseline, opens the idle connections (each sends one
# GET and reads its answer, then stays open: bench/idle-client.py), measures memory again, serves the
# same wrk run beside them, checks that the idle connections are still open and still answered, closes
# them and serves the wrk run once more.
#
#   bench/idle-connections.sh [options]
#     --conns N            idle connections (10000)
#     --heap SIZE          -Xmx (64m); --xss SIZE thread stack -Xss (256k)
#     --java-opts "..."    more JVM flags, e.g. "-XX:+UseSerialGC"
#     --max-connections N  run from a YAML file with proxy.max_connections N (and idle_timeout 300s);
#                          without it, quick mode (`shoal proxy`) keeps the default 50000
#     --wrk-conns N (50)   --duration S (10)   --record (append the result to docs/benchmarks.md)
#     --cpu N|none         pin the proxy to CPU N (0) and wrk, nginx and the client to the others, as
#                          ../shared/bench/proxy-peers.sh does; none: no pinning. A JVM that sees one CPU
#                          picks SerialGC, one that sees two or more (and 2 GB) G1: the gc= line says which.
#
# Prints key=value lines; the last is "verdict=...". Target (issue 3): rss under 200 MB with
# the connections open, and wrk's rate beside them close to that of the runs before and after them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
conns=10000 heap=64m xss=256k java_opts="" max_connections="" wrk_conns=50 duration=10 record=0 cpu=0
command_line="bench/idle-connections.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --conns) conns=$2; shift 2 ;; --heap) heap=$2; shift 2 ;; --xss) xss=$2; shift 2 ;;
    --java-opts) java_opts=$2; shift 2 ;; --max-connections) max_connections=$2; shift 2 ;;
    --wrk-conns) wrk_conns=$2; shift 2 ;; --duration) duration=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;; --record) record=1; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
need=()
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
if ((${#need[@]})); then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || { echo "could not install ${need[*]}" >&2; exit 2; }
fi
want=$((conns + wrk_conns + 1000))
ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= conns + wrk_conns + 200 )) \
  || { echo "open-file limit $(ulimit -n) is too low for $conns connections (hard limit $(ulimit -Hn))" >&2; exit 2; }
"$root/shoal" --version >/dev/null   # builds shoal-cli/target/shoal.jar when missing or stale
jar=$root/shoal-cli/target/shoal.jar

ncpu=$(nproc)
if [[ $cpu == none ]]; then pin_proxy=() pin_others=()
else
  others=$(seq 0 $((ncpu - 1)) | grep -vx "$cpu" | paste -sd, -); others=${others:-$cpu}
  pin_proxy=(taskset -c "$cpu") pin_others=(taskset -c "$others")
fi
dir=$(mktemp -d -t shoal-idle.XXXX); chmod 755 "$dir"   # nginx workers (not root) read the body file
pids=()
cleanup() {
  [[ -n ${client_in:-} ]] && { echo quit >&"$client_in"; } 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
backend=$(freeport); port=$(freeport)
mkdir -p "$dir/www"; printf 'hello from the backend' > "$dir/www/body"
cat > "$dir/backend.conf" <<CONF
worker_processes 1; daemon off; pid $dir/backend.pid; error_log $dir/backend.err;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$backend; location / { root $dir/www; default_type text/plain; rewrite ^ /body break; } } }
CONF
"${pin_others[@]}" nginx -c "$dir/backend.conf" >/dev/null 2>&1 & pids+=($!)

# shellcheck disable=SC2206 # java_opts holds several flags
jvm=(java -Xmx"$heap" -Xss"$xss" $java_opts)
if [[ -n $max_connections ]]; then
  cat > "$dir/shoal.yaml" <<YAML
proxy: {threads: 1, max_connections: $max_connections, idle_timeout: 300s}
listeners: [{address: "127.0.0.1:$port"}]
services:
  app:
    servers: [127.0.0.1:$backend]
YAML
  proxy_cmd=("${jvm[@]}" -jar "$jar" run -f "$dir/shoal.yaml")
else
  proxy_cmd=("${jvm[@]}" -jar "$jar" proxy --listen "127.0.0.1:$port" --backend "127.0.0.1:$backend" --threads 1)
fi
"${pin_proxy[@]}" "${proxy_cmd[@]}" >"$dir/proxy.log" 2>&1 & proxy=$!; pids+=("$proxy")
waitport "$backend" || { echo "the nginx backend did not start" >&2; exit 2; }
waitport "$port" || { echo "the proxy did not listen on $port; its log:" >&2; tail -20 "$dir/proxy.log" >&2; exit 2; }

mb() { awk -v k="$1" '$1 == k":" {printf "%.1f", $2 / 1024}' "/proc/$proxy/status"; }
field() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$proxy/status"; }
fds() { find "/proc/$proxy/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
wrk_run() { "${pin_others[@]}" wrk -t1 -c"$wrk_conns" -d"$1" --latency "http://127.0.0.1:$port/" 2>&1; }
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }
wrk_errors() { awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' <<<"$1"; }
say() { echo "$1"; summary+="$1"$'\n'; }
summary=""

say "command=${proxy_cmd[*]/$dir/\$TMP}"
say "rss_started_mb=$(mb VmRSS) threads=$(field Threads) pinning=${pin_proxy[*]:-none}"
command -v jcmd >/dev/null && say "gc=$(jcmd "$proxy" VM.flags 2>/dev/null | grep -o 'Use[A-Za-z0-9]*GC' | head -1)"
wrk_run 10s >/dev/null   # warm-up: JIT, pools
base=$(wrk_run "${duration}s")
say "baseline wrk -t1 -c$wrk_conns -d${duration}s: rps=$(rps "$base") p99=$(p99 "$base") $(wrk_errors "$base")"
say "rss_after_baseline_mb=$(mb VmRSS)"
heap() {
  command -v jcmd >/dev/null || return 0
  jcmd "$proxy" GC.heap_info 2>/dev/null | grep -E 'total|used' | grep -vE '^ +(eden|from|to|region|the) ' \
    | sed -E 's/ *\[0x[^]]*[])]//; s/^ +//' | paste -sd';' - | tr -s ' '
}
say "heap_before_idle: $(heap)"

coproc CLIENT { exec "${pin_others[@]}" python3 "$root/bench/idle-client.py" 127.0.0.1 "$port" "$conns"; }
client_in=${CLIENT[1]}; client_out=${CLIENT[0]}; pids+=("$CLIENT_PID")
start=$(date +%s.%N)
read -r opened <&"$client_out"
say "idle client: $opened (in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}') s)"
sleep 2
rss_idle=$(mb VmRSS)
say "rss_with_idle_mb=$rss_idle proxy_fds=$(fds) threads=$(field Threads)"
loaded=$(wrk_run "${duration}s")
say "with $conns idle, wrk -t1 -c$wrk_conns -d${duration}s: rps=$(rps "$loaded") p99=$(p99 "$loaded") $(wrk_errors "$loaded")"
rss_loaded=$(mb VmRSS)
say "rss_after_wrk_with_idle_mb=$rss_loaded rss_peak_mb=$(mb VmHWM)"
echo count >&"$client_in"; read -r counted <&"$client_out"
say "idle connections still open: $counted"
echo check >&"$client_in"; read -r checked <&"$client_out"
say "one more request on each: $checked"
say "rss_end_mb=$(mb VmRSS) rss_peak_mb=$(mb VmHWM)"
say "heap_with_idle: $(heap)"
echo quit >&"$client_in"; client_in=""; sleep 2
after=$(wrk_run "${duration}s")
say "idle closed again, wrk -t1 -c$wrk_conns -d${duration}s: rps=$(rps "$after") p99=$(p99 "$after") $(wrk_errors "$after")"
# The run beside the idle connections against the runs before and after them: against their mean, and
# against the slower of the two (the criterion: at least 0.9 of it), since a shared machine drifts.
ratios=$(awk -v a="$(rps "$loaded")" -v b="$(rps "$base")" -v c="$(rps "$after")" \
  'BEGIN{ if (b > 0 && c > 0) printf "%.2f %.2f", 2 * a / (b + c), a / (b < c ? b : c); else print "0 0" }')
peak=$(mb VmHWM)
ok=$(awk -v r="$peak" -v q="${ratios#* }" 'BEGIN{ print (r < 200 && q >= 0.9) ? "ok" : "missed" }')
say "verdict=$ok rss_peak_mb=$peak (target < 200) rps_with_idle_vs_mean=${ratios% *} vs_slower=${ratios#* } (-Xmx$heap -Xss$xss $java_opts)"
if ((record)); then
  {
    printf '\n## Idle connections: %s held open, %s\n\n' "$conns" "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf -- '- command: `%s`\n- commit: `%s`\n- date: `%s`\n\n```\n%s```\n' \
      "$command_line" "$(git -C "$root" rev-parse --short HEAD)" "$(date -u)" "$summary"
  } >> "$root/docs/benchmarks.md"
  echo "appended to docs/benchmarks.md" >&2
fi
