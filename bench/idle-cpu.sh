#!/usr/bin/env bash
# Idle CPU of a Parley server with N idle, logged-in clients (a benchmark, not a test).
#
#   bench/idle-cpu.sh [N clients, default 50] [seconds, default 30]
#
# Builds the server module and its test classes (no install), starts the server in its own JVM
# (org.parley.server.bench.IdleServerMain, test classpath), connects N clients from a second JVM
# (IdleClientsMain: register, join the lobby, then nothing), waits for the JIT to settle, then
# samples the server's utime+stime from /proc/<pid>/stat over the window and prints CPU %.
set -euo pipefail
N=${1:-50}
SECONDS_WINDOW=${2:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'kill ${SERVER_PID:-} ${CLIENTS_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

./mvnw -B -q -pl parley-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$WORK/build.log"; exit 1; }
CP="parley-server/target/test-classes:parley-server/target/classes:parley-protocol/target/test-classes:parley-protocol/target/classes:parley-crypto/target/classes:$(cat "$WORK/cp.txt")"

"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" org.parley.server.bench.IdleServerMain "$WORK/data" "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port")
"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" org.parley.server.bench.IdleClientsMain "$PORT" "$N" "$WORK/ready" >"$WORK/clients.log" 2>&1 &
CLIENTS_PID=$!
for _ in $(seq 1 3000); do [ -s "$WORK/ready" ] && break; sleep 0.1; done
[ -s "$WORK/ready" ] || { echo "clients did not get ready"; tail -20 "$WORK/clients.log"; exit 1; }
sleep 5   # let the JIT and GC settle after the logins

ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
HZ=$(getconf CLK_TCK)
T0=$(ticks)
sleep "$SECONDS_WINDOW"
T1=$(ticks)
USED=$((T1 - T0))
awk -v used="$USED" -v hz="$HZ" -v secs="$SECONDS_WINDOW" -v n="$N" 'BEGIN {
  cpu = used / hz; printf "idle server, %d idle clients: %.2f s CPU in %d s = %.2f%% of one core (%d ticks at %d Hz)\n", n, cpu, secs, 100 * cpu / secs, used, hz }'
