#!/usr/bin/env bash
# Issue 7: how fast the autoscaler answers a load step, beside how fast a replica starts.
#
#   bench/autoscale-step.sh [--rounds N (3)] [--high RATE (60)] [--low RATE (4)]
#
# The step of AutoscaleIntegrationTest: demo-app replicas serving /work?ms=200 four at a time (20 req/s
# each at most), autoscale {min 1, max 8, in_flight 3, p95_latency 500ms, interval 1s}; `shoal bench`
# sends LOW req/s for 6 s, then HIGH for 20 s (open model). The admin API is read every 100 ms. Printed
# per round: the time from the step to 4 ready replicas ("enough": HIGH x 0.2 s / 3 in flight each),
# and each new replica's own start-up time read the same way (first seen STARTING to first seen READY).
# The step is 6 s after the load generator's first connection (seen with ss), not after its JVM started.
# Target of the issue: step -> enough ready <= start-up + 3 s.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=3 high=60 low=4
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;; --high) high=$2; shift 2 ;; --low) low=$2; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
"$root/shoal" --version >/dev/null   # builds shoal-cli/target/shoal.jar when missing or stale
jar=$root/shoal-cli/target/shoal.jar
app=$root/examples/demo-app/target/demo-app.jar
[[ -f $app ]] || (cd "$root" && ./mvnw -B -o -q -DskipTests package -pl examples/demo-app)
small=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for round in $(seq 1 "$rounds"); do
  dir=$(mktemp -d -t shoal-autoscale.XXXX)
  cat > "$dir/shoal.yaml" <<YAML
listeners: [{address: "127.0.0.1:0"}]
services:
  web:
    health_check: {path: /health, interval: 250ms, timeout: 1s, rise: 1, fall: 1}
    drain_timeout: 5s
    run:
      command: [java, ${small[0]}, ${small[1]}, ${small[2]}, -Xmx48m, -jar, "$app", --max-concurrency, "4"]
      replicas: 1
      stop_grace_period: 5s
      ready_timeout: 20s
    autoscale:
      min: 1
      max: 8
      targets: {in_flight: 3, p95_latency: 500ms}
      interval: 1s
      behavior:
        scale_down: {stabilization_window: 5s}
YAML
  (cd "$dir" && exec java "${small[@]}" -jar "$jar" up -f shoal.yaml --admin 127.0.0.1:0 >"$dir/up.log" 2>&1) &
  up=$!
  trap 'kill $up 2>/dev/null || true; sleep 1; rm -rf "$dir"' EXIT
  python3 - "$dir" "$jar" "$low" "$high" "$round" <<'PY'
import json, re, subprocess, sys, time, urllib.request
dir, jar, low, high, round_ = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
def wait(what, cond, limit=60):
    end = time.time() + limit
    while time.time() < end:
        try:
            value = cond()
            if value:
                return value
        except (OSError, ValueError, AttributeError, KeyError):
            pass
        time.sleep(0.1)
    sys.exit(f"round {round_}: {what} did not happen within {limit} s; see {dir}/up.log")
def replicas():
    admin = open(f"{dir}/.shoal/admin").read().strip()
    with urllib.request.urlopen(f"http://{admin}/api/v1/replicas", timeout=5) as r:
        return json.load(r)["replicas"]
port = wait("listening", lambda: re.search(r"listening on [^:]+:(\d+)", open(f"{dir}/up.log").read()).group(1))
wait("1 ready replica", lambda: [r["state"] for r in replicas()] == ["READY"])
enough = -(-int(high * 0.2) // 3)
there = {r["id"] for r in replicas()}
bench = subprocess.Popen(["java", "-XX:+UseSerialGC", "-jar", jar, "bench", "--rate", str(low), "--stages",
                          f"6s:{low},100ms:{high},20s:{high}", "-c", "400", "--timeout", "30s",
                          f"http://127.0.0.1:{port}/work?ms=200"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
def connected():  # the bench's clock starts with its first connection, after its JVM has started
    return subprocess.run(["ss", "-Htn", "state", "established", f"( dport = :{port} )"],
                          capture_output=True, text=True).stdout.strip()
wait("the bench's first connection", connected, 30)
step = time.monotonic() + 6
seen, ready, enough_at = {}, {}, None
while bench.poll() is None:
    now = time.monotonic()
    try:
        rs = replicas()
    except OSError:
        continue
    for r in rs:
        if r["id"] in there:
            continue
        if r["state"] not in ("STOPPING", "FAILED"):
            seen.setdefault(r["id"], now)
        if r["state"] == "READY":
            ready.setdefault(r["id"], now)
    if enough_at is None and now >= step and sum(r["state"] == "READY" for r in rs) >= enough:
        enough_at = now
    time.sleep(0.1)
out = bench.stdout.read()
failed = re.search(r"(\d+) failed|failures?\s*[:=]?\s*(\d+)", out)
startups = sorted(ready[i] - seen[i] for i in ready if i in seen)
print(f"round {round_}: step {low:g} -> {high:g} req/s; step -> {enough} ready: "
      + (f"{enough_at - step:.1f} s" if enough_at else "never")
      + "; replica start-up: " + ", ".join(f"{s:.1f}" for s in startups) + " s"
      + (f" (median {startups[len(startups) // 2]:.1f} s)" if startups else ""))
print("  bench: " + " | ".join(l.strip() for l in out.splitlines() if re.search(r"requests|fail|p95|p99", l, re.I))[:400])
PY
  kill "$up"; wait "$up" 2>/dev/null || true
  rm -rf "$dir"; trap - EXIT
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
