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
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./mvnw -B -q -pl parley-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$WORK/build.log"; exit 1; }
CP="parley-server/target/test-classes:parley-server/target/classes:parley-protocol/target/classes:parley-crypto/target/classes:$(cat "$WORK/cp.txt")"

"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" org.parley.server.bench.MetricsCostMain
