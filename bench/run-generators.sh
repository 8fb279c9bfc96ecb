#!/usr/bin/env bash
# Coro against the peers on the four generator workloads of ../shared/peers
# (pipeline, tree, pingpong, sieve): same sizes, same checksums.
#
#   bench/run-generators.sh               # all four
#   bench/run-generators.sh tree sieve    # only these
#
# whole   median wall seconds of the whole process at the default size (hyperfine,
#         1 warm-up + RUNS runs): Coro (bench/generators/*.coro) and every peer command
#         of ../shared/peers/benchmarks.tsv (Python, Node, Lua 5.4, LuaJIT, Java limit).
# steady  nanoseconds per element in one process after warm-up: `coro --bench ITERS`
#         and the Node/Python drivers of bench/peers/generators (median of the last half).
# Ratios are peer / Coro (above 1: Coro is faster).
# Environment: RUNS (default 5), ITERS (default 12), PEERS (default ../shared/peers),
# PYTHON, BENCH_OUT, STEADY_SIZE_<workload> to change a steady-state size.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(dirname "$HERE")
CORO=$ROOT/bin/coro
PEERS=${PEERS:-$(cd "$ROOT/.." && pwd)/shared/peers}
PYTHON=${PYTHON:-$(pyenv which python3 2>/dev/null || command -v python3)}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
RUNS=${RUNS:-5}
ITERS=${ITERS:-12}
OUT=${BENCH_OUT:-${TMPDIR:-/tmp}/coro-bench-generators}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
[[ -f $PEERS/benchmarks.tsv ]] || { echo "peer programs not found in $PEERS (set PEERS=...)" >&2; exit 2; }

# workload, default size, elements per run (for ns/element), steady-state size
declare -A SIZE=([pipeline]=10000000 [tree]=20 [pingpong]=10000000 [sieve]=2000)
declare -A ELEMENTS=([pipeline]=10000000 [tree]=2097151 [pingpong]=10000000 [sieve]=2000)
WANT=("$@")
[[ ${#WANT[@]} -gt 0 ]] || WANT=(pipeline tree pingpong sieve)

echo "== building Coro and the Java limit programs" >&2
"$CORO" --version >/dev/null
export CORO_NO_BUILD=1
JBUILD=$OUT/java-build
mkdir -p "$JBUILD"
"$(dirname "$JAVA25")/javac" -d "$JBUILD" "$PEERS"/java/*.java

median_s() {   # hyperfine median of one command line
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/h.json" "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$OUT/h.json"
}

RESULTS=$OUT/results.tsv
printf 'workload\truntime\twhole_s\tsteady_ns_per_element\n' > "$RESULTS"
for w in "${WANT[@]}"; do
  expected=$(awk -F'\t' -v w="$w" '$1 == w { print $3; exit }' "$PEERS/benchmarks.tsv")
  # Coro
  got=$("$CORO" "$HERE/generators/$w.coro" "${SIZE[$w]}")
  [[ $got == "$expected" ]] || { echo "CHECKSUM MISMATCH $w/coro: $got != $expected" >&2; exit 1; }
  echo "== $w/coro" >&2
  whole=$(median_s "$CORO $HERE/generators/$w.coro ${SIZE[$w]}")
  ms=$("$CORO" --bench "$ITERS" "$HERE/generators/$w.coro" "${SIZE[$w]}" 2>&1 >/dev/null | sed -n 's/^median_ms=//p')
  ns=$(python3 -c "print('%.1f' % ($ms * 1e6 / ${ELEMENTS[$w]}))")
  printf '%s\tcoro\t%s\t%s\n' "$w" "$whole" "$ns" >> "$RESULTS"
  # peers: whole process from the shared table, steady state from our drivers
  while IFS=$'\t' read -r wl rt exp cmd; do
    [[ $wl == "$w" ]] || continue
    cmd=${cmd//\$JAVA25/$JAVA25}; cmd=${cmd//\$PYTHON/$PYTHON}; cmd=${cmd//\$JBUILD/$JBUILD}
    first=${cmd%% *}
    command -v "$first" >/dev/null 2>&1 || { echo "skip $w/$rt: $first not installed" >&2; continue; }
    got=$(cd "$PEERS" && $cmd 2>/dev/null || true)
    [[ $got == "$exp" ]] || { echo "skip $w/$rt: checksum '$got'" >&2; continue; }
    echo "== $w/$rt" >&2
    whole=$(cd "$PEERS" && median_s "$cmd")
    steady=-
    case $rt in
      node)   ms=$(node "$HERE/peers/generators/$w.js" "${SIZE[$w]}" "$ITERS" 2>&1 >/dev/null | sed -n 's/^median_ms=//p') ;;
      python) ms=$("$PYTHON" "$HERE/peers/generators/$w.py" "${SIZE[$w]}" 3 2>&1 >/dev/null | sed -n 's/^median_ms=//p') ;;
      *)      ms= ;;
    esac
    [[ -n $ms ]] && steady=$(python3 -c "print('%.1f' % ($ms * 1e6 / ${ELEMENTS[$w]}))")
    printf '%s\t%s\t%s\t%s\n' "$w" "$rt" "$whole" "$steady" >> "$RESULTS"
  done < "$PEERS/benchmarks.tsv"
done

echo
awk -F'\t' '
  NR == 1 { next }
  $2 == "coro" { cw[$1] = $3; cs[$1] = $4 }
  { rows[++n] = $0 }
  function r(a, b) { return (a + 0 > 0 && b + 0 > 0 && a != "-" && b != "-") ? sprintf("%.2f", a / b) : "-" }
  END {
    printf "%-9s %-16s %9s %11s %12s %16s\n", "workload", "runtime", "whole s", "ns/elem", "whole/coro", "ns/elem / coro"
    for (i = 1; i <= n; i++) {
      split(rows[i], f, "\t")
      printf "%-9s %-16s %9s %11s %12s %16s\n", f[1], f[2], f[3], f[4], r(f[3], cw[f[1]]), r(f[4], cs[f[1]])
    }
  }' "$RESULTS"
echo "(raw: $RESULTS)"
