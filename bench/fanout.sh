#!/usr/bin/env bash
# Room fan-out ladder against a Parley server (a benchmark, not a test): see bench/README.md.
#
#   bench/fanout.sh [BenchMain fanout options...]
#   e.g. bench/fanout.sh --members 100 --senders 10 --size 100 --rates 250,500,1000,2000 --seconds 5
#
# Builds parley-bench and what it needs (no install), then runs the load generator on core 1; with
# --pin the generator starts the server on core 0 (taskset), else both float over both cores.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
source "$ROOT/bench/classpath.sh"
PIN=()
for arg in "$@"; do [ "$arg" = "--pin" ] && PIN=(taskset -c 1); done
"${PIN[@]}" "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
    -cp "$BENCH_CP" org.parley.bench.BenchMain fanout "$@"
