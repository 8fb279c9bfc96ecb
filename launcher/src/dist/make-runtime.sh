#!/usr/bin/env bash
# Run by the launcher's Maven build (package phase) to finish the distribution in DIST:
#   bin/coro   the script that runs it (copied from SRC/bin/coro)
#   runtime/   a Java image of the JDK with the Graal/Truffle modules and tools linked in
#              (remade only when a module jar changed)
#   coro.aot, coro-repl.aot
#              AOT caches recorded from a training script and a training REPL session (remade on
#              every build: a cache is only valid for the exact jars it was recorded with)
# Usage: make-runtime.sh DIST JDK SRC. Never fails the build: without runtime/ and the caches,
# coro still runs, with a slower start-up. CORO_NO_AOT=1 skips the training runs (~15 s).
set -uo pipefail
DIST=$1 JDK=$2 SRC=$3
LOG=$DIST/make-runtime.log
: >"$LOG"
warn() { echo "[coro] $1 (coro still works, with a slower start-up); see $LOG" >&2; }

mkdir -p "$DIST/bin"
cp "$SRC/bin/coro" "$DIST/bin/coro" && chmod +x "$DIST/bin/coro" || exit 1

# JDK modules for the image: Java SE (host access from Coro may reach any of it), what Truffle
# needs, and tooling (JMX, the debugger agent). Not jdk.jfr: when it is present, Truffle registers
# its JFR events on every start (~150 more classes).
JDK_MODULES=java.se,jdk.unsupported,jdk.internal.vm.ci,jdk.management,jdk.management.agent,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.net,jdk.httpserver,jdk.jdwp.agent,jdk.attach,jdk.crypto.cryptoki

image_is_stale() {
  [[ -x $DIST/runtime/bin/java && ! ${BASH_SOURCE[0]} -nt $DIST/runtime/release ]] || return 0
  local j
  for j in "$DIST"/modules/*.jar; do [[ $j -nt $DIST/runtime/release ]] && return 0; done
  return 1
}

if image_is_stale; then
  rm -rf "$DIST/runtime" "$DIST/runtime.tmp"
  # The Graal compiler stays out of the image: jlink would take the JDK's own jdk.graal.compiler,
  # which lacks Truffle support; bin/coro puts ours on the module path.
  if "$JDK/bin/jlink" --module-path "$DIST/modules" --add-modules "ALL-MODULE-PATH,$JDK_MODULES" \
       --generate-cds-archive --no-header-files --no-man-pages --output "$DIST/runtime.tmp" >>"$LOG" 2>&1; then
    mv "$DIST/runtime.tmp" "$DIST/runtime"
  else
    rm -rf "$DIST/runtime.tmp"
    warn "jlink could not make a runtime image"
  fi
fi

# Records the AOT cache $1 from a run of coro with the other arguments (stdin: $TRAINING_INPUT),
# with the JVM flags of bin/coro (a cache is only used with the flags it was made with).
train() {
  local cache=$1
  shift
  rm -f "$DIST/$cache" "$DIST/$cache.tmp"
  [[ -x $DIST/runtime/bin/java && -z ${CORO_NO_AOT:-} ]] || return 0
  if CORO_AOT_OUTPUT=$DIST/$cache.tmp CORO_HISTORY=$DIST/.training-history CORO_JAVA_OPTS= \
       "$DIST/bin/coro" "$@" <"${TRAINING_INPUT:-/dev/null}" >>"$LOG" 2>&1 && [[ -f $DIST/$cache.tmp ]]; then
    mv "$DIST/$cache.tmp" "$DIST/$cache"
  else
    rm -f "$DIST/$cache.tmp"
    warn "the AOT training run for $cache failed"
  fi
  rm -f "$DIST/.training-history"
}

# The script cache also holds the Graal compiler: the training compiles (low thresholds, in the
# foreground), so Graal's classes are loaded and linked ahead of time rather than loaded from its
# jar and verified during a program's first compilations (~1,100 classes; see docs/performance.md).
JIT_TRAINING=(--experimental-options --engine.BackgroundCompilation=false
  --engine.FirstTierCompilationThreshold=20 --engine.LastTierCompilationThreshold=60
  --engine.FirstTierMinInvokeThreshold=1 --engine.MinInvokeThreshold=1)
train coro.aot "${JIT_TRAINING[@]}" -e "$(cat "$SRC/training.coro" "$SRC/training-jit.coro")"
TRAINING_INPUT=$SRC/training-repl.txt train coro-repl.aot -i "$SRC/training.coro"
exit 0
