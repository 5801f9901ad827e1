#!/usr/bin/env bash
# What the server's metrics add to one room message, with the metrics endpoint on and off (a
# benchmark, not a test; docs/OPERATIONS.md, "Metrics").
#
#   bench/metrics-cost.sh
#
# Builds the server module and its test classes (no install) and runs
# org.parley.server.bench.MetricsCostMain in one JVM, on one thread.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source "$ROOT/bench/test-classpath.sh"
CP="$TEST_CP"

"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" org.parley.server.bench.MetricsCostMain
