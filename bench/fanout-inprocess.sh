#!/usr/bin/env bash
# Room fan-out and durable messages per second against a real server on loopback (issue 13; a
# benchmark, not a test). Server and clients share one JVM; server CPU is its own threads' time.
#
#   bench/fanout-inprocess.sh fanout [MEMBERS=100] [SENDERS=10] [RATES=500,1000,2000] [SECONDS=5] [BYTES=100]
#   bench/fanout-inprocess.sh durable [SENDERS=1,16,64] [SECONDS=5]
#
# Extra JVM options (a JFR recording, say) go in JAVA_OPTS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./mvnw -B -q -pl parley-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$WORK/build.log"; exit 1; }
CP="parley-server/target/test-classes:parley-server/target/classes:parley-protocol/target/test-classes:parley-protocol/target/classes:parley-crypto/target/classes:$(cat "$WORK/cp.txt")"

# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx1g ${JAVA_OPTS:-} -cp "$CP" org.parley.server.bench.FanOutMain "$@"
