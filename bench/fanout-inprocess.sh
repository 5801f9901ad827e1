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
TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source "$ROOT/bench/test-classpath.sh"
CP="$TEST_CP"

# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx1g ${JAVA_OPTS:-} -cp "$CP" org.parley.server.bench.FanOutMain "$@"
