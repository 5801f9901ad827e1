#!/usr/bin/env bash
# Issue 13's benchmark in one command: Parley and its peers (ngIRCd, InspIRCd, Redis pub/sub, Redis
# with appendfsync always, the JDK's TLS 1.3) measured in the same run, one table at the end.
#
#   bench/run.sh [--quick] [--no-peers] [--no-pin] [--fanout-only] [--only=SCENARIO,...]
#
# --quick     short windows, N = 10 and 100 only, fewer steps (a few minutes instead of ~40)
# --no-peers  Parley only (also what happens when the peers are not installed and we are not root)
# --fanout-only  only the room fan-out ladder at N = 100, for before/after comparisons
# --only=LIST only these scenarios, with their peers: fanout (N = 10, 100, 1000), fanout100 (N = 100
#             only), echo, durable, handshake, idle, history; e.g. --only=fanout100,durable,handshake
# --no-pin    do not pin: by default every server (Parley's JVM and each peer) runs on core 0 and the
#             load generator on core 1 (taskset), so that "server CPU" and "generator CPU" are two cores
#
# Work files and logs go to bench/out/<date>/ (results.tsv has every figure; run.log everything).
# bench/README.md explains each figure and how a sustained rate is decided.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
QUICK=no PEERS=yes PIN=yes ONLY=fanout,echo,durable,handshake,idle,history
USAGE="usage: bench/run.sh [--quick] [--no-peers] [--no-pin] [--fanout-only] [--only=fanout|fanout100|echo|durable|handshake|idle|history,...]"
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=yes ;;
        --no-peers) PEERS=no ;;
        --no-pin) PIN=no ;;
        --fanout-only) ONLY=fanout100 ;;
        --only=*) ONLY=${arg#--only=}
            for s in ${ONLY//,/ }; do
                case "$s" in fanout|fanout100|echo|durable|handshake|idle|history) ;; *) echo "$USAGE" >&2; exit 2 ;; esac
            done ;;
        *) echo "$USAGE" >&2; exit 2 ;;
    esac
done
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
BENCH_WORK="$OUT"
source "$ROOT/bench/classpath.sh"
COMMAND="bench/run.sh $*"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

