#!/usr/bin/env bash
# Coro against its peers, one table: for each workload the whole-process, steady-state and
# interpreter-only times of Coro, CPython, Node, Lua 5.4, LuaJIT and the hand-written Java
# limit, with ratios to Coro and every checksum verified; plus start-up (print 1) and, from a
# run with --engine.TraceCompilation, the proof that the JIT engaged. Not run by CI.
#
#   bench/compare.sh                      # everything (~12 min with RUNS=1 on 2 busy cores)
#   bench/compare.sh pipeline sieve       # only these workloads
#   RUNS=1 WARMUP=0 PARTS="whole interp" bench/compare.sh pipeline sieve   # a few minutes
#   PARTS=interp RUNTIMES="coro python node" bench/compare.sh loop fib pipeline
#       # interpreter only: the 3M loop, fib(27), the 1M pipeline
#
# Workloads: fib, loop, loop_top (the loop at the top level of a script) from bench/programs
# and bench/peers; pipeline, tree, pingpong, sieve
# (bench/generators against the programs of ../shared/peers, same sizes and checksums).
#   whole   median wall seconds of the whole process at the default size (WARMUP + RUNS runs,
#           the runtimes interleaved so that load on the machine hurts them alike)
#   steady  median ms of one run after warm-up in ONE process: `coro --bench ITERS` and the
#           Node/CPython drivers of bench/peers (median of the last half)
#   interp  whole process, interpreter only, at a smaller size: Coro with
#           --experimental-options --engine.Compilation=false, node --jitless, luajit -joff,
#           java -Xint (CPython and Lua 5.4 have no JIT)
# Environment: RUNS (3), WARMUP (1), ITERS (30: fewer end before the last JIT tier), PY_ITERS (3), STARTUP_RUNS (10),
#   PARTS (default "startup whole steady interp trace"), RUNTIMES (e.g. "coro python node"),
#   SIZE_<workload>, INTERP_SIZE_<workload> (checksums at other sizes come from CPython),
#   PYTHON (default /usr/bin/python3.11: the pyenv shim on PATH adds ~70 ms per start),
#   NODE, JAVA25, PEERS (default: shared/peers next to the checkout), BENCH_OUT.
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(dirname "$HERE")
PY=${PYTHON:-/usr/bin/python3.11}
[[ -x $PY ]] || { echo "needs CPython 3.11 at $PY (set PYTHON=...)" >&2; exit 2; }
# The peers' checkout lies next to this repository (or next to the folder of its worktrees).
if [[ -z ${PEERS:-} ]]; then
  for PEERS in "$ROOT/../shared/peers" "$ROOT/../../shared/peers"; do [[ -f $PEERS/benchmarks.tsv ]] && break; done
fi
[[ -f $PEERS/benchmarks.tsv ]] || { echo "peer programs not found in $PEERS (set PEERS=...)" >&2; exit 2; }
echo "== building Coro (if needed)" >&2
"$ROOT/bin/coro" --version >/dev/null
export CORO_NO_BUILD=1 PEERS PYTHON=$PY   # keep the staleness check out of the timings
exec "$PY" "$HERE/lib/compare.py" "$@"
