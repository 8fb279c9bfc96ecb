#!/usr/bin/env bash
# Coro against CPython and Node on the micro benchmarks of bench/programs (Coro) and
# bench/peers (the same programs in Python and JavaScript).
#
#   bench/run.sh              # all benchmarks
#   bench/run.sh fib          # only these
#
# Two measurements per program and runtime:
#   whole   median wall time of the whole process (start-up included): hyperfine if
#           installed (apt-get install -y hyperfine), else a plain timing loop;
#   steady  median time of one run of the program after warm-up, in ONE process:
#           `coro --bench ITERS` (see launcher Bench.java) and the peers' harness.
# Ratios are peer / Coro: above 1 means Coro is faster.
#
# Environment: RUNS (whole-process runs, default 5), ITERS (in-process iterations for Coro
# and Node, default 10; the median is over the last half), PY_ITERS (default 3: CPython has
# no JIT to warm up), PYTHON, NODE (interpreters), BENCH_OUT (result folder).
# The coroutine workloads of ../shared/peers (next to this repository) are a later addition.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(dirname "$HERE")
CORO=$ROOT/bin/coro
# The real interpreter: the pyenv shim (a shell script) adds ~70 ms to every start.
PYTHON=${PYTHON:-$(pyenv which python3 2>/dev/null || command -v python3 || true)}
NODE=${NODE:-$(command -v node || true)}
RUNS=${RUNS:-5}
ITERS=${ITERS:-10}
PY_ITERS=${PY_ITERS:-3}
OUT=${BENCH_OUT:-${TMPDIR:-/tmp}/coro-bench}
mkdir -p "$OUT"

# name  size  expected checksum
BENCHMARKS=(
  "fib 30 832040"
  "loop 100000000 299999995"
)
WANT=("$@")

selected() {
  [[ ${#WANT[@]} -eq 0 ]] && return 0
  local w; for w in "${WANT[@]}"; do [[ $w == "$1" ]] && return 0; done; return 1
}

# Prints the command line of benchmark $1 on runtime $2 (empty if the runtime is missing).
command_for() {
  case $2 in
    coro)   echo "$CORO $HERE/programs/$1.coro" ;;
    python) [[ -n $PYTHON ]] && echo "$PYTHON $HERE/peers/$1.py" ;;
    node)   [[ -n $NODE ]] && echo "$NODE $HERE/peers/$1.js" ;;
  esac
}

# Median wall seconds of running "$@" RUNS times (after one warm-up run).
whole_process() {
  local json=$OUT/whole.json
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    local i t0 t1
    "$@" >/dev/null 2>&1
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
      echo $(( (t1 - t0) / 1000 ))
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n", (a[int((NR + 1) / 2)] + a[int(NR / 2) + 1]) / 2e6 }'
  fi
}

# Median milliseconds per iteration in one process (the programs print median_ms= on stderr).
steady_state() {
  local rt=$1; shift
  case $rt in
    coro)   "$CORO" --bench "$ITERS" "$@" ;;    # "$@" = program.coro size
    python) "$PYTHON" "$@" "$PY_ITERS" ;;
    node)   "$NODE" "$@" "$ITERS" ;;
  esac 2>&1 >/dev/null | sed -n 's/^median_ms=//p'
}


echo "== building Coro (if needed)" >&2
"$CORO" --version >/dev/null
export CORO_NO_BUILD=1       # keep the staleness check out of the timings

RESULTS=$OUT/results.tsv
printf 'benchmark\truntime\twhole_s\tsteady_ms\n' > "$RESULTS"
fail=0
for spec in "${BENCHMARKS[@]}"; do
  read -r name size expected <<<"$spec"
  selected "$name" || continue
  for rt in coro python node; do
    cmd=$(command_for "$name" "$rt")
    [[ -n $cmd ]] || { echo "skip $name/$rt: runtime not found" >&2; continue; }
    # shellcheck disable=SC2086  # the command line is split into words on purpose
    got=$($cmd "$size" 2>/dev/null || true)
    if [[ $got != "$expected" ]]; then
      echo "CHECKSUM MISMATCH $name/$rt: got '$got', expected '$expected'" >&2
      fail=1
      continue
    fi
    echo "== $name/$rt: checksum ok, timing..." >&2
    # shellcheck disable=SC2086
    whole=$(whole_process $cmd "$size")
    # shellcheck disable=SC2086
    steady=$(steady_state "$rt" ${cmd#* } "$size")
    printf '%s\t%s\t%s\t%s\n' "$name" "$rt" "$whole" "${steady:--}" >> "$RESULTS"
  done
done

# The table: each peer's times divided by Coro's.
echo
awk -F'\t' '
  NR == 1 { next }
  { whole[$1, $2] = $3; steady[$1, $2] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } rts[$1] = rts[$1] " " $2 }
  function r(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.2f", a / b) : "-" }
  END {
    printf "%-10s %-8s %12s %14s %12s %14s\n", "benchmark", "runtime", "whole s", "steady ms", "whole/coro", "steady/coro"
    for (i = 1; i <= n; i++) {
      b = order[i]; split(substr(rts[b], 2), list, " ")
      for (j = 1; (j in list); j++) {
        rt = list[j]
        printf "%-10s %-8s %12s %14s %12s %14s\n", b, rt, whole[b, rt], steady[b, rt],
               r(whole[b, rt], whole[b, "coro"]), r(steady[b, rt], steady[b, "coro"])
      }
    }
  }' "$RESULTS"
echo "(results: $RESULTS; ratios above 1 mean Coro is faster)"
exit $fail
