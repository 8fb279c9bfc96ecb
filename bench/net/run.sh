#!/usr/bin/env bash
# Echo throughput and latency on loopback: the Coro echo server (examples/echo_server.coro),
# an asyncio one and a Node one, each driven by the same Node client (bench/net/client.js).
#   bench/net/run.sh [N clients] [M round trips] [warm-up rounds]
# Each server is started on port 0; the client first runs WARMUP times unmeasured (the JITs
# warm up), then once measured. Needs node and /usr/bin/python3.11 on the machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
N=${1:-50}
M=${2:-2000}
WARMUP=${3:-2}
PYTHON=${PYTHON:-/usr/bin/python3.11}

bench() {
  local name=$1; shift
  local out; out=$(mktemp)
  setsid "$@" > "$out" &
  local pid=$!     # the leader of its own process group: bin/coro's JVM goes with it
  local port=""
  for _ in $(seq 600); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out" | head -1)
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "$name: did not start" >&2; kill "$pid"; exit 1; }
  for _ in $(seq "$WARMUP"); do node "$ROOT/bench/net/client.js" "$port" "$N" "$M" > /dev/null; done
  printf '%-8s ' "$name"
  node "$ROOT/bench/net/client.js" "$port" "$N" "$M"
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
}

bench coro "$ROOT/bin/coro" "$ROOT/examples/echo_server.coro" 0
bench asyncio "$PYTHON" "$ROOT/bench/net/echo_server.py" 0
bench node node "$ROOT/bench/net/echo_server.js" 0
