# Sourced by the bench/*.sh scripts: compiles parley-bench and the modules it needs (no install,
# no tests) and sets BENCH_CP to its class path.
BENCH_WORK=${BENCH_WORK:-$(mktemp -d)}
./mvnw -B -q -pl parley-bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$BENCH_WORK/cp.txt" -Dmdep.includeScope=runtime >"$BENCH_WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$BENCH_WORK/build.log"; exit 1; }
BENCH_CP="parley-bench/target/classes:parley-server/target/classes:parley-protocol/target/classes:parley-e2ee/target/classes:parley-crypto/target/classes:$(cat "$BENCH_WORK/cp.txt")"
export BENCH_CP
