#!/usr/bin/env bash
# Issue 3, point 5: start-up time of `shoal proxy` to its first answered request, with and without an
# application class-data-sharing archive (AppCDS, JDK 13+ dynamic archive: -XX:ArchiveClassesAtExit,
# then -XX:SharedArchiveFile). Also -Xshare:off, to show what the JDK's own default archive gives.
#
#   bench/startup.sh [--rounds N (10)] [--heap SIZE (64m)] [--cpu LIST (no pinning)] [--record]
#
# Steps: an nginx backend; a training run of the proxy with -XX:ArchiveClassesAtExit that serves a
# second of wrk traffic and is stopped with SIGTERM (the archive is written at exit); then N rounds of
# each variant in turn (bench/startup-probe.py): start, poll GET / every 2 ms until a 200, stop.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=10 heap=64m cpu="" record=0
command_line="bench/startup.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;; --heap) heap=$2; shift 2 ;; --cpu) cpu=$2; shift 2 ;;
    --record) record=1; shift ;;
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
"$root/shoal" --version >/dev/null   # builds shoal-cli/target/shoal.jar when missing or stale
jar=$root/shoal-cli/target/shoal.jar
dir=$(mktemp -d -t shoal-startup.XXXX); chmod 755 "$dir"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.3
            for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
pin=(); [[ -z $cpu ]] || pin=(taskset -c "$cpu")
backend=$(freeport)
mkdir -p "$dir/www"; printf 'hello from the backend' > "$dir/www/body"
cat > "$dir/backend.conf" <<CONF
worker_processes 1; daemon off; pid $dir/backend.pid; error_log $dir/backend.err;
events { worker_connections 1024; }
http { access_log off;
  server { listen 127.0.0.1:$backend; location / { root $dir/www; default_type text/plain; rewrite ^ /body break; } } }
CONF
nginx -c "$dir/backend.conf" >/dev/null 2>&1 & pids+=($!)
waitport "$backend" || { echo "the nginx backend did not start" >&2; exit 2; }

# Training run: the classes loaded while starting and serving go into the archive, written at exit.
jsa=$dir/shoal.jsa port=$(freeport)
"${pin[@]}" java -Xmx"$heap" -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off,cds+dynamic=off -jar "$jar" proxy \
  --listen "127.0.0.1:$port" --backend "127.0.0.1:$backend" --threads 1 >"$dir/train.log" 2>&1 & train=$!
waitport "$port" || { echo "the training run did not listen; its log:" >&2; tail "$dir/train.log" >&2; exit 2; }
wrk -t1 -c4 -d1s "http://127.0.0.1:$port/" >/dev/null
dump_start=$(date +%s%N); kill -TERM "$train"; wait "$train" || true
dump_ms=$(( ($(date +%s%N) - dump_start) / 1000000 ))
[[ -s $jsa ]] || { echo "no archive was written; the training log:" >&2; tail "$dir/train.log" >&2; exit 2; }
summary="archive: $(du -k "$jsa" | cut -f1) KiB, written at exit in ${dump_ms} ms (stop and dump); JVM: $(java -version 2>&1 | sed -n 2p)"$'\n'
echo "$summary" >&2

results=$(python3 "$root/bench/startup-probe.py" --rounds "$rounds" \
  --variant "default=" --variant "appcds=-XX:SharedArchiveFile=$jsa" --variant "noshare=-Xshare:off" \
  -- "${pin[@]}" java -Xmx"$heap" {jvm} -jar "$jar" proxy --listen '127.0.0.1:{port}' \
  --backend "127.0.0.1:$backend" --threads 1)
summary+="${results//$jsa/shoal.jsa}"$'\n'
printf '\n%s' "$summary"
if ((record)); then
  {
    printf '\n## Start-up to first answered request (CDS), %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf -- '- command: `%s`\n- commit: `%s`\n- date: `%s`\n- load average before: %s\n\n```\n%s```\n' \
      "$command_line" "$(git -C "$root" rev-parse --short HEAD)" "$(date -u)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$summary"
  } >> "$root/docs/benchmarks.md"
  echo "appended to docs/benchmarks.md" >&2
fi
