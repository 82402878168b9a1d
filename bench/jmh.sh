#!/usr/bin/env bash
# JMH micro-benchmarks of shoal-benchmarks (issue 3): every balancer's pick over 3/30/300 targets,
# Hashing.hash, consistent-hash ring rebuilds, and Netty's request-head decode/encode round trip.
# Builds shoal-benchmarks/target/benchmarks.jar, runs it with one fork and short iterations, and prints
# the results as Markdown tables (scores are means with JMH's 99.9 % error, over the iterations): the
# wall-clock score, the CPU time of the benchmark thread per operation (io.shoal.benchmarks.CpuTimeProfiler;
# far less inflated than wall-clock time when other jobs share the CPUs) and bytes allocated per operation.
#
#   bench/jmh.sh [--no-build] [--record] [--warmups N] [--iterations N] [--time T] [-- JMH args]
#
#   --no-build     use the benchmarks.jar already built
#   --record       also append the tables, command, commit, date and load to docs/benchmarks.md
#   --warmups N    warm-up iterations (8: with other jobs on the CPUs, C2 needs several seconds to
#                  settle; a 300-target ring rebuild is still interpreted-speed after 3)
#   --iterations N measurement iterations (5)
#   --time T       length of an iteration, in JMH syntax: 1s, 500ms (1s)
#   after --        JMH arguments, e.g. a regex of benchmarks: -- 'PickBenchmark' -p targets=300
#
# The whole default set takes about 9 minutes. On a shared machine the figures are noisy: compare
# ratios within one run rather than absolute numbers across runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=1 record=0 warmups=8 iterations=5 time=1s
command_line="bench/jmh.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-build) build=0; shift ;;
    --record) record=1; shift ;;
    --warmups) warmups=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --time) time=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
jar=$root/shoal-benchmarks/target/benchmarks.jar
if ((build)) || [[ ! -f $jar ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package -pl shoal-benchmarks -am) >&2
fi
out=$(mktemp -d -t shoal-jmh.XXXX)
trap 'rm -rf "$out"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -jar "$jar" -f 1 -wi "$warmups" -w "$time" -i "$iterations" -r "$time" -rf json -rff "$out/jmh.json" \
  -prof io.shoal.benchmarks.CpuTimeProfiler -prof gc "$@" \
  | tee "$out/jmh.log" | grep -E '^(# Benchmark:|# Parameters:|Benchmark|[A-Z][A-Za-z]+\.)' >&2 || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[[ -s $out/jmh.json ]] || { echo "JMH wrote no results; see its output above" >&2; exit 1; }

tables=$(python3 - "$out/jmh.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
def fmt(x):
    return "%.0f" % x if abs(x) >= 100 else "%.1f" % x if abs(x) >= 10 else "%.2f" % x
def metric(r, name=None):
    m = r["primaryMetric"] if name is None else r.get("secondaryMetrics", {}).get(name)
    if not m:
        return ""
    err = m.get("scoreError")
    err = " ± %s" % fmt(err) if isinstance(err, (int, float)) and err == err else ""
    return fmt(m["score"]) + err
def alloc(r):
    m = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return "" if not m else "%.0f" % m["score"] if m["score"] >= 1 else "0"
picks = [r for r in results if r["benchmark"].endswith("PickBenchmark.pick")]
if picks:
    sizes = sorted({int(r["params"]["targets"]) for r in picks})
    algos = []
    for r in picks:
        if r["params"]["algorithm"] not in algos:
            algos.append(r["params"]["algorithm"])
    unit = picks[0]["primaryMetric"]["scoreUnit"]
    def pivot(title, value):
        print(title + "\n")
        print("| algorithm | " + " | ".join("%d targets" % s for s in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        for a in algos:
            row = {int(r["params"]["targets"]): value(r) for r in picks if r["params"]["algorithm"] == a}
            print("| %s | %s |" % (a, " | ".join(row.get(s, "") for s in sizes)))
        print()
    if any("cpu.time.per.op" in r.get("secondaryMetrics", {}) for r in picks):
        pivot("Pick, CPU time of the benchmark thread, %s (mean ± 99.9 %% error):" % unit,
              lambda r: metric(r, "cpu.time.per.op"))
    pivot("Pick, wall-clock time (JMH score), %s (mean ± 99.9 %% error):" % unit, metric)
    allocs = [r["secondaryMetrics"]["gc.alloc.rate.norm"]["score"] for r in picks
              if "gc.alloc.rate.norm" in r.get("secondaryMetrics", {})]
    if allocs:
        print("Allocation per pick (gc.alloc.rate.norm), largest over all of them: %.3f B/op\n" % max(allocs))
others = [r for r in results if r not in picks]
if others:
    print("| benchmark | params | wall-clock | CPU time | alloc B/op | unit |")
    print("|---|---|---:|---:|---:|---|")
    for r in others:
        name = r["benchmark"].replace("io.shoal.benchmarks.", "")
        params = ", ".join("%s=%s" % kv for kv in (r.get("params") or {}).items())
        print("| %s | %s | %s | %s | %s | %s |" % (name, params, metric(r), metric(r, "cpu.time.per.op"),
                                                 alloc(r), r["primaryMetric"]["scoreUnit"]))
PY
)
jvm=$(java -version 2>&1 | sed -n 2p)
settings="forks=1, warm-up $warmups x $time, measurement $iterations x $time, $(nproc) CPUs; load average before: $load_before, after: $load_after"
printf '\n%s\n\n%s\n' "$settings" "$tables"
if ((record)); then
  {
    printf '\n## JMH micro-benchmarks, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf -- '- command: `%s`\n- commit: `%s`\n- date: `%s`\n- JVM: %s\n- settings: %s\n\n' \
      "$command_line" "$(git -C "$root" rev-parse --short HEAD)" "$(date -u)" "$jvm" "$settings"
    printf '%s\n' "$tables"
  } >> "$root/docs/benchmarks.md"
  echo "appended to docs/benchmarks.md" >&2
fi
