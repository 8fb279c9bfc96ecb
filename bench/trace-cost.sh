#!/usr/bin/env bash
# The coroutine tracer costs nothing when it is off: compares the compiled code size (the
# CodeSize of --engine.TraceCompilation's "opt done" lines) of the same compilation units of a
# workload with the coro-trace instrument absent (its classes and registration removed from the
# language jar) and present but off (the distribution as built). Code sizes do not depend on the
# machine's load, so this runs fine on a busy machine; timings are not compared here.
#
#   bench/trace-cost.sh                      pipeline (1M) and tasks (20,000), two runs of each variant
#   bench/trace-cost.sh PROGRAM [ARGS...]    one workload
#   RUNS=N                                    runs per variant (default 2; run-to-run differences show the noise)
#   BENCH=N                                   iterations of the program per run (default 6)
#   TIMING=N                                  instead: steady-state times (coro --bench 10, median ms),
#                                             N alternating pairs absent/off per workload (use a quiet machine)
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
RUNS=${RUNS:-2}
BENCH=${BENCH:-6}    # iterations of the program in one process (coro --bench), so the hot loops reach tier 2
"$ROOT/bin/coro" -e 'nil' >/dev/null     # builds the distribution if the sources changed
DIST=$ROOT/launcher/target/dist
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A copy of the distribution (fresh jar copies, so neither variant uses the AOT cache); "absent"
# has no coro-trace instrument at all.
variant() {
  local d=$WORK/$1
  mkdir -p "$d/bin" "$d/lib"
  for x in runtime compiler modules; do [[ -e $DIST/$x ]] && ln -s "$DIST/$x" "$d/$x"; done
  cp "$DIST/bin/coro" "$d/bin/"
  cp "$DIST"/lib/*.jar "$d/lib/"
  if [[ $1 == absent ]]; then
    zip -q -d "$d"/lib/coro-language-*.jar 'dev/coro/language/trace/*' \
      'META-INF/services/com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider'
    if "$d/bin/coro" --coro-trace -e 'nil' >/dev/null 2>&1; then
      echo "trace-cost: the instrument is still there in the 'absent' copy" >&2
      exit 1
    fi
  fi
}
variant absent
variant off

# "name|tier#n size" for every opt done line (n: the n-th compilation of that name and tier).
sizes() {
  local v=$1; shift
  # compilation in the foreground: each unit is compiled at the same point of every run
  "$WORK/$v/bin/coro" --experimental-options --engine.BackgroundCompilation=false --engine.TraceCompilation=true \
    --bench "$BENCH" "$@" 2>&1 >/dev/null |
    sed -n 's/^\[engine\] opt done .* id=[0-9]* *\(.*[^ ]\) *|\(Tier [12]\)|.*|CodeSize *\([0-9]*\)|.*/\1|\2 \3/p' |
    awk '{ size=$NF; $NF=""; key=$0; sub(/ $/, "", key); n[key]++; print key "#" n[key] " " size }' | sort
}

compare() {
  echo "## ${*#"$ROOT"/}"
  local cols=() v r
  for v in absent off; do
    for ((r = 1; r <= RUNS; r++)); do
      sizes "$v" "$@" >"$WORK/$v.$r"
      cols+=("$v.$r")
    done
  done
  # one row per compilation unit: its CodeSize in every run
  printf '| unit | tier |'; printf ' %s |' "${cols[@]}"; printf ' same |\n'
  printf '|---|---|'; printf -- '---:|%.0s' "${cols[@]}"; printf -- '---|\n'
  cat "${cols[@]/#/$WORK/}" | sed 's/ [0-9]*$//' | sort -u | while read -r key; do
    local row=() c s all_same=yes first=
    for c in "${cols[@]}"; do
      s=$(grep -F -- "$key " "$WORK/$c" | sed 's/.* //' | head -1)
      row+=("${s:--}")
      [[ -z $first ]] && first=${s:--}
      [[ ${s:--} == "$first" ]] || all_same=no
    done
    local name=${key%|*} tier=${key##*|}
    printf '| %s | %s |' "$name" "$tier"; printf ' %s |' "${row[@]}"; printf ' %s |\n' "$all_same"
  done
  echo
}

# "absent off" medians, N alternating pairs, for one workload
timings() {
  echo "## ${*#"$ROOT"/} (median ms of coro --bench 10, pairs alternate absent/off)"
  local r v
  for ((r = 1; r <= TIMING; r++)); do
    for v in absent off; do
      printf '%s %s ' "$v" "$("$WORK/$v/bin/coro" --bench 10 "$@" 2>&1 >/dev/null | sed -n 's/^median_ms=//p')"
    done
    echo "(load $(cut -d' ' -f1 /proc/loadavg))"
  done
}

if [[ -n ${TIMING:-} ]]; then
  timings "$ROOT/bench/generators/pipeline.coro" 10000000
  timings "$ROOT/bench/async/tasks.coro" 100000
elif (( $# > 0 )); then
  compare "$@"
else
  compare "$ROOT/bench/generators/pipeline.coro" 1000000
  compare "$ROOT/bench/async/tasks.coro" 20000
fi
