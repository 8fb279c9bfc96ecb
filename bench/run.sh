#!/usr/bin/env bash
# The core micro benchmarks (fib(30), the 100M-iteration loop) against the peers:
# bench/compare.sh restricted to them (see there for the table and the environment).
#   bench/run.sh fib    # only this one
(( $# )) || set -- fib loop
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/compare.sh" "$@"
