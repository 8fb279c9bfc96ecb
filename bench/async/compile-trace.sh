#!/usr/bin/env bash
# Shows that tasks of 20 different async functions each compile and stay compiled (a resume root
# per function, no shared megamorphic resume site): runs many_functions.coro with
# --engine.TraceCompilation and counts, per compilation unit, the compilations done per tier and
# the invalidations and deoptimizations.
#   bench/async/compile-trace.sh [rounds = 1000] [steps = 500]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$ROOT/bin/coro" --engine.TraceCompilation=true "$ROOT/bench/async/many_functions.coro" "${1:-1000}" "${2:-500}" 2>"$log" >/dev/null
printf '%-32s %7s %7s %12s %7s\n' "unit" "tier 1" "tier 2" "invalidated" "deopt"
# "[engine] opt done   engine=1  id=82    step07(resume_bci=190)    |Tier 1|..."
sed -nE 's/^\[engine\] opt ([a-z.]+) +engine=[0-9]+ +id=[0-9]+ +(.*[^ ]) +\|(Tier [12])?.*/\1|\2|\3/p' "$log" |
  awk -F"|" '{sub(/ +$/, "", $2); u[$2]; if ($1=="done" && $3=="Tier 1") t1[$2]++; else if ($1=="done") t2[$2]++;
             else if ($1 ~ /^inv/) inv[$2]++; else if ($1 ~ /^deopt/) de[$2]++}
             END {for (k in u) printf "%-32s %7d %7d %12d %7d\n", k, t1[k], t2[k], inv[k], de[k]}' | sort
