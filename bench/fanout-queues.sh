#!/usr/bin/env bash
# Where fan-out messages wait (a measurement, not a test): runs one bench/fanout.sh ladder and, every
# second, sums the TCP queues of the server's connections with `ss` (Linux):
#   server unread   bytes the clients sent that the server has not read (senders' requests; grows while reading is paused)
#   server unacked  bytes the server wrote that the clients have not yet received (its kernel send buffers)
#   client unread   bytes received by the clients and not yet read by the generator (its receive buffers)
#   client unsent   bytes the generator wrote that are not yet sent to the server (its send buffers)
#
#   bench/fanout-queues.sh [bench/fanout.sh options...]
#   e.g. bench/fanout-queues.sh --members 100 --senders 10 --size 100 --rates 4500 --seconds 10 --pin
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
"$ROOT/bench/fanout.sh" "$@" --work "$WORK" &
LADDER=$!
while [ ! -s "$WORK/port" ] && kill -0 "$LADDER" 2>/dev/null; do sleep 0.5; done
PORT=$(cat "$WORK/port")
while kill -0 "$LADDER" 2>/dev/null; do
    S=$(ss -tnH state established "( sport = :$PORT )" | awk '{r += $1; s += $2} END {printf "server unread %d, unacked %d", r, s}')
    C=$(ss -tnH state established "( dport = :$PORT )" | awk '{r += $1; s += $2} END {printf "client unread %d, unsent %d", r, s}')
    echo "# queues $(date -u +%T): $S; $C (bytes)"
    sleep 1
done
wait "$LADDER"
