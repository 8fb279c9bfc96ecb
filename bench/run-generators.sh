#!/usr/bin/env bash
# The four generator workloads of the peers (pipeline, tree, pingpong, sieve):
# bench/compare.sh restricted to them (see there for the table and the environment).
#   bench/run-generators.sh tree sieve    # only these
(( $# )) || set -- pipeline tree pingpong sieve
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/compare.sh" "$@"
