# Sourced by the bench/*.sh scripts: compiles parley-bench and the modules it needs (no install,
# no tests run) and sets BENCH_CP to its class path. The phase is test-compile, not compile: some of
# those modules depend on parley-protocol's test jar, which, with nothing installed in ~/.m2 (a fresh
# machine), the reactor can only resolve to parley-protocol/target/test-classes once it exists.
BENCH_WORK=${BENCH_WORK:-$(mktemp -d)}
./mvnw -B -q -pl parley-bench -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$BENCH_WORK/cp.txt" -Dmdep.includeScope=runtime >"$BENCH_WORK/build.log" 2>&1 \
    || { echo "build failed:"; tail -30 "$BENCH_WORK/build.log"; exit 1; }
BENCH_CP="parley-bench/target/classes:parley-server/target/classes:parley-protocol/target/classes:parley-e2ee/target/classes:parley-crypto/target/classes:$(cat "$BENCH_WORK/cp.txt")"
export BENCH_CP
