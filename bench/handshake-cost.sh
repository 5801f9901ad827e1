#!/usr/bin/env bash
# CPU cost of one handshake for the server and for an honest client, per preset and for every key
# exchange and signature the preset allows (a benchmark, not a test).
#
#   bench/handshake-cost.sh [iterations per pair, default 200]
#
# Builds the server module and its test classes (no install) and runs
# org.parley.server.bench.HandshakeCostMain in one JVM: in-memory handshakes on one thread, thread
# CPU time split between the server's steps and the client's. A client replaying a recorded
# ClientHello pays none of the client column, so for it the server's cost is bounded only by the
# handshake rates (docs/SECURITY.md, "Cost of a handshake").
set -euo pipefail
ITERATIONS=${1:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./mvnw -B -q -pl parley-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$WORK/build.log"; exit 1; }
CP="parley-server/target/test-classes:parley-server/target/classes:parley-protocol/target/test-classes:parley-protocol/target/classes:parley-crypto/target/classes:$(cat "$WORK/cp.txt")"

"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" org.parley.server.bench.HandshakeCostMain "$ITERATIONS"
