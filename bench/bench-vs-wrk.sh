#!/usr/bin/env bash
# shoal bench against wrk, in one run: the same nginx target (one worker, a 20-byte answer, on a loopback port this
# script picks, starts and stops), the same connection count, one load-generator thread each, rounds alternating
# the two tools (wrk then shoal, shoal then wrk, ...) so that drift on the machine hits both. nginx is pinned to one
# CPU and the generators to another (taskset), so the figures compare what one core of each generator can drive.
#
#   bench/bench-vs-wrk.sh [--conns N (50)] [--duration S (10)] [--rounds N (5)] [--warmup S (10)]
#
# shoal bench runs from the shoal-bench module's classpath (built here with Maven) in a new JVM each round, with
# --warmup S of discarded load first (its JIT compiles during it); wrk needs none. Installs wrk and nginx with
# apt-get when missing. Prints each round, the medians, and "ratio_vs_wrk=X" (shoal's rate / wrk's) last.
# Figures are recorded in docs/benchmarks.md.
set -euo pipefail
conns=50 duration=10 rounds=5 warmup=10
while [[ $# -gt 0 ]]; do
  case $1 in
    --conns) conns=$2; shift 2 ;; --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;; --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
if ((${#need[@]})); then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || { echo "could not install ${need[*]}" >&2; exit 2; }
fi
dir=$(mktemp -d -t bench-vs-wrk.XXXX); chmod 755 "$dir"
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

(cd "$root" && ./mvnw -B -q install -pl shoal-bench -am -DskipTests \
   && ./mvnw -B -q dependency:build-classpath -pl shoal-bench -Dmdep.includeScope=runtime -Dmdep.outputFile="$dir/cp") >&2
cp="$root/shoal-bench/target/classes:$(cat "$dir/cp")"

ncpu=$(nproc); target_cpu=0; load_cpu=$(( ncpu > 1 ? 1 : 0 ))
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat > "$dir/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $dir/nginx.pid; error_log $dir/nginx.err;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 10000000;
  server { listen 127.0.0.1:$port; location / { default_type text/plain; return 200 "hello from nginx 20\n"; } } }
CONF
taskset -c "$target_cpu" nginx -c "$dir/nginx.conf" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/"

run_wrk() { taskset -c "$load_cpu" wrk -t1 -c"$conns" -d"${duration}s" "$url" | awk '/^Requests\/sec:/ {print $2}'; }
run_shoal() {
  # shellcheck disable=SC2086 # SHOAL_JAVA_OPTS holds several flags
  taskset -c "$load_cpu" java ${SHOAL_JAVA_OPTS:-} -cp "$cp" io.shoal.bench.BenchCommand --threads 1 -c "$conns" \
    -d "${duration}s" --warmup "${warmup}s" "$url" | sed -n 's/^Requests .*: \([0-9,.]*\) req\/s.*/\1/p' | tr -d ,
}
taskset -c "$load_cpu" wrk -t1 -c"$conns" -d2s "$url" >/dev/null   # nginx's first connections and caches
echo "target: nginx $(nginx -v 2>&1 | sed 's/.*\///') on CPU $target_cpu; generators on CPU $load_cpu; -c $conns, ${duration}s rounds"
w=() s=()
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then a=$(run_wrk); b=$(run_shoal); else b=$(run_shoal); a=$(run_wrk); fi
  [[ -n $a && -n $b ]] || { echo "round $r: a tool printed no rate" >&2; exit 1; }
  w+=("$a"); s+=("$b")
  printf 'round %d: wrk %.0f req/s, shoal bench %.0f req/s\n' "$r" "$a" "$b"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
mw=$(median "${w[@]}"); ms=$(median "${s[@]}")
printf 'median: wrk %.0f req/s, shoal bench %.0f req/s\n' "$mw" "$ms"
awk -v s="$ms" -v w="$mw" 'BEGIN { printf "ratio_vs_wrk=%.3f\n", s / w }'
