#!/usr/bin/env bash
# JMH benchmark of the end-to-end core (a benchmark, not a test): session start per side and
# encrypt + decrypt of a 1 KiB message, for the classic and pq-ratchet suites.
#
#   bench/e2ee-bench.sh [extra JMH options, e.g. -f 1 -wi 2 -i 3]
#   bench/e2ee-bench.sh --cpu     CPU time per operation of the measuring thread (E2eeCpuTime),
#                                 which an overloaded shared machine distorts far less
#   bench/e2ee-bench.sh --rooms [JMH options]   a room of 100 member devices (RoomBench)
#   bench/e2ee-bench.sh --rooms-cpu             the same as CPU time per operation (RoomCpuTime)
#
# Builds parley-e2ee and its test classes with the reactor (no install), then runs
# org.parley.e2ee.bench.E2eeBench. Results are reported in docs/E2EE.md section 17.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TEST_MODULE=parley-e2ee TEST_CLASSES="parley-e2ee parley-protocol" source "$ROOT/bench/test-classpath.sh"
CP="$TEST_CP"

if [ "${1:-}" = "--cpu" ]; then
    exec "$JAVA_HOME/bin/java" -cp "$CP" org.parley.e2ee.bench.E2eeCpuTime
fi
if [ "${1:-}" = "--rooms-cpu" ]; then
    exec "$JAVA_HOME/bin/java" -cp "$CP" org.parley.e2ee.bench.RoomCpuTime
fi
if [ "${1:-}" = "--rooms" ]; then
    shift
    exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'org.parley.e2ee.bench.RoomBench' "$@"
fi
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'org.parley.e2ee.bench.E2eeBench' "$@"
