#!/usr/bin/env bash
# The client's encrypted-room path for a room of about 100 member devices (a benchmark, not a
# test): org.parley.client.e2ee.room.RoomClientCost, with real storage and an in-memory server.
# Builds parley-client and its test classes with the reactor (no install). Results: docs/E2EE.md §20.7.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -B -q -pl parley-client -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$WORK/build.log"; exit 1; }
CP="parley-client/target/test-classes:parley-client/target/classes"
for module in parley-crypto parley-protocol parley-e2ee; do
    CP="$CP:$module/target/classes"
done
exec "$JAVA_HOME/bin/java" -cp "$CP:$(cat "$WORK/cp.txt")" org.parley.client.e2ee.room.RoomClientCost
