#!/usr/bin/env bash
# Embedding at scale: first call in a second context of a shared Engine, and heap per context.
#   bench/embedding/run.sh [contexts = 1000] [warm-up calls = 200]
# Compiles SharedEngineBench.java against the built distribution (launcher/target/dist, made by
# bin/coro or bin/test) and runs it on the distribution's JVM with the Graal JIT, as coro runs.
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../../bin/lib/java.sh
source "$ROOT/bin/lib/java.sh"
coro_use_jdk
DIST=$ROOT/launcher/target/dist
[[ -d $DIST/lib ]] || "$ROOT/bin/coro" -e '0' >/dev/null    # builds the distribution
CP=$(IFS=:; jars=("$DIST"/lib/*.jar); echo "${jars[*]}")
OUT=$ROOT/bench/embedding/target
mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -d "$OUT" -cp "$CP:$DIST/modules/polyglot-25.0.1.jar" "$HERE/SharedEngineBench.java"
opts=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
# STOCK_JDK=1: the JDK instead of the runtime image (only it offers the class histogram).
if [[ -x $DIST/runtime/bin/java && -z ${STOCK_JDK:-} ]]; then
  JAVA=$DIST/runtime/bin/java
  opts+=(--module-path="$DIST/compiler" --add-modules=jdk.graal.compiler,org.graalvm.polyglot)
else
  JAVA=$JAVA_HOME/bin/java
  opts+=(--upgrade-module-path="$DIST/compiler" --module-path="$DIST/modules" --add-modules=org.graalvm.polyglot)
fi
# shellcheck disable=SC2086
exec "$JAVA" "${opts[@]}" ${CORO_JAVA_OPTS:-} -cp "$CP:$OUT" SharedEngineBench "$@"
