#!/usr/bin/env bash
# CPU cost of TLS termination, side by side: Shoal (`./shoal proxy --tls-cert --tls-key --threads 1`) against
# HAProxy (`nbthread 1`, `bind ... ssl crt`), the same certificate and key, the same paced load.
#
#   bench/tls-cost.sh [options]
#
# Built after ../shared/bench/proxy-cost.sh, for the same reason: on a 2-CPU machine the load generator and the
# backends (the other CPU) bound every proxy's rate, so what is compared is what each proxy itself spent (CPU
# time, user + system, all its threads and processes, from /proc) per request or per handshake, at the same pace.
# Both proxies are pinned to the same single CPU; the two nginx backends (plain HTTP, one worker) and the load
# generators share the other. Rounds alternate the proxies (shoal haproxy shoal haproxy ...) so that drift on the
# machine hits both. Three measurements:
#   keep-alive 20 B, keep-alive 16 KiB   wrk over https, --conns connections paced to --rate requests a second
#                                        (wrk's delay()); the connections' handshakes are a negligible share
#   handshakes                           `openssl s_time -new` (a full handshake each time, never a resumed
#                                        session, whatever the server offers), --hs-clients of them at once,
#                                        each a GET / on a new connection; paced by its own round trips
# The certificate is ECDSA P-256 (--key rsa: RSA 2048, whose signatures cost far more). Both proxies run their
# default versions and suites; the version, cipher and key exchange each settles with OpenSSL's client (the one
# wrk and s_time use) are printed first, to show that both encrypt alike.
#
# Options: --rate N (4000)  --conns N (50)  --duration S (10)  --rounds N (5)  --warmup S (15)
#          --hs-clients N (2)  --cpu N (0: the proxies' CPU)  --key ec|rsa (ec)
# Prints per measurement one line per proxy (median CPU microseconds per request or per handshake, the median
# rate served, and p50 / p99 for the keep-alive runs), then `cpu_ratio_shoal_vs_haproxy=X` (Shoal's CPU per
# request or handshake / HAProxy's; <= 1.0: Shoal as cheap or cheaper). Installs nginx, haproxy and wrk with
# apt-get when they are missing. Figures are recorded in docs/benchmarks.md.
set -euo pipefail
rate=4000 conns=50 duration=10 rounds=5 warmup=15 hs_clients=2 cpu=0 key=ec
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) rate=$2; shift 2 ;; --conns) conns=$2; shift 2 ;; --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;; --warmup) warmup=$2; shift 2 ;; --hs-clients) hs_clients=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;; --key) key=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ $key == ec || $key == rsa ]] || { echo "--key is ec or rsa" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
need=()
command -v nginx >/dev/null || need+=(nginx)
command -v haproxy >/dev/null || need+=(haproxy)
command -v wrk >/dev/null || need+=(wrk)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || { echo "could not install ${need[*]}" >&2; exit 2; }
fi
"$root/shoal" --version >/dev/null   # builds the jar first if it is missing or stale
ncpu=$(nproc); other=$(( (cpu + 1) % ncpu ))
tck=$(getconf CLK_TCK)
dir=$(mktemp -d -t tls-cost.XXXX); chmod 755 "$dir"   # nginx workers (not root) read the body files
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.3
            for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
b1=$(freeport); b2=$(freeport); pshoal=$(freeport); ph=$(freeport)

# One certificate for both proxies; HAProxy reads the chain and the key from one file.
if [[ $key == ec ]]; then newkey=(-newkey ec -pkeyopt ec_paramgen_curve:P-256); else newkey=(-newkey rsa:2048); fi
openssl req -x509 "${newkey[@]}" -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
cat "$dir/cert.pem" "$dir/key.pem" > "$dir/haproxy.pem"

mkdir -p "$dir/www"
head -c 20 /dev/zero | tr '\0' 'x' > "$dir/www/small"
head -c 16384 /dev/zero | tr '\0' 'x' > "$dir/www/large"
cat > "$dir/backend.conf" <<CONF
worker_processes 1; daemon off; pid $dir/backend.pid; error_log $dir/backend.err;
events { worker_connections 8192; }
http { access_log off; default_type text/plain;
  server { listen 127.0.0.1:$b1; root $dir/www; location = / { rewrite ^ /small break; } }
  server { listen 127.0.0.1:$b2; root $dir/www; location = / { rewrite ^ /small break; } } }
CONF
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
  bind 127.0.0.1:$ph ssl crt $dir/haproxy.pem alpn http/1.1
  default_backend b
backend b
  balance roundrobin
  http-reuse always
  server s1 127.0.0.1:$b1
  server s2 127.0.0.1:$b2
CONF
# The pacing: each connection waits conns/rate seconds between requests (wrk's delay(), in ms).
gap_ms=$(awk -v c="$conns" -v r="$rate" 'BEGIN{ g=c*1000/r; printf "%d", (g<1)?1:g }')
echo "function delay() return $gap_ms end" > "$dir/pace.lua"

taskset -c "$other" nginx -c "$dir/backend.conf" >/dev/null 2>&1 & pids+=($!)
taskset -c "$cpu" haproxy -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 & pids+=($!); pid_haproxy=$!
taskset -c "$cpu" "$root/shoal" proxy --listen "127.0.0.1:$pshoal" --backend "127.0.0.1:$b1" --backend "127.0.0.1:$b2" \
  --threads 1 --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem" >"$dir/shoal.log" 2>&1 & pids+=($!); pid_shoal=$!
for p in $b1 $b2 $ph; do waitport "$p" || { echo "a backend or HAProxy did not start" >&2; exit 2; }; done
waitport "$pshoal" || { echo "shoal did not listen on $pshoal; its log:" >&2; tail -20 "$dir/shoal.log" >&2; exit 2; }

port_of() { case $1 in shoal) echo "$pshoal" ;; haproxy) echo "$ph" ;; esac; }
pid_of() { case $1 in shoal) echo "$pid_shoal" ;; haproxy) echo "$pid_haproxy" ;; esac; }
# What each proxy settles with OpenSSL's client, and Shoal's TLS implementation as its start line says it.
for name in shoal haproxy; do
  settled=$(openssl s_client -connect "127.0.0.1:$(port_of $name)" -servername localhost </dev/null 2>/dev/null \
    | awk '/^New, / {sub(/^New, /, ""); v=$0} /Server Temp Key/ {sub(/.*Key: /, ""); k=$0} END {print v ", key exchange " k}')
  echo "$name tls: $settled"
