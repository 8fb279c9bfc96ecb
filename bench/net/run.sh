#!/usr/bin/env bash
# Echo throughput and latency on loopback: the Coro echo server (examples/echo_server.coro),
# an asyncio one and a Node one, each driven by the same Node client (bench/net/client.js).
#   bench/net/run.sh [N clients] [M round trips] [warm-up rounds] [measured rounds]
# All three servers are started on port 0 and stay up. Each is first driven WARMUP times
# unmeasured (the JITs warm up); then ROUNDS measured rounds go round-robin over the servers,
# so a change in the machine's load hits all three alike. Per server it prints every measured
# run and the medians, with the server process's CPU time per request (all its threads,
# from /proc, JIT compiler threads included). Needs node and /usr/bin/python3.11.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
N=${1:-50}
M=${2:-2000}
WARMUP=${3:-2}
ROUNDS=${4:-5}
PYTHON=${PYTHON:-/usr/bin/python3.11}
TICK=$(getconf CLK_TCK)

NAMES=(coro asyncio node)
declare -A PID PORT OUT RESULTS
CLEANUP=()
trap 'for p in "${CLEANUP[@]}"; do kill -- -"$p" 2>/dev/null || true; done' EXIT

start() {
  local name=$1; shift
  OUT[$name]=$(mktemp)
  setsid "$@" > "${OUT[$name]}" &
  PID[$name]=$!     # the leader of its own process group: bin/coro's JVM goes with it
  CLEANUP+=("${PID[$name]}")
  local port=""
  for _ in $(seq 600); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "${OUT[$name]}" | head -1)
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "$name: did not start" >&2; exit 1; }
  PORT[$name]=$port
}

# CPU ticks (user + system) of every process in the server's process group.
cpu_ticks() {
  awk -v g="$1" '{ sub(/^.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }' \
    /proc/[0-9]*/stat 2>/dev/null
}

start coro "$ROOT/bin/coro" "$ROOT/examples/echo_server.coro" 0
start asyncio "$PYTHON" "$ROOT/bench/net/echo_server.py" 0
start node node "$ROOT/bench/net/echo_server.js" 0

for name in "${NAMES[@]}"; do
  for _ in $(seq "$WARMUP"); do node "$ROOT/bench/net/client.js" "${PORT[$name]}" "$N" "$M" > /dev/null; done
done

echo "load before the measured rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    before=$(cpu_ticks "${PID[$name]}")
    line=$(node "$ROOT/bench/net/client.js" "${PORT[$name]}" "$N" "$M")
    after=$(cpu_ticks "${PID[$name]}")
    us=$(awk -v t=$((after - before)) -v hz="$TICK" -v r=$((N * M)) 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
    printf '%-8s round %d: %s, server CPU %s us/request\n' "$name" "$round" "$line" "$us"
    RESULTS[$name]+="$line cpu $us"$'\n'
  done
done

echo
printf '%-8s %12s %10s %10s %14s   (medians of %d rounds of %d clients x %d round trips)\n' \
  server req/s p50_ms p99_ms cpu_us/request "$ROUNDS" "$N" "$M"
for name in "${NAMES[@]}"; do
  printf '%s' "${RESULTS[$name]}" | awk -v name="$name" '
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { for (i = 1; i <= NF; i++) {
        if ($i == "req/s,") rps[NR] = $(i - 1)
        if ($i == "p50") p50[NR] = $(i + 1)
        if ($i == "p99") p99[NR] = $(i + 1)
        if ($i == "cpu") cpu[NR] = $(i + 1)
      } }
    END { printf "%-8s %12d %10.3f %10.3f %14.1f\n", name, median(rps, NR), median(p50, NR), median(p99, NR), median(cpu, NR) }'
done