GEN=("$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" org.parley.bench.BenchMain)
PIN_ARGS=()
export PEER_CORE="" # peers.sh pins the peers only when given a core: with --no-pin they float, as Parley's server does
if [ "$PIN" = yes ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    GEN=(taskset -c 1 "${GEN[@]}")
    PIN_ARGS=(--pin)
    export PEER_CORE=0
fi

if [ "$PEERS" = yes ]; then
    trap 'bench/peers.sh stop "$OUT"' EXIT
    bench/peers.sh start "$OUT" >"$OUT/peers.log" 2>&1 || true
    cat "$OUT/peers.log"
    # shellcheck disable=SC1091
    [ -f "$OUT/peers.env" ] && . "$OUT/peers.env"
fi
has() { [ -n "${1:-}" ]; }

run() { # run SCENARIO ARGS...: one generator run, its output kept, its RESULT lines gathered
    echo "== ${*}" | tee -a "$OUT/run.log"
    if "${GEN[@]}" "$@" "${PIN_ARGS[@]}" --work "$OUT/work" >>"$OUT/run.log" 2>&1; then :; else
        echo "   (failed, see $OUT/run.log)"
    fi
    grep '^RESULT' "$OUT/run.log" | awk '!seen[$0]++' >"$OUT/results.tsv" || true
    # A peer overloaded by a fan-out step can log without end (ngIRCd: one line per failed write to a
    # closed connection, 27 GB in the 2026-12-05 11:17 run); its log is cut back rather than fill the disk.
    for log in "$OUT"/peers/*.log; do
        if [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt $((64 * 1024 * 1024)) ]; then
            truncate -s 0 "$log" && echo "peers: $(basename "$log") passed 64 MiB and was emptied" | tee -a "$OUT/run.log"
        fi
    done
}

# fresh_peers NAME: restarts the peers, their logs so far kept in peers-before-NAME/. Parley's server is
# a fresh JVM in every scenario; the peers serve the whole run in one process each, so each group of
# scenarios after the fan-out ladders gets fresh ones: in the 2026-12-05 11:17 run ngIRCd was still
# retrying writes to connections an overloaded fan-out step had closed (a whole core, a 27 GB log)
# through the echo and idle scenarios, and its 1,000 idle clients reused memory the 1,000-member
# fan-out room had left resident.
fresh_peers() {
    if [ "$PEERS" = yes ] && [ -f "$OUT/peers.env" ]; then
        bench/peers.sh stop "$OUT" >>"$OUT/peers.log" 2>&1 || true
        if [ -d "$OUT/peers" ]; then mv "$OUT/peers" "$OUT/peers-before-$1"; fi
        bench/peers.sh start "$OUT" >>"$OUT/peers.log" 2>&1 || true
        unset NGIRCD_PORT INSPIRCD_PORT REDIS_PORT REDIS_AOF_PORT
        # shellcheck disable=SC1091
        [ -f "$OUT/peers.env" ] && . "$OUT/peers.env"
    fi
}

# FRESH_WARMUP: the length of each warm-up step of the N = 100 runs on a fresh server after the ladder (the overload
# sequence and the target checks): after warm-up steps of 5 s the JIT compiler threads still took 510-530 ms of the
# server's 1,670-2,620 ms of CPU in the measured step, after steps of 15 s 50-60 ms (2026-12-06, branch target).
if [ "$QUICK" = yes ]; then
    SECONDS_STEP=2 WARMUP=2 FRESH_WARMUP=5 LADDER_N="10 100" IDLE_TOTALS=1000 IDLE_SECONDS=10 HS_SECONDS=3 HS_WARMUP=5 HS_PAIR_WARMUP=5
else
    SECONDS_STEP=5 WARMUP=5 FRESH_WARMUP=15 LADDER_N="10 100 1000" IDLE_TOTALS=1000,10000 IDLE_SECONDS=30 HS_SECONDS=10 HS_WARMUP=30 HS_PAIR_WARMUP=90
fi

if wanted fanout; then :; elif wanted fanout100; then LADDER_N="100"; else LADDER_N=""; fi

# Room fan-out ladders: 1.5x steps from 5,000 deliveries/s until two steps in a row did not keep up,
# then 3 steps between the best sustained rate and the next one offered (1.107x apart) on a fresh room,
# so that two servers sustaining the same 1.5x step are told apart.
for N in $LADDER_N; do
    SENDERS=$(( N < 10 ? N : 10 ))
    FROM=$(( 5000 / (N - 1) )); [ "$FROM" -lt 5 ] && FROM=5
    RATES=$(awk -v f="$FROM" 'BEGIN { r = f; s = ""; while (r < 40000000 / 1) { s = s (s ? "," : "") int(r + 0.5); r *= 1.5; if (r * 1 > 60000) break } print s }')
    # --window 256: Parley's senders keep the protocol's window (PROTOCOL 14.7; bench/README.md "The senders'
    # window"); the peers' messages get no answer, so theirs keep none whatever is given.
    COMMON=(--members "$N" --senders "$SENDERS" --size 100 --seconds "$SECONDS_STEP" --warmup "$WARMUP" --rates "$RATES" --until-saturated --refine 3 --window 256)
    # Each peer's ladder gets freshly started peers: an IRC server overloaded by its last steps can keep its
    # core busy for minutes (ngIRCd retrying writes to closed members: "still busy after 30 s" in the
    # 2026-12-06 02:39 run), and the servers after it on core 0 then measured half a core.
    run fanout --target parley "${COMMON[@]}"
    if [ "$N" = 100 ]; then
        # Issue 13 §3: Parley's sustained rate S, then S, 1.5S, 2S, 0.5S back to back on a fresh room
        # (bench/README.md "Overload"); table.sh prints the §3 line from its RESULT lines.
        # Its warm-up: a step at 0.5S, then one at S (each $FRESH_WARMUP s, unreported), so that the sequence's S step
        # meets a server that has just carried S, as the ladder's did; after 5 s at 5,000 msg/s the S step ran cold
        # (65-73 % delivered, 0.38-0.42 µs server CPU per delivery against 0.24 in the ladder).
        S=$(awk -F'\t' '$1 == "RESULT" && $2 == "fanout-N100" && $3 == "parley" { split($6, a, " "); s = a[1] } END { print s + 0 }' "$OUT/results.tsv")
        if [ "${S%.*}" -gt 0 ] 2>/dev/null; then
            run fanout --target parley --name overload-N100 --overload "$S" --members 100 --senders 10 --size 100 \
                --seconds 5 --warmup "$FRESH_WARMUP" --warmup-rate "$(( (S + 1) / 2 )),$S" --window 256
        else
            echo "== overload-N100 skipped: Parley sustained no N = 100 step" | tee -a "$OUT/run.log"
        fi
    fi
    has "${NGIRCD_PORT:-}" && fresh_peers "fanout$N-ngircd" && has "${NGIRCD_PORT:-}" && run fanout --target ngircd --port "$NGIRCD_PORT" --pid "$NGIRCD_PID" "${COMMON[@]}"
    has "${INSPIRCD_PORT:-}" && fresh_peers "fanout$N-inspircd" && has "${INSPIRCD_PORT:-}" && run fanout --target inspircd --port "$INSPIRCD_PORT" --pid "$INSPIRCD_PID" "${COMMON[@]}"
    has "${REDIS_PORT:-}" && fresh_peers "fanout$N-redis" && has "${REDIS_PORT:-}" && run fanout --target redis --port "$REDIS_PORT" --pid "$REDIS_PID" "${COMMON[@]}"
    if [ "$N" = 100 ]; then
        # Issue 13's fan-out target checked directly (bench/README.md "The fan-out target"): Parley on a fresh server at
        # R = ceil(1.5 x ngIRCd's sustained msg/s), then at 1.5 x the best peer's when that is above ngIRCd's, one step
        # each after warm-up steps at R / 2.25 and R / 1.5 ($FRESH_WARMUP s each), judged as a ladder step is; Java reads the
        # peers' figures from results.tsv and says why when a check cannot run (no peer ladder, nothing sustained).
        # The peers are restarted first: they share core 0 with Parley's server, and one overloaded by its last
        # steps can keep that core busy for minutes (see fresh_peers).
        fresh_peers "fanout$N-target"
        for CHECK in ngircd best-peer; do
            run fanout --check-target "$CHECK" --results "$OUT/results.tsv" --members 100 --senders 10 --size 100 \
                --seconds "$SECONDS_STEP" --warmup "$FRESH_WARMUP" --window 256
            grep '^# target check' "$OUT/run.log" | tail -n 1 | sed 's/^/   /' || true
        done
    fi
done

if wanted echo; then
fresh_peers echo
# 1:1 latency at low load: 2 members, 20 messages a second, after a warm-up at 2,000 a second (20 a
# second for a few seconds is too few messages for the JIT: it measured Parley's interpreter).
ECHO=(--name echo --members 2 --senders 1 --size 100 --rates 20 --seconds 10 --warmup 10 --warmup-rate 2000)
run fanout --target parley "${ECHO[@]}"
has "${NGIRCD_PORT:-}" && run fanout --target ngircd --port "$NGIRCD_PORT" --pid "$NGIRCD_PID" "${ECHO[@]}"
has "${INSPIRCD_PORT:-}" && run fanout --target inspircd --port "$INSPIRCD_PORT" --pid "$INSPIRCD_PID" "${ECHO[@]}"
has "${REDIS_PORT:-}" && run fanout --target redis --port "$REDIS_PORT" --pid "$REDIS_PID" "${ECHO[@]}"
fi

if wanted durable; then
# Durable messages/s, acknowledged after commit (Parley) or after fsync (Redis, appendfsync always).
# 30 s of warm-up each (the default 2 s left Parley's JIT cold: 1 sender 374 msg/s after 2 s, 1,993 after 10 s;
# after 10 s the JIT compiler still took 0.15-0.26 of the server's core at 64 senders, after 30 s none).
run durable --target parley --concurrency 1,16,64 --seconds "$SECONDS_STEP" --warmup 30
has "${REDIS_AOF_PORT:-}" && run durable --target redis-aof --port "$REDIS_AOF_PORT" --pid "$REDIS_AOF_PID" --concurrency 1,16,64 --seconds "$SECONDS_STEP" --warmup 30
fi

if wanted handshake; then
# Handshakes per server CPU-second: each preset without login, the default preset with key login, the JDK's TLS 1.3.
for PRESET in MODERN PQ COMPATIBLE; do
    run handshake --preset "$PRESET" --seconds "$HS_SECONDS" --warmup "$HS_WARMUP"
done
# The pair the issue compares (key login against the JDK's TLS 1.3) warms up for 90 s: after 30 s the JDK's
# TLS server still had its JIT compiler at 0.25 of its core in the window (2026-12-06 02:19 run), Parley's at 0.11.
run handshake --preset MODERN --login --seconds "$HS_SECONDS" --warmup "$HS_PAIR_WARMUP"
if [ -f "$OUT/peers/cert.pem" ]; then
    run handshake --target jdk-tls --cert "$OUT/peers/cert.pem" --key "$OUT/peers/key.pem" --seconds "$HS_SECONDS" --warmup "$HS_PAIR_WARMUP"
fi
fi

if wanted idle; then
fresh_peers idle
# Memory per idle authenticated connection and idle CPU.
run idle --target parley --totals "$IDLE_TOTALS" --idle-seconds "$IDLE_SECONDS"
has "${NGIRCD_PORT:-}" && run idle --target ngircd --port "$NGIRCD_PORT" --pid "$NGIRCD_PID" --totals "$IDLE_TOTALS" --idle-seconds "$IDLE_SECONDS"
has "${INSPIRCD_PORT:-}" && run idle --target inspircd --port "$INSPIRCD_PORT" --pid "$INSPIRCD_PID" --totals "$IDLE_TOTALS" --idle-seconds "$IDLE_SECONDS"
has "${REDIS_PORT:-}" && run idle --target redis --port "$REDIS_PORT" --pid "$REDIS_PID" --totals "$IDLE_TOTALS" --idle-seconds "$IDLE_SECONDS"
fi

if wanted history; then
# History paging.
run history --messages 5000 --readers 4 --seconds "$SECONDS_STEP"
fi

{
    echo "# Parley benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "# command: $COMMAND (pinning: $PIN; peers: $PEERS); load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)"
    bench/table.sh "$OUT/results.tsv"
} | tee "$OUT/table.md"
