# shellcheck shell=bash
# Sourced by bin/coro and bin/test: finds a JDK 25 for Coro.
# Order: $JAVA_HOME if it is 25 or newer, then a JDK 25 in the usual places,
# then any newer JDK there.

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
coro_jdk_version() {
  local v=""
  # The release file is much faster to read than starting `java -version`.
  [[ -r $1/release ]] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  if [[ -z $v && -x $1/bin/java ]]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

# Prints the home of a suitable JDK, or fails.
coro_find_jdk() {
  local c v want
  if [[ -n ${JAVA_HOME:-} ]]; then
    v=$(coro_jdk_version "$JAVA_HOME")
    if [[ -n $v && $v -ge 25 ]]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local on_path=""
  command -v java >/dev/null 2>&1 && on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  for want in exact newer; do
    for c in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home $on_path; do
      [[ -x $c/bin/java ]] || continue
      v=$(coro_jdk_version "$c")
      [[ -n $v ]] || continue
      if [[ $want == exact && $v -eq 25 ]] || [[ $want == newer && $v -gt 25 ]]; then
        echo "$c"; return 0
      fi
    done
  done
  return 1
}

# Exports JAVA_HOME or exits with a clear message.
coro_use_jdk() {
  local home
  if ! home=$(coro_find_jdk); then
    echo "coro: no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
    echo "coro: install one (e.g. Eclipse Temurin 25) and set JAVA_HOME to it." >&2
    exit 2
  fi
  export JAVA_HOME=$home
}