done
grep -o 'TLS by .*' "$dir/shoal.log" | head -1 | sed 's/^/shoal: /' || true

# CPU ticks (user + system) of a process and every descendant (the launcher's JVM).
tree() { local k; echo "$1"; for k in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$k"; done; }
ticks() { local t=0 p; for p in $(tree "$1"); do
            t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo "$t"; }
ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }
# A paced keep-alive run; prints "requests p50_ms p99_ms rps". Big bodies come from /large on both backends.
keepalive() { local path=/; [[ $3 == 16k ]] && path=/large
  local out; out=$(taskset -c "$other" wrk -t1 -c"$conns" -d"$2" --latency -s "$dir/pace.lua" "https://127.0.0.1:$1$path" 2>&1)
  local errs; errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
  [[ -z $errs ]] || echo "port $1 $3: $errs" >&2
  echo "$(echo "$out" | awk '/requests in/ {print $1}') $(ms "$(echo "$out" | awk '$1=="50%" {print $2}')")" \
       "$(ms "$(echo "$out" | awk '$1=="99%" {print $2}')") $(echo "$out" | awk '/Requests\/sec/ {print $2}')"
}
# --hs-clients s_time clients at once, each a new full handshake and a GET per connection; prints "handshakes rate".
handshakes() { local i n=0 files=() clients=()
  for i in $(seq 1 "$hs_clients"); do
    taskset -c "$other" openssl s_time -connect "127.0.0.1:$1" -new -www / -time "$2" >"$dir/s_time.$i" 2>&1 &
    clients+=($!); files+=("$dir/s_time.$i")
  done
  wait "${clients[@]}" || true
  for f in "${files[@]}"; do n=$(( n + $(awk '/connections in .* real seconds/ {print $1; exit}' "$f" || echo 0) )); done
  echo "$n $(awk -v n="$n" -v d="$2" 'BEGIN{ printf "%.0f", n/d }')"
}
for name in shoal haproxy; do   # warm-up (the JIT, the pools); discarded
  keepalive "$(port_of $name)" "${warmup}s" 20 >/dev/null; keepalive "$(port_of $name)" "${warmup}s" 16k >/dev/null
  handshakes "$(port_of $name)" "$warmup" >/dev/null
done
declare -A cost p50 p99 rate_served
for r in $(seq 1 "$rounds"); do
  for kind in ka20 ka16k hs; do
    for name in shoal haproxy; do
      port=$(port_of $name); t0=$(ticks "$(pid_of $name)")
      case $kind in
        ka20) read -r n a b s < <(keepalive "$port" "${duration}s" 20) ;;
        ka16k) read -r n a b s < <(keepalive "$port" "${duration}s" 16k) ;;
        hs) read -r n s < <(handshakes "$port" "$duration"); a=- b=- ;;
      esac
      t1=$(ticks "$(pid_of $name)")
      k=$kind.$name
      cost[$k]+="$(awk -v d=$((t1 - t0)) -v n="$n" -v t="$tck" 'BEGIN{ printf "%.2f", (n>0) ? d*1e6/t/n : 0 }') "
      rate_served[$k]+="$s "; p50[$k]+="$a "; p99[$k]+="$b "
    done
  done
done
median() { tr ' ' '\n' | sed '/^$/d;/^-$/d' | sort -g | awk '{a[NR]=$1} END{ if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
for kind in ka20 ka16k hs; do
  case $kind in ka20) title="keep-alive, 20 B" unit=req ;; ka16k) title="keep-alive, 16 KiB" unit=req ;;
                hs) title="handshakes (a new connection and a GET each)" unit=handshake ;; esac
  echo "== $title"
  declare -A med=()
  for name in shoal haproxy; do
    k=$kind.$name; med[$name]=$(echo "${cost[$k]}" | median)
    printf '%-8s cpu_us_per_%s=%-8s per_s=%-9s p50_ms=%-7s p99_ms=%s\n' "$name" "$unit" "${med[$name]}" \
      "$(echo "${rate_served[$k]}" | median)" "$(echo "${p50[$k]}" | median)" "$(echo "${p99[$k]}" | median)"
  done
  awk -v s="${med[shoal]}" -v h="${med[haproxy]}" -v k="$kind" 'BEGIN{
    printf "cpu_ratio_shoal_vs_haproxy=%s   (%s; <= 1.0: Shoal as cheap or cheaper)\n", (h>0) ? sprintf("%.3f", s/h) : "-", k }'
done
